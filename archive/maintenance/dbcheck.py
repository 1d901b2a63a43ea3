"""Integrity checks of the catalogue itself, on either engine.

SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL (which guards its own
pages and constraints): orphan rows behind every foreign key and sequences that would
hand out an id already taken. Both: the schema is at head and the search index covers
exactly the photos.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Integer, text

from archive.db.migrate import head_revision
from archive.maintenance.tables import data_tables
from archive.search import schema as fts


@dataclass(frozen=True)
class DbCheck:
    name: str
    ok: bool
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def check_catalogue(conn: Connection) -> list[DbCheck]:
    checks: list[DbCheck] = []
    if conn.dialect.name == "sqlite":
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check(50)")]
        checks.append(DbCheck("integrity_check", rows == ["ok"], "; ".join(rows[:5])))
        bad = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
        detail = "; ".join(f"{r[0]} rowid {r[1]} → {r[2]}" for r in bad[:5])
        checks.append(DbCheck("foreign_key_check", not bad, detail))
    else:
        checks.append(_orphans(conn))
        checks.append(_sequences(conn))
    current = current_revision_of(conn)
    head = head_revision()
    checks.append(DbCheck("schema_version", current == head, f"{current} (expected {head})"))
    checks.append(_search_index(conn))
    return checks


def current_revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _orphans(conn: Connection) -> DbCheck:
    found = []
    for table in data_tables():
        for fk in table.foreign_keys:
            child, parent = fk.parent, fk.column
            sql = (
                f"SELECT count(*) FROM {_q(table.name)} c WHERE c.{_q(child.name)} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {_q(parent.table.name)} p "  # type: ignore[attr-defined]
                f"WHERE p.{_q(parent.name)} = c.{_q(child.name)})"
            )
            n = conn.execute(text(sql)).scalar() or 0
            if n:
                found.append(f"{table.name}.{child.name}: {n}")
    return DbCheck("orphan_rows", not found, "; ".join(found))


def _sequences(conn: Connection) -> DbCheck:
    bad = []
    for table in data_tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        seq = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if not seq:
            continue
        last, called = conn.execute(text(f"SELECT last_value, is_called FROM {seq}")).one()
        top = conn.execute(text(f"SELECT max({_q(pk[0].name)}) FROM {_q(table.name)}")).scalar()
        following = last + 1 if called else last
        if top is not None and following <= top:
            bad.append(f"{seq} would hand out {following} but {table.name} holds id {top}")
    return DbCheck("sequences", not bad, "; ".join(bad))


def _search_index(conn: Connection) -> DbCheck:
    key = "rowid" if conn.dialect.name == "sqlite" else "photo_id"
    try:
        missing = conn.execute(
            text(
                f"SELECT count(*) FROM photo p WHERE NOT EXISTS "
                f"(SELECT 1 FROM {fts.TABLE} f WHERE f.{key} = p.id)"
            )
        ).scalar()
        extra = conn.execute(
            text(
                f"SELECT count(*) FROM {fts.TABLE} f WHERE NOT EXISTS "
                f"(SELECT 1 FROM photo p WHERE p.id = f.{key})"
            )
        ).scalar()
    except Exception as exc:  # the index table itself is missing or unreadable
        return DbCheck("search_index", False, f"unreadable ({exc}); run `creditdesk reindex`")
    ok = not missing and not extra
    detail = "" if ok else f"{missing} photos not indexed, {extra} stale entries: run reindex"
    return DbCheck("search_index", ok, detail)
