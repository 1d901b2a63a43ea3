"""search index: photo_fts (SQLite FTS5 / PostgreSQL tsvector + GIN), backfilled

Revision ID: 0002_search
Revises: 0001_core
Create Date: 2026-11-26 11:00:00

The DDL and the document builder live in archive.search (schema.py, index.py) so the
migration, `creditdesk reindex` and the session hooks can never disagree about what is
indexed. A later change of the index layout gets its own migration that calls
rebuild() again (it drops and recreates the table).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_search"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from archive.search.index import rebuild

    # Creates photo_fts (and on SQLite its delete trigger), then indexes every photo.
    rebuild(op.get_bind())


def downgrade() -> None:
    from archive.search.schema import drop

    drop(op.get_bind())
