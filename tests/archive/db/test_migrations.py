"""Catalogues written by older versions are migrated visibly, after a backup; others refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archive.db.migrate import current_revision, head_revision, upgrade
from archive.errors import CatalogueError
from archive.handle import Archive
from archive.search import SearchService
from archive.services.profiles import ProfileService


def _old_catalogue(url: str) -> None:
    """A catalogue as the first release left it, with one photo in it."""
    engine = create_engine(url)
    upgrade(engine, "0001_core")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO photo (sha256, format, file_size, caption, credit_line, stored_path,"
                " managed, imported_at, updated_at, version) VALUES ('ab' || :pad, 'JPEG', 10,"
                " 'Kate Winslet at the BAFTAs', 'Joe Maher/Getty Images', 'x.jpg', :t,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            ),
            {"pad": "0" * 62, "t": True},
        )
    engine.dispose()


def test_older_sqlite_catalogue_is_backed_up_then_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "arc"
    folder.mkdir()
    _old_catalogue(f"sqlite:///{folder / 'catalog.sqlite'}")
    told: list[str] = []
    with Archive.open(folder, notify=told.append) as archive:
        assert current_revision(archive.engine) == head_revision()
        assert any("backed up" in m for m in told) and any("migrated" in m for m in told)
        backups = list(folder.glob("catalog.sqlite.before-*.bak"))
        assert len(backups) == 1
        con = sqlite3.connect(backups[0])
        assert con.execute("select version_num from alembic_version").fetchone()[0] == "0001_core"
        con.close()
        # The data survived and the new parts work on it: search index backfilled, profile seeded.
        assert SearchService(archive).search("winslet").total == 1
        assert [p["name"] for p in ProfileService(archive.sessions).listing()] == [
            "editorial-web-GB"
        ]
    told.clear()
    Archive.open(folder, notify=told.append).close()
    assert told == []  # current: nothing to say, no second backup
    assert len(list(folder.glob("*.bak"))) == 1


def test_older_postgresql_catalogue_is_migrated(tmp_path: Path, pg_url: str) -> None:
    _old_catalogue(pg_url)
    told: list[str] = []
    with Archive.open(tmp_path / "arc", pg_url, notify=told.append) as archive:
        assert current_revision(archive.engine) == head_revision()
        assert any("migrated" in m for m in told)
        assert SearchService(archive).search("winslet").total == 1


def test_newer_or_foreign_catalogues_are_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer"
    with Archive.open(newer):
        pass
    con = sqlite3.connect(newer / "catalog.sqlite")
    con.execute("update alembic_version set version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(CatalogueError, match="newer Creditdesk"):
        Archive.open(newer)

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    con = sqlite3.connect(foreign / "catalog.sqlite")
    con.execute("create table invoices (id integer primary key)")
    con.commit()
    con.close()
    with pytest.raises(CatalogueError, match="not a Creditdesk catalogue"):
        Archive.open(foreign)

    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "catalog.sqlite").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CatalogueError):
        Archive.open(garbage)


def test_the_fast_path_knows_the_newest_migration() -> None:
    from archive.db.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD, "update SCHEMA_HEAD in archive/db/head.py"
