"""The read commands' direct SQLite path (archive/db/sqlite_direct.py) answers exactly what
the Core reads on SQLAlchemy answer, on a real archive, and is taken only when it may be:
any other catalogue (a --db URL, a team file, an older schema, not WAL) opens as always, and
a damaged one is refused with the same error."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from archive.cli import main
from archive.db.head import SCHEMA_HEAD
from archive.db.sqlite_direct import SqliteReader, open_direct
from archive.handle import Archive
from archive.maintenance.safety import DamagedCatalogueError
from archive.services import photo_reads
from tests.archive.services.helpers import import_example


@pytest.fixture()
def filled(tmp_path: Path) -> tuple[Path, list[int]]:
    folder = tmp_path / "arc"
    with Archive.open(folder) as archive:
        ids = import_example(archive, tmp_path / "in")
    return folder, ids


def both(folder: Path, read) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    conn = open_direct(str(folder), None)
    assert conn is not None, "the direct path should be taken on this archive"
    try:
        direct = read(SqliteReader(conn))
    finally:
        conn.close()
    with Archive.open(folder) as archive, archive.engine.connect() as core:
        return direct, read(core)


def test_details_list_and_summaries_are_the_core_reads(filled: tuple[Path, list[int]]) -> None:
    folder, ids = filled
    direct, core = both(folder, lambda r: photo_reads.details(r, [*ids, 999]))
    assert direct == core
    assert len(direct) == 3  # type: ignore[arg-type]
    getty = direct[0]  # type: ignore[index]
    # The converted kinds are all here: dates, JSON, booleans, linked names.
    assert getty["people"] == ["Kate Winslet", "Mia Threapleton"]
    assert getty["taken_at"] and getty["imported_at"] and isinstance(getty["managed"], bool)
    assert getty["embedded"] and getty["check"] and getty["check"]["at"]
    for offset, limit in ((0, None), (0, 2), (1, 1), (5, 10)):
        d, c = both(folder, lambda r, o=offset, n=limit: photo_reads.list_page(r, o, n))
        assert d == c
    d, c = both(folder, lambda r: photo_reads.summaries(r, list(reversed(ids))))
    assert d == c and [s.id for s in d] == list(reversed(ids))  # type: ignore[attr-defined]


def test_the_commands_print_the_same_through_either_path(
    filled: tuple[Path, list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, ids = filled
    url = f"sqlite:///{folder / 'catalog.sqlite'}"  # --db: the usual path
    for command in (["show", str(ids[1]), "--json"], ["list", "--json"], ["list"]):
        assert main(["--archive", str(folder), *command]) == 0
        direct = capsys.readouterr().out
        assert main(["--archive", str(folder), "--db", url, *command]) == 0
        assert capsys.readouterr().out == direct
    assert json.loads(direct.split("\n")[0].split()[0]) == 3  # "3 photos"


def sql(db: Path, statement: str, *params: str) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(statement, params)
    finally:
        conn.close()


def test_taken_only_where_it_reads_what_open_would(
    filled: tuple[Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = filled
    db = folder / "catalog.sqlite"
    assert open_direct(str(folder), f"sqlite:///{db}") is None  # --db names it
    monkeypatch.setenv("CREDITDESK_DB", f"sqlite:///{db}")
    assert open_direct(str(folder), None) is None
    monkeypatch.delenv("CREDITDESK_DB")
    assert open_direct(str(folder.parent / "none"), None) is None  # no catalogue yet
    sql(db, "UPDATE alembic_version SET version_num = '0021_older'")  # Archive.open migrates
    assert open_direct(str(folder), None) is None
    sql(db, "UPDATE alembic_version SET version_num = ?", SCHEMA_HEAD)
    conn = open_direct(str(folder), None)
    assert conn is not None
    conn.close()
    (folder / "archive.json").write_text('{"catalogue": "postgresql+psycopg://x/y"}')
    assert open_direct(str(folder), None) is None  # a team archive
    (folder / "archive.json").unlink()
    sql(db, "PRAGMA journal_mode=DELETE")
    assert open_direct(str(folder), None) is None  # Archive.open turns WAL on first


def test_a_damaged_catalogue_is_refused_as_open_refuses_it(
    filled: tuple[Path, list[int]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = filled
    with Archive.open(folder) as archive, archive.engine.begin() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db = folder / "catalog.sqlite"
    data = bytearray(db.read_bytes())
    data[:16] = b"not a database!!"
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedCatalogueError):
        open_direct(str(folder), None)
    assert main(["--archive", str(folder), "list"]) == 1
    assert "damaged" in capsys.readouterr().err
