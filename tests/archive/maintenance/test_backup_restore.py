"""`creditdesk backup` / `restore` on both engines: atomic, hard-linked, hash-checked, and a
restored archive is table-for-table and byte-for-byte the one that was backed up."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.handle import Archive
from archive.maintenance.backup import MANIFEST
from archive.maintenance.tables import digest_all
from tests.archive.maintenance.conftest import arc_args, cli, populate


def _digests(archive: Archive) -> dict[str, object]:
    with archive.engine.connect() as conn:
        return {k: v.as_json() for k, v in digest_all(conn).items()}


def test_backup_then_restore_round_trip(
    archive: Archive,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    engine_name: str,
    request: pytest.FixtureRequest,
) -> None:
    populate(archive, tmp_path)
    dest = tmp_path / "backups" / "monday"
    code, data, _ = cli(capsys, *arc_args(archive), "backup", str(dest), "--json")
    assert code == 0, data
    assert isinstance(data, dict)
    assert data["photos"] == 3 and data["files"] == 6 and data["warnings"] == []
    assert data["engine"] == engine_name
    # Atomic: only the finished folder is there, no temp build folder left beside it.
    assert sorted(p.name for p in dest.parent.iterdir()) == ["monday"]
    manifest = json.loads((dest / MANIFEST).read_text())
    catalogue_file = "catalog.sqlite" if engine_name == "sqlite" else "catalog.pgdump"
    assert manifest["catalogue"]["file"] == catalogue_file
    assert "password" not in json.dumps(manifest)
    assert manifest["tables"] == _digests(archive)
    original = next(e for e in manifest["files"] if e["path"].startswith("originals/"))
    # Same file system: the backup hard-links originals instead of copying them.
    assert (
        os.stat(dest / original["path"]).st_ino == os.stat(archive.folder / original["path"]).st_ino
    )
    assert data["linked"] == 6

    code, _, err = cli(capsys, *arc_args(archive), "backup", str(dest))
    assert code == 2 and "already exists" in err

    target = tmp_path / "restored"
    restore_args = ["--archive", str(target)]
    if engine_name == "postgresql":
        make: Callable[[], str] = request.getfixturevalue("new_pg_url")
        restore_args += ["--db", make()]
    code, data, _ = cli(capsys, *restore_args, "restore", str(dest), "--json")
    assert code == 0, data
    assert isinstance(data, dict) and data["ok"] and data["photos"] == 3 and data["files"] == 6
    # The restored folder opens on its own (a team folder records its catalogue).
    with Archive.open(target) as restored:
        assert restored.engine.dialect.name == engine_name
        assert _digests(restored) == _digests(archive)
        # Restored files are copies, not links to the backup.
        assert os.stat(target / original["path"]).st_ino != os.stat(dest / original["path"]).st_ino
    code, data, _ = cli(capsys, "--archive", str(target), "verify", "--json")
    assert code == 0, data
    code, data, _ = cli(capsys, "--archive", str(target), "search", "lodz", "--json")
    assert code == 0 and isinstance(data, dict) and data["total"] == 2

    # A non-empty archive is refused unless forced; forced, it is replaced and still checks out.
    code, _, err = cli(capsys, *restore_args, "restore", str(dest))
    assert code == 2 and "not empty" in err and "--force" in err
    code, data, err = cli(capsys, *restore_args, "restore", str(dest), "--force", "--json")
    assert code == 0 and isinstance(data, dict) and data["ok"], (data, err)
    code, data, _ = cli(capsys, "--archive", str(target), "verify", "--json")
    assert code == 0, data


def test_restore_detects_a_tampered_backup(
    archive: Archive,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    populate(archive, tmp_path)
    dest = tmp_path / "bk"
    assert cli(capsys, *arc_args(archive), "backup", str(dest))[0] == 0
    manifest = json.loads((dest / MANIFEST).read_text())
    victim = dest / next(e["path"] for e in manifest["files"] if e["path"].startswith("originals"))
    victim.unlink()  # break the hard link: damage only the backup's copy
    victim.write_bytes(b"tampered")
    target = tmp_path / "r"
    args = ["--archive", str(target)]
    if archive.engine.dialect.name != "sqlite":
        args += ["--db", request.getfixturevalue("new_pg_url")()]
    code, data, _ = cli(capsys, *args, "restore", str(dest), "--json")
    assert code == 1 and isinstance(data, dict) and not data["ok"]
    assert any("does not match the manifest" in p for p in data["problems"])
    (dest / manifest["catalogue"]["file"]).write_bytes(b"garbage")
    code, _, err = cli(capsys, *args, "restore", str(dest), "--force")
    assert code == 1 and "backup is damaged" in err


def test_backup_sees_one_instant(archive: Archive, tmp_path: Path) -> None:
    """Rows committed after the backup's snapshot are not in it, and every row in it has its
    file: the backup is a consistent point in time even while the archive is in use."""
    from archive.maintenance.backup import backup

    populate(archive, tmp_path)
    report = backup(archive, tmp_path / "bk")
    assert report.photos == 3 and not report.warnings
    manifest = json.loads((tmp_path / "bk" / MANIFEST).read_text())
    listed = {e["path"] for e in manifest["files"]}
    with archive.engine.connect() as conn:
        from sqlalchemy import text

        stored = {r[0] for r in conn.execute(text("SELECT stored_path FROM photo"))}
    assert stored <= listed
