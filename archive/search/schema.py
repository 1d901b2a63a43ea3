"""The full-text index tables on each engine, and the handles queries use to reach them.

SQLite: an FTS5 table ``photo_fts`` (rowid = photo id, one column per document column),
holding pre-folded words (FTS5's remove_diacritics leaves Ł alone: PITFALLS.md). A
trigger drops a photo's row when the photo goes, whatever deleted it.
PostgreSQL: a table ``photo_fts`` (photo_id → photo ON DELETE CASCADE, the folded
document text, and its tsvector under a GIN index). Lexemes are made in Python (see
fts.py), so no text-search configuration, dictionary or unaccent is involved.
Both are named photo_fts* so Alembic autogenerate leaves them alone (env.py).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Integer, Text, cast, column, literal, table
from sqlalchemy import literal_column as _lc
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR

from archive.search.fts import COLUMNS, Fts, to_fts5, to_tsquery

TABLE = "photo_fts"

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    + ", ".join(COLUMNS)
    + ", tokenize = 'unicode61 remove_diacritics 0')",
    # Batch migrations that rebuild `photo` drop its triggers: ensure() (run by reindex)
    # puts this one back, and the session hooks delete rows for ORM deletes anyway.
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_photo_deleted AFTER DELETE ON photo "
    f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
)
PG_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    "photo_id INTEGER PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE, "
    "doc TEXT NOT NULL, tsv TSVECTOR NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING GIN (tsv)",
)
DROP = {
    "sqlite": (f"DROP TRIGGER IF EXISTS {TABLE}_photo_deleted", f"DROP TABLE IF EXISTS {TABLE}"),
    "postgresql": (f"DROP TABLE IF EXISTS {TABLE}",),
}

fts5_table = table(TABLE, column("rowid", Integer), column("rank"))
pg_table = table(TABLE, column("photo_id", Integer), column("doc", Text), column("tsv", TSVECTOR))


def ddl(dialect: str) -> tuple[str, ...]:
    return SQLITE_DDL if dialect == "sqlite" else PG_DDL


def ensure(conn: Connection) -> None:
    from sqlalchemy import text

    for stmt in ddl(conn.dialect.name):
        conn.execute(text(stmt))


def drop(conn: Connection) -> None:
    from sqlalchemy import text

    for stmt in DROP[conn.dialect.name]:
        conn.execute(text(stmt))


def id_column(dialect: str) -> ColumnElement[int]:
    return fts5_table.c.rowid if dialect == "sqlite" else pg_table.c.photo_id


def matches(dialect: str, expr: Fts) -> ColumnElement[bool]:
    """The WHERE clause selecting index rows that match *expr* (rendered as a bound value)."""
    if dialect == "sqlite":
        return _lc(TABLE).op("MATCH")(literal(to_fts5(expr)))  # type: ignore[no-any-return]
    return pg_table.c.tsv.op("@@")(cast(literal(to_tsquery(expr)), TSQUERY))  # type: ignore[no-any-return]


def rank(dialect: str, expr: Fts) -> ColumnElement[float]:
    """Best first when ordered ascending (FTS5 bm25 is negative; ts_rank is negated)."""
    if dialect == "sqlite":
        return fts5_table.c.rank  # type: ignore[no-any-return]
    from sqlalchemy import func

    query = cast(literal(to_tsquery(expr)), TSQUERY)
    return -func.ts_rank(pg_table.c.tsv, query)  # type: ignore[no-any-return]
