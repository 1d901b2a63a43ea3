"""`list` order: newest first by capture time, undated last, ties in import order — on both
engines, and on SQLite by walking the capture-time index rather than sorting every photo."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import text, update

from archive.db.models import Photo
from archive.db.sqlite_direct import LISTING_SQL, SqliteReader
from archive.handle import Archive
from archive.services.core_reads import listing
from archive.services.photo_reads import list_page
from archive.services.photos import PhotoService
from tests.archive.services.helpers import import_example

NOON = datetime(2023, 2, 19, 12, 0)


def taken(archive: Archive, when: dict[int, datetime | None]) -> None:
    with archive.engine.begin() as conn:
        for pid, at in when.items():
            conn.execute(update(Photo).where(Photo.id == pid).values(taken_at=at))


def listed(archive: Archive, offset: int = 0, limit: int | None = None) -> list[int]:
    ids = [p.id for p in PhotoService(archive.sessions).list_summaries(offset, limit).photos]
    # `list` on the archive's own SQLite catalogue reads it directly (archive/db/sqlite_direct.py)
    if archive.engine.dialect.name == "sqlite":
        conn = sqlite3.connect(archive.engine.url.database or "")
        try:
            direct = [p.id for p in list_page(SqliteReader(conn), offset, limit).photos]
        finally:
            conn.close()
        assert direct == ids
    return ids


def test_undated_last_and_ties_in_import_order(archive: Archive, tmp_path: Path) -> None:
    getty, wire, bare = import_example(archive, tmp_path / "in")
    first, second, third = sorted((getty, wire, bare))
    taken(archive, {first: None, second: NOON, third: NOON})  # a tie, and one undated
    assert listed(archive) == [second, third, first]
    taken(archive, {third: datetime(2024, 1, 1)})
    assert listed(archive) == [third, second, first]
    assert listed(archive, 1, 1) == [second]  # pages cut the same order
    assert listed(archive, 2, 5) == [first]
    taken(archive, {first: None, second: None, third: None})  # all undated: import order
    assert listed(archive) == [first, second, third]


def test_sqlite_walks_the_capture_time_index(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "arc") as archive:
        stmt = listing(0, 50).compile(archive.engine, compile_kwargs={"literal_binds": True})
        with archive.engine.connect() as conn:
            plan = " | ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {stmt}")))
            explained = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {LISTING_SQL}", (50, 0))
            direct = " | ".join(row[-1] for row in explained)
    # A full sort of the photos ("USE TEMP B-TREE FOR ORDER BY") read every row at 100,000
    # photos; sorting only ties of equal capture time ("RIGHT PART OF") stops after the page.
    assert "ix_photo_taken_at" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert direct == plan  # the direct read's own spelling of the order walks it too
