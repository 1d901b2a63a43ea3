"""`verify --repair` mends what can be mended (issue 13, items 2 and 3), both engines:
HEIF thumbnails are rebuilt in a fresh process (the HEIF opener is registered on the
repair path, not only by an import that ran before), a picture whose pixels cannot be
decoded gets the placeholder import gives it, the copy an interrupted import left in
originals/ is adopted by its photo, and the hint never promises what cannot happen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.db.models import Photo
from archive.handle import Archive
from archive.importer.placeholder import is_placeholder
from archive.importer.session import ImportOptions, ImportSession
from archive.importer.stages import original_relpath
from archive.maintenance.verify import verify
from tests.archive.importer.damaged import heif, heif_cut
from tests.archive.maintenance.conftest import arc_args, cli

ROOT = Path(__file__).resolve().parents[3]


def _import(archive: Archive, path: Path, reference: bool = False) -> int:
    session = ImportSession(archive, [path], ImportOptions(jobs=1, reference=reference))
    for _ in session.run():
        pass
    assert session.report.imported == 1, session.report.as_json()
    return session.report.photo_ids[0]


def _row(archive: Archive, pid: int) -> tuple[str, bool, str]:
    with archive.sessions() as s:
        r = s.execute(select(Photo.stored_path, Photo.managed, Photo.sha256).where(Photo.id == pid))
        stored, managed, sha = r.one()
    return stored, bool(managed), sha


def _repair_in_a_fresh_process(archive: Archive) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arc_args(archive), "verify", "--repair", "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_repair_rebuilds_a_heif_thumbnail_in_a_fresh_process(
    archive: Archive, tmp_path: Path
) -> None:
    src = tmp_path / "in" / "valid.heic"
    src.parent.mkdir()
    src.write_bytes(heif(seed=3))
    pid = _import(archive, src)
    _, _, sha = _row(archive, pid)
    thumb = archive.thumbnail_path(sha)
    assert thumb.exists() and not is_placeholder(thumb)
    thumb.unlink()

    data = _repair_in_a_fresh_process(archive)

    assert [(p["kind"], p["photo_id"]) for p in data["repaired"]] == [("missing_thumbnail", pid)]
    assert data["ok"] is True and data["problems"] == []
    assert thumb.exists() and not is_placeholder(thumb)  # the real picture, not a placeholder
    assert verify(archive).ok


def test_repair_gives_undecodable_pixels_the_placeholder(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in" / "cut.heic"
    src.parent.mkdir()
    src.write_bytes(heif_cut(seed=4))
    pid = _import(archive, src)
    _, _, sha = _row(archive, pid)
    archive.thumbnail_path(sha).unlink()  # as an older version left it: no thumbnail at all

    code, out, _ = cli(capsys, *arc_args(archive), "verify")
    assert code == 1 and isinstance(out, str)
    assert "1 missing thumbnails can be rebuilt: creditdesk verify --repair" in out
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--repair", "--json")
    assert code == 0 and isinstance(data, dict)
    assert [(p["kind"], p["detail"]) for p in data["repaired"]] == [
        (
            "missing_thumbnail",
            "truncated HEIF: image data incomplete (the file was cut short; ask for it again); "
            "catalogued with a placeholder thumbnail",
        )
    ]
    assert data["placeholder_thumbnails"] == [] and is_placeholder(archive.thumbnail_path(sha))
    after = verify(archive)
    assert after.ok and after.placeholders == [pid]


def test_repair_adopts_the_copy_an_interrupted_import_left(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The state issue 13 found: the copy in originals/, the row on the user's file, no
    thumbnail. `verify` names it; `--repair` points the photo at its copy."""
    src = tmp_path / "in" / "valid.heic"
    src.parent.mkdir()
    src.write_bytes(heif(seed=5))
    pid = _import(archive, src, reference=True)
    stored, managed, sha = _row(archive, pid)
    assert not managed and stored == str(src.resolve())
    copy = archive.folder / original_relpath(sha, "HEIF")
    copy.parent.mkdir(parents=True)
    shutil.copyfile(src, copy)
    archive.thumbnail_path(sha).unlink()

    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--json")
    assert code == 1 and isinstance(data, dict)
    assert data["counts"]["orphan"] == 1 and data["counts"]["missing_thumbnail"] == 1
    [orphan] = [p for p in data["problems"] if p["kind"] == "orphan"]
    assert orphan["detail"] == (
        f"the archive copy of photo {pid}, which still points at {src.resolve()}: "
        "verify --repair points the photo at this copy"
    )
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--repair", "--json")
    assert code == 0 and isinstance(data, dict), data
    assert sorted(p["kind"] for p in data["repaired"]) == ["missing_thumbnail", "orphan"]
    assert _row(archive, pid) == (original_relpath(sha, "HEIF"), True, sha)
    assert copy.read_bytes() == src.read_bytes()
    assert verify(archive).ok


def test_no_promise_when_the_original_is_gone(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in" / "valid.heic"
    src.parent.mkdir()
    src.write_bytes(heif(seed=6))
    pid = _import(archive, src, reference=True)
    _, _, sha = _row(archive, pid)
    archive.thumbnail_path(sha).unlink()
    src.unlink()

    code, out, _ = cli(capsys, *arc_args(archive), "verify")
    assert code == 1 and isinstance(out, str)
    assert "can be rebuilt" not in out and "verify --repair" not in out
    assert "cannot rebuild: the original is missing or changed" in out
    code, data, _ = cli(capsys, *arc_args(archive), "verify", "--repair", "--json")
    assert isinstance(data, dict) and data["repaired"] == [] and data["repairable_thumbnails"] == 0


def test_a_second_import_mends_what_an_interrupted_one_left(
    archive: Archive, tmp_path: Path
) -> None:
    """The same half-written state (copy in originals/, row on the source, no thumbnail)
    for a HEIF whose pixels are cut: importing it again adopts the copy and gives it the
    placeholder, and `verify` is clean."""
    src = tmp_path / "in" / "cut.heic"
    src.parent.mkdir()
    src.write_bytes(heif_cut(seed=7))
    pid = _import(archive, src, reference=True)
    _, _, sha = _row(archive, pid)
    copy = archive.folder / original_relpath(sha, "HEIF")
    copy.parent.mkdir(parents=True)
    shutil.copyfile(src, copy)
    archive.thumbnail_path(sha).unlink()
    assert not verify(archive).ok

    session = ImportSession(archive, [src], ImportOptions(jobs=1))
    for _ in session.run():
        pass

    assert session.report.duplicates == 1 and session.report.failed == []
    assert _row(archive, pid) == (original_relpath(sha, "HEIF"), True, sha)
    after = verify(archive)
    assert after.ok and after.placeholders == [pid]
