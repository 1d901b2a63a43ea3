"""A full disk, a read-only archive and a damaged catalogue: each gives a clear message and
leaves the archive as it was. Needs root for mounts (the sandbox is root); skips otherwise."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.errors import CatalogueError
from archive.handle import Archive
from archive.maintenance.safety import DamagedCatalogueError, ReadOnlyArchiveError
from archive.maintenance.verify import verify
from tests.faults.conftest import agency_photos, creditdesk


def _sh(cmd: str) -> bool:
    return subprocess.run(cmd, shell=True, capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _sh(f"mount -t tmpfs -o size={size} tmpfs '{path}'"):
        pytest.skip("cannot mount a small tmpfs here (needs root): disk-full case not run")
    try:
        yield path
    finally:
        for _ in range(20):
            if _sh(f"umount '{path}'"):
                break
            time.sleep(0.1)


@contextlib.contextmanager
def read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """A read-only bind mount of *folder*: root cannot write through it either (chmod would
    not stop root, who ignores file modes)."""
    view.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _sh(
        f"mount --bind '{folder}' '{view}' && mount -o remount,bind,ro '{view}'"
    ):
        pytest.skip("cannot make a read-only bind mount here (needs root)")
    try:
        yield view
    finally:
        for _ in range(20):
            if _sh(f"umount '{view}'"):
                break
            time.sleep(0.1)


def test_full_disk_during_import(tmp_path: Path) -> None:
    src = agency_photos(tmp_path / "src", 8, size=(500, 400), noise=True)  # 8 × ~250 KB
    total = sum(p.stat().st_size for p in src.iterdir())
    with tmpfs(tmp_path / "small", "1200k") as disk:
        folder = disk / "arc"
        Archive.open(folder).close()
        done = subprocess.run(
            creditdesk("--archive", str(folder), "import", str(src), "--json", "--jobs", "1"),
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert total > 1200 << 10
        assert done.returncode in (1, 3), done.stderr
        assert "Traceback" not in done.stderr
        if done.returncode == 3:  # per-file failures or warnings, each one clear
            result = json.loads(done.stdout)
            # A copy that does not fit leaves the photo catalogued where it is, with a
            # warning (issue 13 item 2); a file that could not be catalogued is a failure.
            said = result["failed"] + result["warnings"]
            assert said and all("No space left on device" in f["error"] for f in said), said
            assert result["imported"] + len(result["failed"]) == 8
        else:  # the catalogue itself could not be written
            assert "disk holding the catalogue is full" in done.stderr
        with Archive.open(folder) as arc:  # intact: consistent, nothing half-written
            report = verify(arc)
            hard = [p for p in report.problems if p.kind not in {"missing_thumbnail"}]
            assert not hard, hard
        # With room again, the same import completes the archive.
        moved = tmp_path / "arc"
        shutil.copytree(folder, moved)
    done = subprocess.run(creditdesk("--archive", str(moved), "import", str(src)),
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    # The catalogue recorded the source paths, so the copied archive completes from them.
    assert done.returncode == 0, done.stderr
    with Archive.open(moved) as arc:
        assert verify(arc).ok


def test_read_only_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from archive.cli import main

    src = agency_photos(tmp_path / "src", 2, size=(64, 48))
    folder = tmp_path / "arc"
    assert main(["--archive", str(folder), "import", str(src)]) == 0
    capsys.readouterr()
    with read_only_view(folder, tmp_path / "ro") as view:
        with Archive.open(view) as arc:
            assert arc.read_only and "read-only" in arc.messages[0]
            assert verify(arc).ok  # reading works: verify re-hashes everything
            with pytest.raises(ReadOnlyArchiveError):
                verify(arc, repair=True)
        assert main(["--archive", str(view), "list", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["total"] == 2
        more = agency_photos(tmp_path / "more", 1, seed=50)
        for cmd in (["import", str(more)], ["edit", "1", "--caption", "New caption here"]):
            code = main(["--archive", str(view), *cmd])
            err = capsys.readouterr().err
            assert code == 1 and "this archive is read-only" in err and "Traceback" not in err
        code = main(["--archive", str(view), "backup", str(tmp_path / "bk")])
        assert code == 0  # a read-only archive can still be backed up
    with Archive.open(folder) as arc:
        assert not arc.read_only and verify(arc).ok


def test_read_only_sqlite_uri_directly(tmp_path: Path) -> None:
    """The mechanism without mounts: a catalogue opened through SQLite's mode=ro refuses
    writes with the archive's message, not a driver error."""
    from sqlalchemy import text

    from archive.db.engine import make_engine
    from archive.maintenance.safety import install_error_translation

    Archive.open(tmp_path / "a").close()
    engine = make_engine(f"sqlite:///file:{tmp_path / 'a' / 'catalog.sqlite'}?mode=ro&uri=true")
    install_error_translation(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM photo")).scalar() == 0
    with pytest.raises(ReadOnlyArchiveError, match="read-only"), engine.begin() as conn:
        conn.execute(text("INSERT INTO keyword (name) VALUES ('x')"))
    engine.dispose()


def test_damaged_catalogue_is_refused_at_open(tmp_path: Path) -> None:
    src = agency_photos(tmp_path / "src", 20, size=(64, 48))
    folder = tmp_path / "arc"
    with Archive.open(folder) as arc:
        from archive.importer.session import ImportOptions, ImportSession

        list(ImportSession(arc, [src], ImportOptions(jobs=1)).run())
    db = folder / "catalog.sqlite"
    size = db.stat().st_size
    page = 4096
    assert size >= 8 * page
    with open(db, "r+b") as fh:  # garbage over whole pages in the middle of the file
        fh.seek((size // page // 2) * page)
        fh.write(os.urandom(2 * page))
    with pytest.raises(DamagedCatalogueError, match="damaged"):
        Archive.open(folder)
    # The CLI says so in one line (exit 1), for every command.
    done = subprocess.run(creditdesk("--archive", str(folder), "list"),
                          capture_output=True, text=True, check=False, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "damaged" in done.stderr and "Traceback" not in done.stderr
    db.write_bytes(db.read_bytes()[: size // 2])  # truncated
    with pytest.raises(CatalogueError, match="damaged"):
        Archive.open(folder)
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(CatalogueError, match="not an SQLite database"):
        Archive.open(folder)
