"""licence_tag: search tags of licences (restriction:uk-out), backfilled

Revision ID: 0004_licence_tags
Revises: 0003_compliance
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_licence_tags"
down_revision: str | None = "0003_compliance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "licence_tag",
        sa.Column("licence_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["licence_id"],
            ["licence.id"],
            name=op.f("fk_licence_tag_licence_id_licence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("licence_id", "tag", name=op.f("pk_licence_tag")),
    )
    op.create_index(op.f("ix_licence_tag_tag"), "licence_tag", ["tag"], unique=False)

    from archive.db.licence_tags import tags_for

    bind = op.get_bind()
    licence = sa.table(
        "licence",
        sa.column("id", sa.Integer),
        sa.column("restrictions", sa.JSON),
        sa.column("excluded_territories", sa.JSON),
        sa.column("kind", sa.String),
    )
    tag = sa.table("licence_tag", sa.column("licence_id", sa.Integer), sa.column("tag", sa.String))
    rows: list[dict[str, object]] = []
    for lid, restrictions, excluded, kind in bind.execute(sa.select(licence)):
        rows.extend({"licence_id": lid, "tag": t} for t in sorted(tags_for(restrictions, excluded, kind)))
    if rows:
        bind.execute(sa.insert(tag), rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_licence_tag_tag"), table_name="licence_tag")
    op.drop_table("licence_tag")
