"""The catalogue's tables as raw data: read, written and hashed the same way on both engines.

JSON columns travel as their text, so a JSON ``null`` and an SQL NULL stay distinct and a
copy is byte for byte what the source held. Digests hash every row in primary-key order
(byte order for text keys on both engines) as canonical JSON: equal digests mean equal data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    MetaData,
    Select,
    String,
    Table,
    Text,
    TypeDecorator,
    cast,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ColumnElement

from archive.db import models  # noqa: F401  (registers every table on Base.metadata)
from archive.db.base import Base

CHUNK = 2000


class _PgJsonText(TypeDecorator[str]):
    """A PostgreSQL json column handled as its exact text."""

    impl = Text
    cache_ok = True

    def column_expression(self, column: Any) -> Any:
        return cast(column, Text)

    def bind_expression(self, bindvalue: Any) -> Any:
        return cast(bindvalue, postgresql.JSON)


def data_tables() -> list[Table]:
    """Every catalogue table in dependency order (parents first); the search index and
    alembic_version are not data (rebuilt / written by migrations)."""
    return list(Base.metadata.sorted_tables)


def raw_table(table: Table, dialect: str) -> Table:
    """*table* with its JSON columns typed as text, for *dialect*."""
    cols = []
    for col in table.columns:
        kind: Any = col.type
        if isinstance(col.type, JSON):
            kind = _PgJsonText() if dialect == "postgresql" else Text()
        cols.append(Column(col.name, kind, primary_key=col.primary_key))
    return Table(table.name, MetaData(), *cols)


def ordered(raw: Table, dialect: str) -> Select[Any]:
    keys: list[ColumnElement[Any]] = []
    for col in raw.primary_key.columns:
        text_key = isinstance(col.type, String | Text)
        keys.append(col.collate("C") if text_key and dialect == "postgresql" else col)
    return select(raw).order_by(*keys)


def json_columns(table: Table) -> set[str]:
    return {c.name for c in table.columns if isinstance(c.type, JSON)}


def canonical(value: Any, is_json: bool) -> Any:
    if value is None:
        return None
    if is_json:
        try:
            return ["json", json.loads(value)]
        except (TypeError, ValueError):
            return ["badjson", str(value)]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, Decimal):  # publication fees (Numeric): the same text on both engines
        return ["d", str(value)]
    if isinstance(value, bytes):
        return ["b", value.hex()]
    return value


@dataclass
class TableDigest:
    count: int = 0
    sha256: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.count, "sha256": self.sha256}


class Hasher:
    def __init__(self, table: Table) -> None:
        self.names = [c.name for c in table.columns]
        self.json = json_columns(table)
        self.h = hashlib.sha256()
        self.count = 0

    def add(self, row: Any) -> None:
        mapping = row._mapping
        values = [canonical(mapping[n], n in self.json) for n in self.names]
        self.h.update(json.dumps(values, sort_keys=True, ensure_ascii=False).encode())
        self.h.update(b"\n")
        self.count += 1

    def digest(self) -> TableDigest:
        return TableDigest(self.count, self.h.hexdigest())


def stream(conn: Connection, table: Table) -> Iterator[list[Any]]:
    """The rows of *table* in key order, in chunks, as raw rows."""
    dialect = conn.dialect.name
    raw = raw_table(table, dialect)
    result = conn.execute(
        ordered(raw, dialect), execution_options={"stream_results": True, "yield_per": CHUNK}
    )
    for part in result.partitions(CHUNK):
        yield list(part)


def digest_table(conn: Connection, table: Table) -> TableDigest:
    hasher = Hasher(table)
    for chunk in stream(conn, table):
        for row in chunk:
            hasher.add(row)
    return hasher.digest()


def digest_all(conn: Connection) -> dict[str, TableDigest]:
    return {t.name: digest_table(conn, t) for t in data_tables()}


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one consistent state of the catalogue."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
        return
    with engine.connect() as conn:
        # pysqlite only opens transactions before writes; a deferred BEGIN makes the first
        # read pin one WAL snapshot for every later read on this connection.
        conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()
