"""override facts, profile rights on export: what an override was given for

Revision ID: 0019_override_facts
Revises: 0021_provenance
Create Date: 2026-12-03 07:00:00

An override records the facts its rule's finding depended on when it was written (the
territory, the embargo time, the credit line, the licence terms) and lapses when they
change (issue 22 item 1). Overrides written before this revision have none (NULL) and keep
applying as they did.

Profiles gain `rights_on_export` (issue 22 item 3): export writes the licence as usage terms
and the agency's default copyright notice when the file has none; on unless turned off.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_override_facts"
down_revision: str | None = "0021_provenance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("override", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facts", sa.JSON(), nullable=True))
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rights_on_export", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("rights_on_export")
    with op.batch_alter_table("override", schema=None) as batch_op:
        batch_op.drop_column("facts")
