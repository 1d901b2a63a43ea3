"""The full-text index tables on each engine, and the handles queries use to reach them.

SQLite: an FTS5 table ``photo_fts`` (rowid = photo id, one column per document column),
holding pre-folded words (FTS5's remove_diacritics leaves Ł alone: PITFALLS.md). A
trigger drops a photo's row when the photo goes, whatever deleted it.
PostgreSQL (layout 3): a table ``photo_fts`` (photo_id → photo ON DELETE CASCADE, the
photo's sort keys and facet values, and the document's tsvector under a GIN index), plus
``photo_fts_counts`` (facet counts of the whole catalogue). Lexemes are folded in Python
(anyascii, see fts.py and words.py) exactly as on SQLite, so no text-search configuration,
dictionary or ``unaccent`` is involved: the pre-folded lexemes are the folded column, and
both engines agree word for word (``lodz`` finds Łódź, which unaccent would not fold).
Both are named photo_fts* so Alembic autogenerate leaves them alone (env.py).

Beside the index on SQLite (layout 2, see ``LAYOUT``):
- ``photo_fts_words``: every (column code, word) the index holds, so a prefix such as
  ``person:kate`` becomes an OR of the few exact words it stands for (vocab.py). It only
  grows between rebuilds: a word no longer indexed expands into a term matching nothing.
- ``photo_fts_facets``: photo id → its year taken, and its facet values as one short
  string ``event,agency,photographer,year,person person…`` (ids; empty when missing), so
  facet counts read ~25 bytes per matching photo instead of its whole row (facets.py).
Both are written with the documents (index.py), in the writer's transaction.
``photo_fts_layout`` holds the layout version the index was built with (both engines).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    DateTime,
    Integer,
    Text,
    cast,
    column,
    delete,
    func,
    insert,
    inspect,
    literal,
    select,
    table,
    text,
)
from sqlalchemy import literal_column as _lc
from sqlalchemy.sql.expression import TableClause

from archive.search.fts import COLUMNS, Fts, to_fts5, to_tsquery

TABLE = "photo_fts"
WORDS = "photo_fts_words"
FACETS = "photo_fts_facets"
COUNTS = "photo_fts_counts"
LEXEMES = "photo_fts_lexemes"  # PostgreSQL: rows per lexeme (pg_lexemes.py)
LEXEME_YEARS = "photo_fts_lexeme_years"  # PostgreSQL: ... per lexeme and year taken
LAYOUT_TABLE = "photo_fts_layout"
LAYOUT = 5  # bump when what is indexed or how changes; a migration then calls rebuild()

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    + ", ".join(COLUMNS)
    + ", tokenize = 'unicode61 remove_diacritics 0')",
    # Batch migrations that rebuild `photo` drop its triggers: ensure() (run by reindex)
    # puts this one back, and the session hooks delete rows for ORM deletes anyway.
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_photo_deleted AFTER DELETE ON photo "
    f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
    f"CREATE TABLE IF NOT EXISTS {WORDS} (col TEXT NOT NULL, word TEXT NOT NULL, "
    "PRIMARY KEY (col, word)) WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {FACETS} (photo_id INTEGER PRIMARY KEY, year INTEGER, "
    "facets TEXT NOT NULL)",
    # The years facet of the whole catalogue, and of large sets, without sorting rows.
    f"CREATE INDEX IF NOT EXISTS {FACETS}_year ON {FACETS} (year)",
    f"CREATE TRIGGER IF NOT EXISTS {FACETS}_photo_deleted AFTER DELETE ON photo "
    f"BEGIN DELETE FROM {FACETS} WHERE photo_id = old.id; END",
    f"CREATE TABLE IF NOT EXISTS {LAYOUT_TABLE} (version INTEGER NOT NULL)",
)
PG_DDL = (
    # Layout 3 (migration 0015): the index row carries what search sorts and counts by,
    # copied from the photo in the same transaction, so a search never joins photo unless
    # a condition needs it. Measured with EXPLAIN (ANALYZE, BUFFERS) at 1M photos: paging
    # a popular word by date read the photo heap for every match (bitmap heap scan on
    # photo_fts, then photo by id, then a sort): 450-550 ms; here it walks one btree in
    # order, checks tsv on each row and stops after the page. Fixed-width columns first,
    # the tsvector last. The readable text of layout 2 (``doc``) is gone: nothing read
    # it, and it doubled the heap every count had to visit.
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    "photo_id INTEGER PRIMARY KEY REFERENCES photo(id) ON DELETE CASCADE, "
    "imported_at TIMESTAMP NOT NULL, taken_at TIMESTAMP, event_id INTEGER, "
    "agency_id INTEGER, photographer_id INTEGER, year INTEGER, "
    "people INTEGER[] NOT NULL DEFAULT '{}', tsv TSVECTOR NOT NULL)",
    # Facet counts of the whole catalogue, kept up to date by index.py in the writer's
    # transaction (kind: e event, a agency, b photographer, p person, y year, n total).
    f"CREATE TABLE IF NOT EXISTS {COUNTS} (kind CHAR(1) NOT NULL, key INTEGER NOT NULL, "
    "n BIGINT NOT NULL, PRIMARY KEY (kind, key))",
    # Byte order (COLLATE "C"), as tsquery prefixes match: a prefix is an index range.
    f'CREATE TABLE IF NOT EXISTS {LEXEMES} (word TEXT COLLATE "C" PRIMARY KEY, n BIGINT NOT NULL)',
    # The same per year taken (0: undated), so a deep page of one word in date order
    # knows which year it starts in without visiting a match (pg_plans.PgRun._by_year).
    f'CREATE TABLE IF NOT EXISTS {LEXEME_YEARS} (word TEXT COLLATE "C" NOT NULL, '
    "year INTEGER NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (word, year))",
    f"CREATE TABLE IF NOT EXISTS {LAYOUT_TABLE} (version INTEGER NOT NULL)",
)
# The indexes of photo_fts, apart: a rebuild fills the table first and builds them
# after (index.py), one bulk build each. Measured at 200k photos (bench catalogue):
# filling a table whose GIN index has fastupdate off updates it entry by entry, 149 s
# for the rebuild; filling first and building the indexes after, 64 s.
PG_INDEXES = (
    # fastupdate off: a pending list is scanned by every query until vacuum merges it
    # (after a bulk import that cost 2-3x on every search); writes pay instead.
    f"CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING GIN (tsv) WITH (fastupdate = off)",
    # One btree per sort order, with the id as the tie-breaker, so ORDER BY … LIMIT walks
    # an index and stops early (and date ranges are index ranges). Undated last both
    # ways needs its own ascending index: a backward scan of the DESC one is NULLS FIRST.
    f"CREATE INDEX IF NOT EXISTS {TABLE}_taken_desc ON {TABLE} "
    "(taken_at DESC NULLS LAST, photo_id DESC)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_taken_asc ON {TABLE} (taken_at ASC NULLS LAST, photo_id)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_imported ON {TABLE} (imported_at, photo_id)",
    # More most-common lexemes in the statistics: the planner's guess of how many rows
    # a word matches decides between walking a sort index and a bitmap scan + sort.
    f"ALTER TABLE {TABLE} ALTER COLUMN tsv SET STATISTICS 400",
)


def _lexeme_function(name: str, rows: str, sign: str, years: bool = True) -> str:
    """*years* False: as migration 0023 made it (its downgrade puts it back)."""
    by_year = (
        f"INSERT INTO {LEXEME_YEARS} (word, year, n) "
        f"SELECT u.lexeme, coalesce(r.year, 0), {sign}count(*) "
        f"FROM {rows} r, unnest(r.tsv) AS u GROUP BY 1, 2 ORDER BY 1, 2 "
        f"ON CONFLICT (word, year) DO UPDATE SET n = {LEXEME_YEARS}.n + EXCLUDED.n; "
    )
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {LEXEMES} (word, n) SELECT u.lexeme, {sign}count(*) "
        f"FROM {rows} r, unnest(r.tsv) AS u GROUP BY u.lexeme ORDER BY u.lexeme "
        f"ON CONFLICT (word) DO UPDATE SET n = {LEXEMES}.n + EXCLUDED.n; "
        + (by_year if years else "")
        + "RETURN NULL; END $$"
    )


def _lexeme_trigger(name: str, event: str, ref: str, fn: str) -> tuple[str, str]:
    return (
        f"DROP TRIGGER IF EXISTS {LEXEMES}_{name} ON {TABLE}",
        f"CREATE TRIGGER {LEXEMES}_{name} AFTER {event} ON {TABLE} REFERENCING {ref} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
    )


# photo_fts_lexemes kept by statement triggers with transition tables (pg_lexemes.py
# says why): whatever writes or deletes index rows, cascades included, adjusts it.
PG_TRIGGERS = (
    _lexeme_function(f"{LEXEMES}_add", "added", ""),
    _lexeme_function(f"{LEXEMES}_sub", "removed", "-"),
    *_lexeme_trigger("added", "INSERT", "NEW TABLE AS added", f"{LEXEMES}_add"),
    *_lexeme_trigger("removed", "DELETE", "OLD TABLE AS removed", f"{LEXEMES}_sub"),
    # An UPDATE of a row's tsvector: out with the old words, in with the new.
    *_lexeme_trigger("changed_out", "UPDATE", "OLD TABLE AS removed", f"{LEXEMES}_sub"),
    *_lexeme_trigger("changed_in", "UPDATE", "NEW TABLE AS added", f"{LEXEMES}_add"),
)
PG_TRIGGERS_0023 = (
    _lexeme_function(f"{LEXEMES}_add", "added", "", years=False),
    _lexeme_function(f"{LEXEMES}_sub", "removed", "-", years=False),
)
DROP = {
    "sqlite": (
        f"DROP TRIGGER IF EXISTS {TABLE}_photo_deleted",
        f"DROP TRIGGER IF EXISTS {FACETS}_photo_deleted",
        f"DROP TABLE IF EXISTS {TABLE}",
        f"DROP TABLE IF EXISTS {WORDS}",
        f"DROP TABLE IF EXISTS {FACETS}",
        f"DROP TABLE IF EXISTS {LAYOUT_TABLE}",
    ),
    "postgresql": (
        f"DROP TABLE IF EXISTS {TABLE}",
        f"DROP TABLE IF EXISTS {COUNTS}",
        f"DROP TABLE IF EXISTS {LEXEMES}",
        f"DROP TABLE IF EXISTS {LEXEME_YEARS}",
        f"DROP FUNCTION IF EXISTS {LEXEMES}_add() CASCADE",
        f"DROP FUNCTION IF EXISTS {LEXEMES}_sub() CASCADE",
        f"DROP TABLE IF EXISTS {LAYOUT_TABLE}",
    ),
}

fts5_table = table(TABLE, column("rowid", Integer), column("rank"))
words_table = table(WORDS, column("col", Text), column("word", Text))
facets_table = table(
    FACETS, column("photo_id", Integer), column("year", Integer), column("facets", Text)
)
layout_table = table(LAYOUT_TABLE, column("version", Integer))


@cache
def _pg_tables() -> dict[str, TableClause]:
    """PostgreSQL's index tables. Built on first use: their column types come from
    SQLAlchemy's PostgreSQL dialect, whose import (it pulls in the psycopg and asyncpg
    dialect modules) cost every SQLite search about a tenth of its start-up."""
    from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

    pg_table = table(
        TABLE,
        column("photo_id", Integer),
        column("imported_at", DateTime),
        column("taken_at", DateTime),
        column("event_id", Integer),
        column("agency_id", Integer),
        column("photographer_id", Integer),
        column("year", Integer),
        column("people", ARRAY(Integer)),
        column("tsv", TSVECTOR),
    )
    counts_table = table(COUNTS, column("kind", Text), column("key", Integer), column("n", Integer))
    return {"pg_table": pg_table, "counts_table": counts_table}


def __getattr__(name: str) -> TableClause:
    """``schema.pg_table`` and ``schema.counts_table``, as before, built when first asked."""
    if name in ("pg_table", "counts_table"):
        return _pg_tables()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _tsquery() -> Any:
    from sqlalchemy.dialects.postgresql import TSQUERY

    return TSQUERY


def ddl(dialect: str, indexes: bool = True) -> tuple[str, ...]:
    if dialect == "sqlite":
        return SQLITE_DDL
    return PG_DDL + PG_INDEXES + PG_TRIGGERS if indexes else PG_DDL


def ensure(conn: Connection, indexes: bool = True) -> None:
    """The index tables; *indexes* False (PostgreSQL): without photo_fts's indexes,
    which ensure_indexes() builds once the rows are in."""
    for stmt in ddl(conn.dialect.name, indexes):
        conn.execute(text(stmt))


def ensure_indexes(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        # A bulk GIN build sorts its entries in maintenance_work_mem (default 64 MB):
        # more memory, fewer passes (this transaction only).
        conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for stmt in PG_INDEXES + PG_TRIGGERS:
            conn.execute(text(stmt))


def drop(conn: Connection) -> None:
    for stmt in DROP[conn.dialect.name]:
        conn.execute(text(stmt))


def layout(conn: Connection) -> int | None:
    """The layout version the index was built with; None: before layouts were recorded."""
    if not inspect(conn).has_table(LAYOUT_TABLE):
        return None
    return conn.scalar(select(layout_table.c.version))


def set_layout(conn: Connection) -> None:
    conn.execute(delete(layout_table))
    conn.execute(insert(layout_table).values(version=LAYOUT))


def id_column(dialect: str) -> ColumnElement[int]:
    return fts5_table.c.rowid if dialect == "sqlite" else _pg_tables()["pg_table"].c.photo_id


def matches(dialect: str, expr: Fts) -> ColumnElement[bool]:
    """The WHERE clause selecting index rows that match *expr* (rendered as a bound value)."""
    if dialect == "sqlite":
        return _lc(TABLE).op("MATCH")(literal(to_fts5(expr)))  # type: ignore[no-any-return]
    tsv = _pg_tables()["pg_table"].c.tsv
    return tsv.op("@@")(cast(literal(to_tsquery(expr)), _tsquery()))  # type: ignore[no-any-return]


def rank(dialect: str, expr: Fts) -> ColumnElement[float]:
    """Best first when ordered ascending (FTS5 bm25 is negative; ts_rank is negated)."""
    if dialect == "sqlite":
        return fts5_table.c.rank  # type: ignore[no-any-return]
    query = cast(literal(to_tsquery(expr)), _tsquery())
    return -func.ts_rank(_pg_tables()["pg_table"].c.tsv, query)  # type: ignore[no-any-return]
