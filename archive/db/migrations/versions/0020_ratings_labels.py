"""ratings and labels: a photo's star rating and colour label

Revision ID: 0020_ratings_labels
Revises: 0017_wire_desk
Create Date: 2026-12-03 06:40:00

The desk's culling marks, as Lightroom and Photo Mechanic keep them in XMP: ``xmp:Rating``
(1–5 stars; -1 rejected) and ``xmp:Label`` (a colour name: red, yellow, green, blue,
purple, or whatever word the sender used). Indexed: ``rating:>=3`` and ``label:red``
filter on them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_ratings_labels"
down_revision: str | None = "0017_wire_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("label", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_photo_rating"), ["rating"], unique=False)
        batch_op.create_index(batch_op.f("ix_photo_label"), ["label"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photo_label"))
        batch_op.drop_index(batch_op.f("ix_photo_rating"))
        batch_op.drop_column("label")
        batch_op.drop_column("rating")
