"""search index layout 3: ISO country codes in documents; PostgreSQL's own index rows

Revision ID: 0015_search_plans
Revises: 0006_search_layout
Create Date: 2026-12-02 21:00:00

Both engines: every document gains the ISO 3166 alpha-2/alpha-3 codes of its country
(from the embedded code, else the name, else the event's country), so ``country:GB``
finds photos whose country is "United Kingdom"; existing archives get them here.
PostgreSQL: photo_fts becomes layout 3 (sort keys and facet values beside the tsvector,
sort-order btrees, GIN without a pending list) with photo_fts_counts (the catalogue's
facet counts), then ANALYZE. As 0002 says, the layout lives in archive.search
(schema.py, index.py, pg_index.py): this rebuilds the whole index in the migration's
transaction (at 1M photos: minutes, once).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015_search_plans"
down_revision: str | None = "0006_search_layout"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PG_LAYOUT_2 = (
    "DROP TABLE IF EXISTS photo_fts",
    "DROP TABLE IF EXISTS photo_fts_counts",
    "CREATE TABLE photo_fts (photo_id INTEGER PRIMARY KEY REFERENCES photo(id) "
    "ON DELETE CASCADE, doc TEXT NOT NULL, tsv TSVECTOR NOT NULL)",
    "CREATE INDEX photo_fts_tsv ON photo_fts USING GIN (tsv)",
)


def upgrade() -> None:
    from archive.search.index import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    # SQLite's layout-2 readers accept these documents (extra words only). PostgreSQL
    # gets layout 2's empty table back: `creditdesk reindex` (of that version) fills it.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for stmt in _PG_LAYOUT_2:
            op.execute(stmt)
    op.execute("DELETE FROM photo_fts_layout")
    op.execute("INSERT INTO photo_fts_layout (version) VALUES (2)")
