"""The photo reads' queries as SQLAlchemy Core on a connection (either engine).

photo_reads.py assembles listing pages and details from a Reader; this one runs its queries
on the read tables (archive/db/read_tables.py), for PhotoService's sessions and for any
catalogue the direct SQLite path does not take (PostgreSQL, a read-only or older archive).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Select, func, select

from archive.db.read_columns import SUMMARY
from archive.db.read_tables import TABLES, photo, source_path

_BY_NAME = {t.name: t for t in TABLES}


def listing(offset: int = 0, limit: int | None = None) -> Select[Any]:
    """A listing page's photos: newest first by capture time, undated last, then import
    order — the order of ``taken_at IS NULL, taken_at DESC, id`` on both engines, spelt so
    that SQLite walks ix_photo_taken_at and stops after the page (NULLs sort lowest there,
    so DESC already puts them last) instead of sorting every photo: at 100,000 photos the
    first page took 500 ms, now 1 ms."""
    stmt = (
        select(*(photo.c[c] for c in SUMMARY))
        .order_by(photo.c.taken_at.desc().nulls_last(), photo.c.id)
        .offset(offset)
    )
    return stmt if limit is None else stmt.limit(limit)


class CoreReader:
    """photo_reads.Reader on a SQLAlchemy connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def count(self) -> int:
        return self.conn.scalar(select(func.count(photo.c.id))) or 0

    def listing(self, offset: int, limit: int | None) -> Sequence[Any]:
        return self.conn.execute(listing(offset, limit)).all()

    def rows(
        self, table: str, key: str, ids: Sequence[int], columns: Sequence[str] | None = None
    ) -> Sequence[Any]:
        tbl = _BY_NAME[table]
        cols = [tbl.c[c] for c in columns] if columns is not None else [tbl]
        return self.conn.execute(select(*cols).where(tbl.c[key].in_(ids))).all()

    def linked(self, link: str, key: str, named: str, ids: Sequence[int]) -> Iterable[Any]:
        lnk, nmd = _BY_NAME[link], _BY_NAME[named]
        return self.conn.execute(
            select(lnk.c.photo_id, nmd.c.name)
            .join(nmd, nmd.c.id == lnk.c[key])
            .where(lnk.c.photo_id.in_(ids))
            .order_by(lnk.c.position)
        )

    def paths(self, ids: Sequence[int]) -> Iterable[Any]:
        return self.conn.execute(
            select(source_path.c.photo_id, source_path.c.path)
            .where(source_path.c.photo_id.in_(ids))
            .order_by(source_path.c.id)
        )
