"""search index layout 2: vocabulary and narrow facet table beside photo_fts (SQLite)

Revision ID: 0006_search_layout
Revises: 0005_exports
Create Date: 2026-11-26 12:00:00

SQLite gains photo_fts_words (the index's words per column: prefix searches become
ORs of exact words) and photo_fts_facets (photo id → event, agency, photographer, year,
with its delete trigger), and both engines record the layout in photo_fts_layout. As
0002 says, the layout lives in archive.search (schema.py, index.py): on SQLite this
rebuilds the whole index; PostgreSQL's index is unchanged and only records the layout.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_search_layout"
down_revision: str | None = "0005_exports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LAYOUT_2_ONLY = (
    "DROP TRIGGER IF EXISTS photo_fts_facets_photo_deleted",
    "DROP TABLE IF EXISTS photo_fts_facets",
    "DROP TABLE IF EXISTS photo_fts_words",
    "DROP TABLE IF EXISTS photo_fts_layout",
)


def upgrade() -> None:
    from archive.search import schema
    from archive.search.index import rebuild

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        rebuild(bind)
    else:
        schema.ensure(bind)
        schema.set_layout(bind)


def downgrade() -> None:
    # photo_fts itself is what 0002 built; drop only what layout 2 added.
    bind = op.get_bind()
    for stmt in _LAYOUT_2_ONLY:
        if bind.dialect.name == "sqlite" or "layout" in stmt:
            op.execute(stmt)
