"""search index layout 5: PostgreSQL indexes two-word names as one lexeme

Revision ID: 0026_search_name_pairs
Revises: 0025_search_word_years
Create Date: 2026-12-04 19:45:00

PostgreSQL only: each two adjacent words of a photo's people and photographer are also
one lexeme without positions (``.P.kate.winslet``: archive/search/pg_pairs.py), so
``person:"kate winslet"`` is counted from the kept word counts and paged without
rechecking positions. The whole index is rebuilt here, in the migration's transaction
(at 1M photos: minutes, once). SQLite's index is unchanged: its recorded layout moves
to 5.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026_search_name_pairs"
down_revision: str | None = "0025_search_word_years"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _has_index(bind: object) -> bool:
    from sqlalchemy import inspect

    from archive.search import schema

    return bool(inspect(bind).has_table(schema.LAYOUT_TABLE))


def upgrade() -> None:
    bind = op.get_bind()
    if not _has_index(bind):
        return  # no index yet: the first reindex builds layout 5
    if bind.dialect.name == "postgresql":
        from archive.search.index import rebuild

        rebuild(bind)
    else:
        op.execute("UPDATE photo_fts_layout SET version = 5")


def downgrade() -> None:
    # Layout 4's readers never search the pair lexemes: only the recorded version goes back.
    if _has_index(op.get_bind()):
        op.execute("UPDATE photo_fts_layout SET version = 4")
