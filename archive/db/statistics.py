"""Fresh planner statistics after a bulk import (both engines), so plans follow the data.

Why: both planners pick plans from statistics gathered before the import. PostgreSQL's
autovacuum re-analyzes only once a table has changed by 10 % (and later); until then a
word the import made common is still guessed rare, and photo_fts's new pages are not
all-visible, so counts read the heap. SQLite has no automatic ANALYZE at all.
- PostgreSQL: ``VACUUM (ANALYZE)`` of the index table (statistics, and the visibility
  map that index-only scans and the empty query's count need), ``ANALYZE`` of the photo
  table and of the small count tables. VACUUM cannot run in a transaction: its own
  AUTOCOMMIT connection. At 1M photos ~2-5 s (tsv keeps 400 statistics entries).
- SQLite: ``ANALYZE`` bounded by ``analysis_limit`` (it samples ~1,000 rows per index
  instead of reading a million), then ``PRAGMA optimize``. Not ``PRAGMA optimize`` alone:
  on SQLite 3.40 (this platform's) it analyzed nothing, even a never-analyzed indexed
  table with 5,000 rows and mask 0x10002 (tried), so the ANALYZE it would run is run here.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import OperationalError

from archive.db.models import Photo

BULK = 1000  # photos imported at once from which statistics are refreshed
SHARE = 10  # ... or one photo in SHARE of the catalogue (a young archive's plans flip)
_PG_TABLES = ("photo", "photo_fts_counts", "photo_fts_lexemes", "photo_fts_lexeme_years")


def is_bulk(engine: Engine, imported: int) -> bool:
    if imported <= 0:
        return False
    if imported >= BULK:
        return True
    with engine.connect() as conn:
        size = int(conn.scalar(select(func.max(Photo.id))) or 0)  # the primary key's end
    return imported * SHARE >= size


def refresh(engine: Engine) -> None:
    """Refresh the planner statistics of the catalogue and its search index."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            visible = text(
                "SELECT relname FROM pg_class WHERE relkind = 'r' "
                "AND relname LIKE 'photo%' AND pg_table_is_visible(oid)"
            )
            present = set(conn.scalars(visible))
            if "photo_fts" in present:
                conn.execute(text("VACUUM (ANALYZE) photo_fts"))
            for table in _PG_TABLES:
                if table in present:
                    conn.execute(text(f"ANALYZE {table}"))
        return
    with engine.begin() as conn:
        conn.execute(text("PRAGMA analysis_limit = 1000"))
        conn.execute(text("ANALYZE"))
        conn.execute(text("PRAGMA optimize"))


def after_import(engine: Engine, imported: int) -> bool:
    """Refresh statistics when *imported* photos make a bulk import; True if it did.

    The photos are committed by then: statistics only speed plans up, so a catalogue that
    another desk's import keeps locked past the busy timeout is left for that import's own
    refresh (it runs when it ends) instead of failing an import that has succeeded."""
    if not is_bulk(engine, imported):
        return False
    try:
        refresh(engine)
    except OperationalError as exc:
        if engine.dialect.name != "sqlite" or "locked" not in str(exc.orig):
            raise
        return False
    return True
