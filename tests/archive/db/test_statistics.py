"""Fresh planner statistics after a bulk import, on both engines (archive/db/statistics.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from archive.db import statistics
from archive.handle import Archive
from tests.archive.importer.test_import import run_import
from tests.factories import winslet_getty, winslet_wireimage, write_photo


def _analyzed(archive: Archive) -> set[str]:
    """The tables whose statistics exist (SQLite) or were gathered by hand (PostgreSQL)."""
    with archive.engine.connect() as conn:
        if archive.engine.dialect.name == "postgresql":
            rows = conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    "AND last_analyze IS NOT NULL"
                )
            )
            return {r[0] for r in rows}
        has = conn.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"))
        if not has:
            return set()
        return {r[0] for r in conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}


def test_a_bulk_import_refreshes_the_statistics(archive: Archive, tmp_path: Path) -> None:
    assert "photo" not in _analyzed(archive)
    src = tmp_path / "incoming"
    write_photo(src / "getty.jpg", winslet_getty(), seed=1)
    write_photo(src / "wire.jpg", winslet_wireimage(), seed=2)
    report, _kinds = run_import(archive, [src])
    assert report.imported == 2  # two photos in an empty archive: all of it is new
    done = _analyzed(archive)
    assert "photo" in done
    if archive.engine.dialect.name == "postgresql":
        assert {"photo_fts", "photo_fts_lexemes"} <= done


def test_only_a_bulk_import_counts(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "incoming"
    write_photo(src / "getty.jpg", winslet_getty(), seed=1)
    run_import(archive, [src])
    assert not statistics.is_bulk(archive.engine, 0)
    assert statistics.is_bulk(archive.engine, 1)  # the whole of a one-photo catalogue
    monkeypatch.setattr(statistics, "SHARE", 0)  # as if the catalogue were huge
    assert not statistics.is_bulk(archive.engine, 1)
    assert statistics.is_bulk(archive.engine, statistics.BULK)


def test_a_reindex_refreshes_the_statistics(archive: Archive, tmp_path: Path) -> None:
    from archive.search import reindex

    write_photo(tmp_path / "in" / "getty.jpg", winslet_getty(), seed=1)
    run_import(archive, [tmp_path / "in"])
    with archive.engine.begin() as conn:  # forget what the import gathered
        if archive.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TABLE IF EXISTS sqlite_stat1"))
    reindex(archive)
    assert "photo_fts" in _analyzed(archive) or "photo" in _analyzed(archive)


def test_a_catalogue_locked_by_another_import_skips_the_refresh(archive: Archive) -> None:
    # Seen under load: two desks importing at once, the second's PRAGMA optimize waited
    # past the busy timeout and failed an import whose photos were all committed.
    if archive.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's single writer lock; PostgreSQL's VACUUM/ANALYZE wait instead")
    import sqlite3

    from sqlalchemy import create_engine

    path = archive.engine.url.database
    assert path
    other = sqlite3.connect(path, isolation_level=None)
    impatient = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.1})
    try:
        other.execute("BEGIN EXCLUSIVE")  # the other import, mid-transaction
        assert statistics.after_import(impatient, statistics.BULK) is False
        other.execute("ROLLBACK")
        assert statistics.after_import(impatient, statistics.BULK) is True
    finally:
        other.close()
        impatient.dispose()
