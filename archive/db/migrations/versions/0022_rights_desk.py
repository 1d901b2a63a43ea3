"""rights desk: perceptual fingerprints and near copies, publications, agency terms

Revision ID: 0022_rights_desk
Revises: 0023_search_tuning
Create Date: 2026-12-03 07:00:00

New tables only. Photos imported before this have no fingerprint until
`creditdesk similar --rebuild` computes them from the thumbnails already on disk.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022_rights_desk"
down_revision: str | None = "0023_search_tuning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _photo_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["photo.id"], name=op.f(f"fk_{table}_{column}_photo"), ondelete="CASCADE"
    )


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("used_recently_days", sa.Integer(), nullable=False, server_default="30")
        )
    op.create_table(
        "photo_fingerprint",
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("whole", sa.BigInteger(), nullable=False),
        sa.Column("centre", sa.BigInteger(), nullable=False),
        _photo_fk("photo_id", "photo_fingerprint"),
        sa.PrimaryKeyConstraint("photo_id", name=op.f("pk_photo_fingerprint")),
    )
    op.create_table(
        "fingerprint_band",
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("whole", sa.BigInteger(), nullable=False),
        sa.Column("centre", sa.BigInteger(), nullable=False),
        _photo_fk("photo_id", "fingerprint_band"),
        sa.PrimaryKeyConstraint("code", "photo_id", name=op.f("pk_fingerprint_band")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f("ix_fingerprint_band_photo_id"), "fingerprint_band", ["photo_id"], unique=False
    )
    op.create_table(
        "photo_similar",
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("distance", sa.Integer(), nullable=False),
        _photo_fk("photo_id", "photo_similar"),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["photo.id"],
            name=op.f("fk_photo_similar_other_id_photo"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("photo_id", "other_id", name=op.f("pk_photo_similar")),
    )
    op.create_index(op.f("ix_photo_similar_other_id"), "photo_similar", ["other_id"], unique=False)
    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("section", sa.String(length=200), nullable=True),
        sa.Column("page", sa.String(length=50), nullable=True),
        sa.Column("edition", sa.String(length=200), nullable=True),
        sa.Column("use", sa.String(length=40), nullable=False),
        sa.Column("size", sa.String(length=40), nullable=True),
        sa.Column("fee", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("agency", sa.String(length=200), nullable=True),
        sa.Column("agency_parent", sa.String(length=200), nullable=True),
        sa.Column("credit_line", sa.Text(), nullable=True),
        sa.Column("licence_kind", sa.String(length=40), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
        sa.UniqueConstraint("external_id", name=op.f("uq_publication_external_id")),
    )
    for column in ("photo_id", "published_on", "agency"):
        op.create_index(op.f(f"ix_publication_{column}"), "publication", [column], unique=False)
    op.create_table(
        "agency_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_terms")),
        sa.UniqueConstraint("agency", name=op.f("uq_agency_terms_agency")),
    )


def downgrade() -> None:
    op.drop_table("agency_terms")
    op.drop_table("publication")
    op.drop_table("photo_similar")
    op.drop_table("fingerprint_band")
    op.drop_table("photo_fingerprint")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("used_recently_days")
