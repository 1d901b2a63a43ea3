"""wire desk: accessibility text, creator's job title, job id; ingest presets

Revision ID: 0017_wire_desk
Revises: 0015_search_plans
Create Date: 2026-12-02 21:00:00

Photos gain the IPTC 2021 accessibility fields (alt text, extended description), the
creator's job title (IIM 2:85) and the job id / transmission reference (IIM 2:103).
Ingest presets (named sets of field values applied at import) get their own table so a
team archive on PostgreSQL shares them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_wire_desk"
down_revision: str | None = "0015_search_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PHOTO_COLUMNS = (
    ("alt_text", sa.Text()),
    ("extended_description", sa.Text()),
    ("creator_job_title", sa.String(length=300)),
    ("job_id", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        for name, kind in _PHOTO_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    op.create_table(
        "ingest_preset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_preset")),
        sa.UniqueConstraint("name", name=op.f("uq_ingest_preset_name")),
    )


def downgrade() -> None:
    op.drop_table("ingest_preset")
    with op.batch_alter_table("photo", schema=None) as batch_op:
        for name, _kind in reversed(_PHOTO_COLUMNS):
            batch_op.drop_column(name)
