"""Insert vocabulary rows that another process may be inserting at the same moment.

Two desks importing the same agency drop create the same keyword, person or event at once.
A SELECT-then-INSERT loses that race (UniqueViolation), so names are inserted with the
engine's "do nothing on conflict" (PostgreSQL `ON CONFLICT DO NOTHING`, SQLite's equivalent
of `INSERT OR IGNORE`) and then selected, in the caller's transaction: on PostgreSQL an insert
that meets another transaction's uncommitted row waits for it, and the next statement of a
READ COMMITTED transaction sees the winner's row. Rows go in sorted by their key, so two
transactions inserting the same names take their locks in the same order.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_missing(session: Session, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Insert *rows* whose *key* is not taken yet; rows already there (ours or another
    transaction's) are left as they are. Duplicate keys within *rows* keep the first."""
    unique: dict[Any, dict[str, Any]] = {}
    for row in rows:
        unique.setdefault(row[key], row)
    if not unique:
        return
    ordered = [unique[k] for k in sorted(unique)]
    conn = session.connection()
    dialect = conn.dialect.name
    # Each dialect's insert is imported when used: PostgreSQL's package costs ~27 ms of
    # every SQLite import, export and check that reaches here (issue 16, profiled).
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        stmt: Any = postgresql.insert(table).on_conflict_do_nothing(index_elements=[key])
    elif dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        stmt = sqlite.insert(table).on_conflict_do_nothing(index_elements=[key])
    else:  # make_engine builds only the two: a third engine is a programming error
        raise ValueError(f"no conflict-free insert for the {dialect} engine")
    # One multi-row statement, rows in key order (the lock order above).
    conn.execute(stmt.values(ordered))
