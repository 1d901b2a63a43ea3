"""Import end to end on both engines: real JPEGs in, catalogue rows, copies and thumbnails out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from archive.db.models import AuditEvent, Photo, SourcePath
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.progress import ImportReport
from archive.services.photos import PhotoService
from tests.factories import BAFTA, Agency, winslet_getty, winslet_wireimage, write_photo


def run_import(
    archive: Archive, paths: list[Path], **opts: object
) -> tuple[ImportReport, list[str]]:
    opts.setdefault("jobs", 2)
    session = ImportSession(archive, paths, ImportOptions(**opts))  # type: ignore[arg-type]
    kinds = [ev.kind for ev in session.run()]
    return session.report, kinds


def digest(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


def test_import_reads_agency_metadata_and_never_touches_originals(
    archive: Archive, tmp_path: Path
) -> None:
    src = tmp_path / "incoming"
    getty = write_photo(src / "getty.jpg", winslet_getty(), seed=1)
    wire = write_photo(src / "sub" / "wire.JPG", winslet_wireimage(), seed=2)
    before = {p: digest(p) for p in (getty, wire)}

    report, kinds = run_import(archive, [src])

    assert report.imported == 2 and report.duplicates == 0 and report.failed == []
    assert kinds[0] == "started" and kinds[-1] == "finished"
    assert kinds.count("catalogued") == 2 and kinds.count("stored") == 2
    assert {p: digest(p) for p in (getty, wire)} == before

    service = PhotoService(archive.sessions)
    by_source = {
        Path(service.detail(i)["source_paths"][0]).name: service.detail(i) for i in report.photo_ids
    }
    g = by_source["getty.jpg"]
    assert g["caption"].startswith("Kate Winslet and Mia Threapleton attend")
    # By-line + Credit "Getty Images" → the line to publish, in Getty's form.
    assert g["credit_line"] == "Joe Maher/Getty Images"
    assert g["photographer"] == "Joe Maher" and g["agency"] == "Getty Images"
    assert g["people"] == ["Kate Winslet", "Mia Threapleton"]
    assert g["event"]["name"] == BAFTA
    assert g["taken_at"] == "2023-05-14T17:42:10+01:00"
    assert g["keywords"] == ["Arts Culture and Entertainment", "Red Carpet"]
    assert g["special_instructions"] == "EDITORIAL USE ONLY"
    assert g["camera_make"] == "Canon" and g["width"] == 64 and g["height"] == 48
    assert g["embedded"], "the raw embedded metadata is kept"
    w = by_source["wire.JPG"]
    # XMP carries the full 36-byte credit; the IIM copy was cut at 32 bytes.
    assert w["credit_line"] == "Mike Marsland/WireImage/Getty Images"
    assert w["photographer"] == "Mike Marsland" and w["agency"] == "WireImage"
    assert w["agency_parent"] == "Getty Images"
    # One event entity shared by both pictures.
    assert g["event"] == w["event"]

    for detail in (g, w):
        stored = archive.resolve_stored(detail["stored_path"])
        assert stored.is_file() and stored.is_relative_to(archive.originals_dir)
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == detail["sha256"]
        thumb = archive.thumbnail_path(detail["sha256"])
        with Image.open(thumb) as im:
            assert max(im.size) <= 320


def test_same_content_twice_is_one_photo_with_two_source_paths(
    archive: Archive, tmp_path: Path
) -> None:
    first = write_photo(tmp_path / "a" / "one.jpg", winslet_getty(), seed=5)
    second = tmp_path / "b" / "copy.jpg"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())

    report, _ = run_import(archive, [first, second])
    assert report.imported == 1 and report.duplicates == 1
    again, _ = run_import(archive, [first])
    assert again.imported == 0 and again.duplicates == 1
    with archive.sessions() as s:
        assert s.scalar(select(func.count(Photo.id))) == 1
        assert s.scalar(select(func.count(SourcePath.id))) == 2
        assert s.scalar(select(func.count(AuditEvent.id))) == 3


def test_reference_import_leaves_files_in_place(archive: Archive, tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "ref.jpg", winslet_getty(), seed=7)
    report, _ = run_import(archive, [photo], reference=True)
    detail = PhotoService(archive.sessions).detail(report.photo_ids[0])
    assert detail["stored_path"] == str(photo.resolve())
    assert detail["managed"] is False
    assert not any(archive.originals_dir.rglob("*.jpg"))


def test_event_option_attaches_every_photo(archive: Archive, tmp_path: Path) -> None:
    a = write_photo(tmp_path / "a.jpg", Agency(caption="One"), seed=8)
    b = write_photo(tmp_path / "b.jpg", None, seed=9)
    report, _ = run_import(archive, [a, b], event="Cannes Film Festival 2024")
    service = PhotoService(archive.sessions)
    assert {service.detail(i)["event"]["name"] for i in report.photo_ids} == {
        "Cannes Film Festival 2024"
    }


def test_bad_files_fail_one_line_each_and_the_batch_goes_on(
    archive: Archive, tmp_path: Path
) -> None:
    src = tmp_path / "mixed"
    good = write_photo(src / "good.jpg", winslet_getty(), seed=11)
    (src / "empty.jpg").write_bytes(b"")
    (src / "text.jpg").write_text("this is not a picture")
    truncated = good.read_bytes()[: len(good.read_bytes()) // 2]
    (src / "truncated.jpg").write_bytes(truncated)
    png = src / "really-a-png.jpg"
    Image.new("RGB", (20, 10), "blue").save(png, "PNG")
    (src / "notes.txt").write_text("ignored in folders: not an image extension")
    missing = tmp_path / "nowhere.jpg"

    report, _ = run_import(archive, [src, missing])

    failed = {Path(f.path).name: f.error for f in report.failed}
    assert set(failed) == {"empty.jpg", "text.jpg", "truncated.jpg", "nowhere.jpg"}
    assert all(msg and "\n" not in msg for msg in failed.values())
    assert "zero-byte" in failed["empty.jpg"]
    assert "no such file" in failed["nowhere.jpg"]
    assert report.imported == 2  # good.jpg and the PNG named .jpg (read by content)
    formats = {PhotoService(archive.sessions).detail(i)["format"] for i in report.photo_ids}
    assert formats == {"JPEG", "PNG"}
    with archive.sessions() as s:
        assert s.scalar(select(func.count(Photo.id))) == 2
    assert not list(archive.folder.rglob("*.part"))
