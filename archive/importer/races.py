"""Which database errors mean "another writer got there first; try the batch again".

Two importers writing one catalogue meet in three ways: the same picture catalogued by
both (a unique violation on photo.sha256 — the retry sees the winner's row), a deadlock
between their batches (PostgreSQL aborts one: SQLSTATE 40P01), and SQLite's single-writer
lock outlasting the busy timeout. Anything else is a real error and is raised at once.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

RETRIES = 8
# deadlock_detected, serialization_failure, lock_not_available
_PG_RACES = {"40P01", "40001", "55P03"}


def is_race(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(exc.orig, "sqlstate", None)
    if code in _PG_RACES:
        return True
    if isinstance(exc, OperationalError):
        text = str(exc.orig).lower()
        return "database is locked" in text or "database table is locked" in text
    return False
