"""The read commands' direct path: an SQLite catalogue read with the standard library alone.

Why: importing SQLAlchemy is ~0.3 s of CPU on the desk's 2-core machine, most of what
`creditdesk list` and `show` cost from process start to output, when the answer is a few
indexed queries (issue 16). It is taken only when it reads exactly what Archive.open would:
the folder's own catalogue (no --db, $CREDITDESK_DB or team file), writable, already in WAL,
at the current schema, and not damaged (the same check Archive.open runs). Anything else,
and any driver error on the way, returns None or raises Fallback, and the command opens the
archive as always, which migrates, opens read-only, or says what is wrong. It never writes.

The rows are the Core reader's (archive/services/core_reads.py): the same queries on the same
columns (archive/db/read_columns.py), with the stored text converted as SQLAlchemy's SQLite
types convert it; tests/archive/db/test_sqlite_direct.py holds the two to the same answers.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from archive.db.head import SCHEMA_HEAD
from archive.db.location import CATALOGUE_FILE, default_archive_dir
from archive.db.read_columns import COLUMNS, SUMMARY, names
from archive.maintenance import safety

# The Core reader's order (core_reads.listing), spelt as SQLAlchemy spells it for SQLite, so
# that this too walks ix_photo_taken_at (tests/archive/services/test_list_order.py).
LISTING_SQL = (
    f"SELECT {', '.join(SUMMARY)} FROM photo "
    "ORDER BY photo.taken_at DESC NULLS LAST, photo.id LIMIT ? OFFSET ?"
)


class Fallback(Exception):
    """The direct path cannot answer: open the archive as always."""


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "json": _json,
    "bool": bool,
}


def open_direct(folder: str | None, db_url: str | None) -> sqlite3.Connection | None:
    """A connection to the archive's own SQLite catalogue, or None to open it as always."""
    if db_url or os.environ.get("CREDITDESK_DB"):
        return None
    root = Path(folder).expanduser() if folder is not None else default_archive_dir()
    db_file = root / CATALOGUE_FILE
    try:
        if safety.read_team_url(root) or not db_file.is_file() or not db_file.stat().st_size:
            return None
        if safety.folder_read_only(root, db_file):
            return None
    except Exception:  # an unreadable team file or folder: Archive.open says what is wrong
        return None
    safety.check_sqlite_file(db_file)  # damage is refused here exactly as Archive.open does
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(db_file, timeout=10)
        conn.execute("PRAGMA busy_timeout=10000")
        wal = conn.execute("PRAGMA journal_mode").fetchone()
        head = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if wal == ("wal",) and head == [(SCHEMA_HEAD,)]:
            return conn
    except sqlite3.Error:
        pass
    if conn is not None:
        conn.close()
    return None


class SqliteReader:
    """The reads of archive/services/photo_reads.py on a plain sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._shapes: dict[tuple[str, tuple[str, ...]], tuple[Any, list[Any]]] = {}

    def _run(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:  # locked past the timeout, damaged…: the usual path says
            raise Fallback(str(exc)) from exc

    def _rows(self, table: str, columns: Sequence[str], raw: Iterable[tuple[Any, ...]]) -> Any:
        key = (table, tuple(columns))
        shape = self._shapes.get(key)
        if shape is None:
            typed = COLUMNS[table][1]
            converters = [(i, _CONVERT[typed[c]]) for i, c in enumerate(columns) if c in typed]
            row: Any = namedtuple(f"{table}_row", columns)  # type: ignore[misc]
            shape = self._shapes[key] = (row._make, converters)
        make: Callable[[Iterable[Any]], Any] = shape[0]
        converters = shape[1]
        out = []
        for stored in raw:
            values = list(stored)
            for i, convert in converters:
                if values[i] is not None:
                    values[i] = convert(values[i])
            out.append(make(values))
        return out

    def count(self) -> int:
        return int(self._run("SELECT count(photo.id) FROM photo", ())[0][0])

    def listing(self, offset: int, limit: int | None) -> list[Any]:
        raw = self._run(LISTING_SQL, (-1 if limit is None else limit, offset))
        return self._rows("photo", SUMMARY, raw)  # type: ignore[no-any-return]

    def rows(
        self, table: str, key: str, ids: Sequence[int], columns: Sequence[str] | None = None
    ) -> list[Any]:
        cols = list(columns) if columns is not None else names(table)
        sql = f"SELECT {', '.join(cols)} FROM {table} WHERE {key} IN ({_marks(ids)})"
        return self._rows(table, cols, self._run(sql, ids))  # type: ignore[no-any-return]

    def linked(self, link: str, key: str, named: str, ids: Sequence[int]) -> list[Any]:
        sql = (
            f"SELECT {link}.photo_id, {named}.name FROM {link} "
            f"JOIN {named} ON {named}.id = {link}.{key} "
            f"WHERE {link}.photo_id IN ({_marks(ids)}) ORDER BY {link}.position"
        )
        return self._run(sql, ids)

    def paths(self, ids: Sequence[int]) -> list[Any]:
        sql = (
            f"SELECT photo_id, path FROM source_path WHERE photo_id IN ({_marks(ids)}) ORDER BY id"
        )
        return self._run(sql, ids)


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))
