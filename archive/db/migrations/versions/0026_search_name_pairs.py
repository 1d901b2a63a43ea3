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


def upgrade() -> None:
    from archive.search.index import migrate_postgresql_layout

    migrate_postgresql_layout(op.get_bind(), 5)


def downgrade() -> None:
    # Layout 4's readers never search what layout 5 added or dropped: only the
    # recorded version goes back.
    from archive.search.index import record_layout

    record_layout(op.get_bind(), 4)
