"""What the decoders can read is imported; what is not a picture is said as what it is
(issue 13, items 4 and 5). Every file is made here; messages are checked word for word."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from archive.handle import Archive
from archive.importer.placeholder import is_placeholder
from archive.importer.session import ImportOptions, ImportSession
from archive.maintenance.verify import verify
from archive.progress import ImportReport
from archive.services.photos import PhotoService
from tests.archive.importer.damaged import (
    jpeg,
    jpeg_junk_prefix,
    jpeg_stray_bytes,
    png_large_text,
    tiny_cr3,
    tiny_mov,
    tiny_mp4,
)

ODD_JPEG = (
    "odd JPEG file: {n} stray bytes among its header markers, skipped as every decoder does; "
    "its picture is complete"
)
LONE_SIDECAR = (
    "an XMP sidecar: read with its picture; no picture of the same name is beside it — "
    "import the picture it describes"
)
XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li '
    'xml:lang="x-default">Caption in the sidecar.</rdf:li></rdf:Alt></dc:description>'
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def _import(archive: Archive, paths: list[Path]) -> ImportReport:
    session = ImportSession(archive, paths, ImportOptions(jobs=1))
    for _ in session.run():
        pass
    report = session.report
    assert report.imported + report.duplicates + len(report.failed) == len(paths)
    return report


@pytest.mark.parametrize(
    ("make", "stray"), [(jpeg_stray_bytes, 6), (jpeg_junk_prefix, 30)], ids=["stray", "prefix"]
)
def test_jpegs_with_stray_bytes_are_imported_with_a_warning(
    archive: Archive, tmp_path: Path, make: object, stray: int
) -> None:
    data = make()  # type: ignore[operator]
    with Image.open(io.BytesIO(data)) as im:  # Pillow (libjpeg) decodes every pixel
        im.load()
        assert im.size == (192, 128)
    src = tmp_path / "odd.jpg"
    src.write_bytes(data)

    report = _import(archive, [src])

    assert report.imported == 1 and report.failed == [] and report.thumbnail_failures == []
    note = ODD_JPEG.format(n=stray)
    assert [(f.path, f.error) for f in report.warnings] == [(str(src.resolve()), note)]
    detail = PhotoService(archive.sessions).detail(report.photo_ids[0])
    assert detail["import_warnings"] == [note] and detail["width"] == 192
    assert not is_placeholder(archive.thumbnail_path(detail["sha256"]))
    assert verify(archive).ok


def test_a_png_with_a_large_text_chunk_is_imported(archive: Archive, tmp_path: Path) -> None:
    src = tmp_path / "history.png"
    src.write_bytes(png_large_text())

    report = _import(archive, [src])

    assert report.imported == 1 and report.failed == [] and report.thumbnail_failures == []
    assert "MAX_TEXT_CHUNK" not in str(report.as_json())
    sha = PhotoService(archive.sessions).detail(report.photo_ids[0])["sha256"]
    assert not is_placeholder(archive.thumbnail_path(sha))
    assert verify(archive).ok


def _bmp(damaged: bool) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "BMP")
    data = buf.getvalue()
    return data[:20] if damaged else data


TEXT = "a text file: not a picture, not imported"
BMP = "a BMP picture: unsupported image format: convert it to JPEG, TIFF or PNG to import it"
NOT_PICTURES = {
    "clip.mp4": (tiny_mp4, "a video (MP4): not imported"),
    "clip.MOV": (tiny_mov, "a video (MOV): not imported"),
    "IMG_0001.CR3": (
        tiny_cr3,
        "a Canon raw file (CR3): not supported yet (import a JPEG, TIFF or HEIF of it)",
    ),
    # A video named like a picture is still a video: the content decides, not the name.
    "really-a-video.heic": (tiny_mp4, "a video (MP4): not imported"),
    "notes.txt": (lambda: b"Shot list for Friday\n", TEXT),
    "notes.jpg": (lambda: "Kate Winslet, BAFTA, Zoë\n".encode(), TEXT),
    # The same kind of file gets the same words, whole or damaged.
    "valid.bmp": (lambda: _bmp(False), BMP),
    "cut.bmp": (lambda: _bmp(True), BMP),
}


def test_non_pictures_are_named_for_what_they_are(archive: Archive, tmp_path: Path) -> None:
    paths = []
    for name, (make, _) in NOT_PICTURES.items():
        (tmp_path / name).write_bytes(make())
        paths.append(tmp_path / name)
    lone = tmp_path / "lonely.xmp"
    lone.write_text(XMP)

    report = _import(archive, [*paths, lone])

    failed = {Path(f.path).name: f.error for f in report.failed}
    expected = {name: f"{name}: {message}" for name, (_, message) in NOT_PICTURES.items()}
    assert failed == {**expected, "lonely.xmp": LONE_SIDECAR}
    assert report.imported == 0 and verify(archive).ok


def test_a_sidecar_in_a_folder_is_read_with_its_picture_or_named_when_alone(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(jpeg(seed=7))
    (folder / "photo.xmp").write_text(XMP)  # beside its picture: read with it
    (folder / "IMG_0002.CR3").write_bytes(tiny_cr3())
    (folder / "IMG_0002.xmp").write_text(XMP)  # beside a raw file: not lone, not for us
    (folder / "orphan.xmp").write_text(XMP)  # no file of that name: lone

    session = ImportSession(archive, [folder], ImportOptions(jobs=1))
    for _ in session.run():
        pass
    report = session.report

    assert [(Path(f.path).name, f.error) for f in report.failed] == [("orphan.xmp", LONE_SIDECAR)]
    assert report.imported == 1
    detail = PhotoService(archive.sessions).detail(report.photo_ids[0])
    assert detail["caption"] == "Caption in the sidecar."


@pytest.mark.parametrize("make", [jpeg_stray_bytes, jpeg_junk_prefix], ids=["stray", "prefix"])
def test_an_odd_jpeg_can_be_written_to_at_export(make: object, tmp_path: Path) -> None:
    """Imported, so exportable: the writer drops only the stray bytes (no segment holds
    them) and keeps every byte from the first scan on; exiftool reads the new caption."""
    from archive.metadata.writer import WriteFields, write_metadata
    from tests.archive.metadata.test_writer import exiftool

    data = make()  # type: ignore[operator]
    result = write_metadata(data, WriteFields(caption="Arrivals at the BAFTAs"))
    out = result.data
    assert result.warnings == (
        "stray bytes among the JPEG header markers dropped; image data unchanged",
    )
    assert out[out.index(b"\xff\xda") :] == data[data.index(b"\xff\xda") :]
    tags = exiftool(out, tmp_path)
    assert tags["XMP-dc:Description"] == "Arrivals at the BAFTAs"
    assert [k for k in tags if k.endswith(":Warning")] == []  # exiftool finds nothing odd
