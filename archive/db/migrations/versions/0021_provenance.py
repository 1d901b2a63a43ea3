"""provenance: digital source type, data mining, C2PA state

Revision ID: 0021_provenance
Revises: 0020_ratings_labels
Create Date: 2026-12-03 07:00:00

Profiles gain their provenance settings (JSON, defaults when NULL). Photos gain the IPTC Digital Source Type (NewsCodes term), the PLUS Data Mining term and
the validation state of their C2PA Content Credentials (issue #19). Photos imported before
this revision read as "not stated" / "no credentials" (their provenance was never read).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_provenance"
down_revision: str | None = "0020_ratings_labels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PHOTO_COLUMNS = (
    ("digital_source_type", sa.String(length=100)),
    ("data_mining", sa.String(length=100)),
    ("c2pa_state", sa.String(length=30)),
)


def upgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        for name, kind in _PHOTO_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.create_index("ix_photo_digital_source_type", ["digital_source_type"])
        batch_op.create_index("ix_photo_c2pa_state", ["c2pa_state"])
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provenance", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("provenance")
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_index("ix_photo_c2pa_state")
        batch_op.drop_index("ix_photo_digital_source_type")
        for name, _kind in reversed(_PHOTO_COLUMNS):
            batch_op.drop_column(name)
