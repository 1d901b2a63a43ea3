"""Import → export → exiftool keeps what was read from the agency forms of issue 14.

The files are built as in tests/archive/metadata/test_agency_forms.py (FotoStation trailer,
PNG XMP after IDAT, Getty's repeated properties, dates and ids, a keyword list in one
item); the exported files are judged by exiftool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.exports import ExportRequest, ExportService
from archive.services.photos import PhotoService
from tests.archive.metadata.agency_files import (
    exiftool_read,
    exiftool_write,
    fotostation_record,
    itxt_xmp,
    lang_alt,
    packet,
    png_with,
    seq,
)
from tests.archive.metadata.builders import IIM_UTF8, app1_xmp, app13, iim, jpeg

CAPTION = "Kate Winslet arrives at the Royal Festival Hall on May 14, 2023 in London, England."
GETTY_XMP = packet(
    lang_alt("dc:title", "Arrivals")
    + lang_alt("dc:description", "Draft caption")
    + lang_alt("dc:rights", "© 2015 Getty Images (draft)")
    + lang_alt("dc:description", CAPTION)
    + lang_alt("dc:rights", "© 2015 Getty Images")
    + lang_alt("dc:title", "Arrivals")
    + seq("dc:creator", "Joe Maher")
    + "<photoshop:Credit>Joe Maher/Getty Images</photoshop:Credit>"
    + "<photoshop:DateCreated>2015-01-22T18:30:00 +00:00</photoshop:DateCreated>"
    + "<GettyImagesGIFT:AssetId>461234567</GettyImagesGIFT:AssetId>"
)
GETTY_IIM = iim((1, 90, IIM_UTF8), (2, 55, b"2015-01-22"), (2, 60, b"183000+0000"))
TRAILER_IIM = iim(
    (1, 90, IIM_UTF8),
    (2, 120, CAPTION.encode()),
    (2, 110, b"Joe Maher/Getty Images"),
    (2, 80, b"Joe Maher"),
)
REAGAN = "ronald reagan, reagan, cvn 76, aircraft carrier, navy"


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    out = {
        "getty.jpg": jpeg((64, 48), app13(GETTY_IIM), app1_xmp(GETTY_XMP), exif=False),
        "fotostation.jpg": jpeg((64, 48), exif=False) + fotostation_record(1, TRAILER_IIM),
        "old.png": png_with(
            after_idat=itxt_xmp(
                packet(seq("dc:creator", "Zoë Ball") + lang_alt("dc:description", CAPTION))
            )
        ),
        "keywords.jpg": jpeg((64, 48), exif=False),
    }
    paths = {}
    for name, data in out.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    exiftool_write(
        paths["keywords.jpg"],
        f"-XMP-dc:Subject={REAGAN}",
        f"-IPTC:Keywords={REAGAN}",
        f"-XMP-dc:Description={CAPTION}",
    )
    return paths


def _export(archive: Archive, ids: list[int], target: Path, size: str) -> dict[int, dict[str, Any]]:
    request = ExportRequest(
        ids,
        target,
        size=size,
        contact_sheets=(),
        # What the check says about these test pictures is not what this test is about.
        overrides={r: "round-trip test" for r in _blocking(archive, ids, target)},
    )
    result = ExportService(archive).export(request)
    assert not result.blocked, result.report
    return {f["photo_id"]: exiftool_read(target / f["file"]) for f in result.files}


def _blocking(archive: Archive, ids: list[int], target: Path) -> set[str]:
    probe = ExportService(archive).export(
        ExportRequest(ids, target.with_name(target.name + "-probe"), contact_sheets=())
    )
    if not probe.blocked:
        return set()
    return {
        f.rule for photo in probe.report.photos for f in photo.findings if f.severity == "error"
    }


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def test_round_trip_keeps_every_agency_form(archive: Archive, tmp_path: Path) -> None:
    _files(tmp_path / "in")
    session = ImportSession(archive, [tmp_path / "in"], ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed, session.report.failed
    by_name = _ids_by_source(archive, session.report.photo_ids)

    jpegs = [by_name[n] for n in ("getty.jpg", "fotostation.jpg", "keywords.jpg")]
    tags = _export(archive, jpegs, tmp_path / "out", "original")
    tags |= _export(archive, [by_name["old.png"]], tmp_path / "out-png", "web")

    getty = tags[by_name["getty.jpg"]]
    assert getty["XMP-dc:Description"] == CAPTION == getty["IPTC:Caption-Abstract"]
    assert getty["XMP-dc:Rights"] == "© 2015 Getty Images" == getty["IPTC:CopyrightNotice"]
    assert getty["XMP-dc:Title"] == "Arrivals" == getty["IPTC:ObjectName"]
    assert getty["XMP-photoshop:DateCreated"] == "2015:01:22 18:30:00+00:00"
    assert getty["IPTC:DateCreated"] == "2015:01:22"
    assert str(getty["XMP-plus:ImageSupplierImageID"]) == "461234567"
    assert str(getty["XMP-getty:AssetId"]) == "461234567"  # the agency's own copy stays
    assert "Warning" not in " ".join(getty)

    fs = tags[by_name["fotostation.jpg"]]
    assert fs["XMP-dc:Description"] == CAPTION == fs["IPTC:Caption-Abstract"]
    assert fs["XMP-photoshop:Credit"] == "Joe Maher/Getty Images" == fs["IPTC:Credit"]
    assert _as_list(fs["XMP-dc:Creator"]) == ["Joe Maher"]
    assert fs["IPTC2:Caption-Abstract"] == CAPTION  # the trailer travels unchanged

    kw = tags[by_name["keywords.jpg"]]
    split = ["ronald reagan", "reagan", "cvn 76", "aircraft carrier", "navy"]
    assert sorted(_as_list(kw["XMP-dc:Subject"])) == sorted(split)
    assert sorted(_as_list(kw["IPTC:Keywords"])) == sorted(split)

    old = tags[by_name["old.png"]]
    assert _as_list(old["XMP-dc:Creator"]) == ["Zoë Ball"]
    assert old["XMP-dc:Description"] == CAPTION


def _ids_by_source(archive: Archive, ids: list[int]) -> dict[str, int]:
    out = {}
    for pid in ids:
        detail = PhotoService(archive.sessions).detail(pid)
        for source in detail["source_paths"]:
            out[Path(source).name] = pid
    return out
