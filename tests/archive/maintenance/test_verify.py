"""`creditdesk verify`: every kind of damage is found and named; --repair only rebuilds
thumbnails and never touches an original. Both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from archive.handle import Archive
from archive.maintenance.verify import KINDS
from tests.archive.maintenance.conftest import arc_args, cli, populate


def test_clean_archive_verifies(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(archive, tmp_path)
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--json")
    assert code == 0, data
    assert isinstance(data, dict)
    assert data["ok"] is True and data["photos"] == 3 and data["originals_checked"] == 3
    assert data["thumbnails_checked"] == 3
    assert set(data["counts"]) == set(KINDS) and not any(data["counts"].values())
    names = {c["name"] for c in data["database"]}
    expected = {"integrity_check", "foreign_key_check"} if archive.engine.dialect.name == "sqlite" \
        else {"orphan_rows", "sequences"}  # fmt: skip
    assert names >= expected | {"schema_version", "search_index"}
    assert all(c["ok"] for c in data["database"])
    code, out, _ = cli(capsys, *arc_args(archive), "verify")
    assert code == 0 and isinstance(out, str) and out.startswith("ok: 3 photos")


def test_damage_is_found_and_repair_touches_thumbnails_only(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = populate(archive, tmp_path)
    with archive.engine.connect() as conn:
        rows = {
            r.id: (r.sha256, r.stored_path)
            for r in conn.execute(text("SELECT id, sha256, stored_path FROM photo"))
        }
    changed = archive.folder / rows[ids[0]][1]
    data = bytearray(changed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    changed.write_bytes(bytes(data))
    missing = archive.folder / rows[ids[1]][1]
    missing.unlink()
    orphan = archive.originals_dir / "00" / ("0" * 64 + ".jpg")
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"not referenced")
    temp = archive.originals_dir / "00" / ".x.jpg.999999999.part"  # its writer is long gone
    temp.write_bytes(b"half")
    archive.thumbnail_path(rows[ids[2]][0]).unlink()

    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--json")
    assert code == 1
    assert isinstance(data, dict) and data["ok"] is False
    counts = data["counts"]
    assert counts["changed"] == 1 and counts["missing"] == 1 and counts["orphan"] == 1
    assert counts["temp_file"] == 1 and counts["missing_thumbnail"] == 1
    by_kind = {p["kind"]: p for p in data["problems"]}
    assert by_kind["changed"]["photo_id"] == ids[0]
    assert by_kind["missing"]["photo_id"] == ids[1]
    assert by_kind["orphan"]["path"].endswith("0" * 64 + ".jpg")

    damaged_bytes = changed.read_bytes()
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--repair", "--json")
    assert isinstance(data, dict)
    assert [p["kind"] for p in data["repaired"]] == ["missing_thumbnail"]
    assert archive.thumbnail_path(rows[ids[2]][0]).exists()
    # Originals are never touched: the damaged one, the orphan and the temp file remain.
    assert changed.read_bytes() == damaged_bytes and orphan.exists() and temp.exists()
    assert not missing.exists()
    assert code == 1 and data["counts"]["missing_thumbnail"] == 0


def test_catalogue_checks(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(archive, tmp_path)
    if archive.engine.dialect.name == "sqlite":
        import sqlite3

        raw = sqlite3.connect(archive.folder / "catalog.sqlite")
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute(
            "INSERT INTO source_path (photo_id, path, imported_at) VALUES (999, 'x', '2024-01-01')"
        )
        raw.commit()
        raw.close()
        failing = "foreign_key_check"
    else:
        with archive.engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('photo', 'id'), 1, false)"))
        failing = "sequences"
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--json")
    assert code == 1 and isinstance(data, dict)
    assert [c["name"] for c in data["database"] if not c["ok"]] == [failing]
    assert data["counts"]["database"] == 1


def test_search_index_out_of_step_is_reported(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = populate(archive, tmp_path)
    key = "rowid" if archive.engine.dialect.name == "sqlite" else "photo_id"
    with archive.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM photo_fts WHERE {key} = :i"), {"i": ids[0]})
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--json")
    assert code == 1 and isinstance(data, dict)
    bad = [c for c in data["database"] if not c["ok"]]
    assert [c["name"] for c in bad] == ["search_index"] and "1 photos not indexed" in bad[0][
        "detail"
    ]
