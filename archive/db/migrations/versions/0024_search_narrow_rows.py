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


def _has_index(bind: object) -> bool:
    from sqlalchemy import inspect

    from archive.search import schema

    return bool(inspect(bind).has_table(schema.LAYOUT_TABLE))


def upgrade() -> None:
    bind = op.get_bind()
    if not _has_index(bind):
        return  # no index yet: the first reindex builds layout 4
    if bind.dialect.name == "postgresql":
        from archive.search.index import rebuild

        rebuild(bind)
    else:
        op.execute("UPDATE photo_fts_layout SET version = 4")


def downgrade() -> None:
    # Layout 3's readers find every word they search in layout 4's rows except body and
    # date lexemes, which they never search either: only the recorded version goes back.
    if _has_index(op.get_bind()):
        op.execute("UPDATE photo_fts_layout SET version = 3")
