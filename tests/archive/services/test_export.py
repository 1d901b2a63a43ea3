"""Export end to end: checked, embedded losslessly (judged by exiftool), recorded, atomic."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from archive.cli import main
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.metadata.writer import image_data_digest
from archive.services import export_files
from archive.services.exports import ExportRequest, ExportService
from archive.services.usage import UsageService
from tests.factories import Agency, winslet_getty, winslet_wireimage, write_photo

GOLDEN = (
    "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with P&O Cruises "
    "at The Royal Festival Hall on May 14, 2023 in London, England."
)


def exiftool(path: Path) -> dict:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed: interoperability tests need libimage-exiftool-perl")
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-a", "-struct", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)[0]


@pytest.fixture
def ids(archive: Archive, tmp_path: Path) -> list[int]:
    write_photo(tmp_path / "in" / "1.jpg", winslet_getty(), seed=601, size=(640, 480))
    write_photo(tmp_path / "in" / "2.jpg", winslet_wireimage(), seed=602, size=(640, 480))
    session = ImportSession(archive, [tmp_path / "in"], ImportOptions(jobs=1))
    list(session.run())
    return session.report.photo_ids


def test_original_export_embeds_everything_losslessly(
    archive: Archive, ids: list[int], tmp_path: Path
) -> None:
    target = tmp_path / "bundle"
    result = ExportService(archive).export(ExportRequest(ids, target))
    assert not result.blocked and result.bundle == target.resolve()
    names = sorted(p.name for p in target.iterdir())
    assert {
        "manifest.json",
        "captions.csv",
        "credits.txt",
        "contact-sheet.html",
        "contact-sheet.pdf",
    } <= set(names)
    files = {f["photo_id"]: target / f["file"] for f in result.files}
    assert len(files) == 2 and all(p.suffix == ".jpg" for p in files.values())

    getty = exiftool(files[ids[0]])
    assert getty["XMP-dc:Description"] == GOLDEN
    assert getty["IPTC:Caption-Abstract"] == GOLDEN
    assert getty["XMP-photoshop:Credit"] == "Joe Maher/Getty Images"
    assert getty["IPTC:CodedCharacterSet"] == "UTF8"
    assert getty["XMP-iptcExt:PersonInImage"] == ["Kate Winslet", "Mia Threapleton"]
    assert "IPTCDigest is not current" not in json.dumps(getty)

    wire = exiftool(files[ids[1]])
    assert wire["XMP-photoshop:Credit"] == "Mike Marsland/WireImage/Getty Images"
    assert len(wire["IPTC:Credit"].encode()) <= 32
    assert "Mike Marsland/WireImage/Getty Images".startswith(wire["IPTC:Credit"])

    for pid, path in files.items():
        source = archive.resolve_stored(json.loads(_show(archive, pid))["stored_path"])
        assert image_data_digest(path.read_bytes()) == image_data_digest(source.read_bytes())
    credits = (target / "credits.txt").read_text(encoding="utf-8").splitlines()
    assert credits == [
        "(Image credit: Joe Maher/Getty Images)",
        "(Image credit: Mike Marsland/WireImage/Getty Images)",
    ]
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert [p["photo_id"] for p in manifest["photos"]] == ids
    assert [u["file"] for u in UsageService(archive.sessions).usage(ids[0])] == [files[ids[0]].name]

    # Re-importing an exported file into a fresh archive gives back the same words.
    with Archive.open(tmp_path / "fresh") as fresh:
        session = ImportSession(fresh, [files[ids[1]]], ImportOptions(jobs=1))
        list(session.run())
        back = json.loads(_show(fresh, session.report.photo_ids[0]))
    assert back["credit_line"] == "Mike Marsland/WireImage/Getty Images"
    assert back["people"] == ["Kate Winslet"] and back["event"]["name"].startswith("2023 BAFTA")


def _show(archive: Archive, pid: int) -> str:
    from archive.services.photos import PhotoService

    return json.dumps(PhotoService(archive.sessions).detail(pid))


def test_blocked_export_writes_nothing_and_override_lets_it_through(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None
) -> None:
    meta = winslet_getty()
    meta.instructions = "EDITORIAL USE ONLY. UK OUT"
    photo = write_photo(tmp_path / "uk.jpg", meta, seed=603)
    session = ImportSession(archive, [photo], ImportOptions(jobs=1))
    list(session.run())
    (pid,) = session.report.photo_ids
    arc = ["--archive", str(archive.folder)] + (["--db", db_url] if db_url else [])
    target = tmp_path / "out.zip"
    assert main([*arc, "export", str(pid), "--to", str(target), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] >= 1 and report["photos"][0]["status"] == "blocked"
    assert not target.exists() and not list(tmp_path.glob(".out.zip*"))

    code = main(
        [
            *arc,
            "export",
            str(pid),
            "--to",
            str(target),
            "--json",
            "--size",
            "web",
            "--override",
            "territory=Cleared with Getty for UK use, ref 123",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["photos"] == 1
    assert set(result) >= {"bundle", "photos", "files", "warnings", "overrides"}
    assert [o["rule"] for o in result["overrides"]] == ["territory"]
    with zipfile.ZipFile(target) as zf:
        assert {"manifest.json", "captions.csv", "credits.txt", result["files"][0]["file"]} <= set(
            zf.namelist()
        )
    assert main([*arc, "export", str(pid), "--to", str(target)]) == 2  # exists: refused
    # The override was stored once; exporting again reuses it instead of adding another.
    again = tmp_path / "again"
    assert main([*arc, "export", str(pid), "--to", str(again), "--json"]) == 0
    assert [o["rule"] for o in json.loads(capsys.readouterr().out)["overrides"]] == ["territory"]
    from archive.db.models import Override

    with archive.sessions() as s:
        assert s.query(Override).filter_by(photo_id=pid).count() == 1
    capsys.readouterr()
    assert main([*arc, "usage-report", "--agency", "Getty Images", "--json"]) == 0
    assert [r["photo_id"] for r in json.loads(capsys.readouterr().out)] == [pid, pid]
    assert main([*arc, "search", "exported:yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ids"] == [pid]


def test_non_ascii_names_and_hostile_templates(archive: Archive, tmp_path: Path) -> None:
    meta = Agency(
        caption="Mia Threapleton — café, Łódź, with Zoë Wanamaker at the premiere of the film.",
        byline="Łukasz Żal",
        credit="Łukasz Żal/Getty Images",
        people=["Mia Threapleton", "Zoë Wanamaker"],
        event="../../etc/passwd",
    )
    photo = write_photo(tmp_path / "x.jpg", meta, seed=604, size=(320, 240))
    session = ImportSession(archive, [photo], ImportOptions(jobs=1))
    list(session.run())
    target = tmp_path / "b"
    result = ExportService(archive).export(
        ExportRequest(session.report.photo_ids, target, name_template="{event}/{people}\x00{id}")
    )
    (name,) = [f["file"] for f in result.files]
    assert "/" not in name and "\x00" not in name and ".." not in name
    assert (target / name).parent == target
    data = exiftool(target / name)
    assert data["XMP-dc:Description"] == meta.caption
    assert data["IPTC:Caption-Abstract"] == meta.caption
    assert data["XMP-iptcExt:PersonInImage"] == ["Mia Threapleton", "Zoë Wanamaker"]


def test_every_exported_file_is_synced_before_the_bundle_lands(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):  # enough photos for the worker pool and the sync thread
        write_photo(tmp_path / "in" / f"{n}.jpg", winslet_getty(), seed=700 + n, size=(320, 240))
    session = ImportSession(archive, [tmp_path / "in"], ImportOptions(jobs=1))
    list(session.run())
    synced: list[str] = []
    real = export_files._fsync

    def recording(path: Path) -> None:
        real(path)
        synced.append(path.name)

    monkeypatch.setattr(export_files, "_fsync", recording)
    target = tmp_path / "bundle"
    result = ExportService(archive).export(
        ExportRequest(session.report.photo_ids, target, contact_sheets=("none",))
    )
    assert not result.blocked
    assert sorted(synced) == sorted(f["file"] for f in result.files)
    for item in result.files:  # and each was written whole, in its parts
        data = (target / item["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
