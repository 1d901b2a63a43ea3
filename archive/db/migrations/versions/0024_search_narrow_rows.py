"""search index layout 4: PostgreSQL's index rows without the lexemes no query reads

Revision ID: 0024_search_narrow_rows
Revises: 0022_rights_desk
Create Date: 2026-12-04 19:00:00

PostgreSQL only: documents no longer carry ``.t.<word>`` (body words, only ever searched
as free words) and ``.d.<token>`` (date tokens; PostgreSQL's dates are ranges over the
index row's date columns) lexemes, a third of each tsvector (document.py, PG_UNNAMED).
Counts of large results visit every heap page holding a match, so narrower rows are
fewer pages: the whole index is rebuilt here, in the migration's transaction (at 1M
photos: minutes, once). SQLite's index is unchanged: its recorded layout moves to 4.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024_search_narrow_rows"
down_revision: str | None = "0022_rights_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from archive.search.index import migrate_postgresql_layout

    migrate_postgresql_layout(op.get_bind(), 4)


def downgrade() -> None:
    # Layout 3's readers never search what layout 4 added or dropped: only the
    # recorded version goes back.
    from archive.search.index import record_layout

    record_layout(op.get_bind(), 3)
