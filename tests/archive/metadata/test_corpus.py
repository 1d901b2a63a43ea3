"""The public corpus (../shared/corpus) read by read_metadata, checked against ExifTool's output.

Rules from corpus/README.md "Ground truth": compare as strings, strip EXIF
padding, lists are lists, collapsed duplicate values are accepted, and where
ExifTool shows cp1252 mojibake the intended text from the file's notes is
what we expect.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from archive.errors import MetadataError, UnsupportedFileError
from archive.metadata.embedded import EmbeddedMetadata
from archive.metadata.reader import read_metadata
from tests.corpus import CORPUS

pytestmark = pytest.mark.corpus


def _expected() -> dict[str, Any]:
    path = CORPUS / "expected.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["files"]


EXPECTED = _expected()
FILES = sorted(EXPECTED) or ["<corpus missing>"]

BROKEN = {"photoprism-empty.jpg", "exiv2-bug1247.jpg", "pillow-truncated_jpeg.jpg"}

# Intended text where ExifTool's cp1252 default produced mojibake (from each file's notes).
INTENDED = {("frameright-metapm.jpg", "IPTC:Caption-Abstract"): "José Mourinho"}

IPTC_DATASETS = {
    "IPTC:By-line": "2:80",
    "IPTC:Credit": "2:110",
    "IPTC:Source": "2:115",
    "IPTC:CopyrightNotice": "2:116",
    "IPTC:Caption-Abstract": "2:120",
    "IPTC:Headline": "2:105",
    "IPTC:Keywords": "2:25",
    "IPTC:ObjectName": "2:05",
    "IPTC:City": "2:90",
    "IPTC:Country-PrimaryLocationName": "2:101",
}

# app field → (XMP key, IIM key, EXIF key) in ExifTool's names; None = no such source.
FIELD_SOURCES = {
    "caption": ("XMP-dc:Description", "IPTC:Caption-Abstract", "EXIF:ImageDescription"),
    "creators": ("XMP-dc:Creator", "IPTC:By-line", "EXIF:Artist"),
    "credit_line": ("XMP-photoshop:Credit", "IPTC:Credit", None),
    "source": ("XMP-photoshop:Source", "IPTC:Source", None),
    "copyright": ("XMP-dc:Rights", "IPTC:CopyrightNotice", "EXIF:Copyright"),
    "title": (None, "IPTC:ObjectName", None),
    "headline": (None, "IPTC:Headline", None),
    "city": (None, "IPTC:City", None),
    "country": (None, "IPTC:Country-PrimaryLocationName", None),
    "keywords": (None, "IPTC:Keywords", None),
    "people": ("XMP-iptcExt:PersonInImage", None, None),
    "event": ("XMP-iptcExt:Event", None, None),
}

EXIF_ALIASES = {
    "EXIF:Make": "IFD0:Make",
    "EXIF:Model": "IFD0:Model",
    "EXIF:DateTimeOriginal": "ExifIFD:DateTimeOriginal",
}


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        items = [str(v).strip("\x00 ") for v in value]
        items = [v for v in items if v]
        return items or None
    text = str(value).strip("\x00 ")
    return text or None


def _candidates(entry: dict[str, Any], key: str) -> list[Any]:
    """ExifTool's value for key plus any collapsed duplicates, normalised."""
    fields = entry["fields"]
    out = []
    if (entry_name := entry.get("_name")) and (entry_name, key) in INTENDED:
        out.append(INTENDED[(entry_name, key)])
    if key in fields:
        out.append(_norm(fields[key]))
    others = entry.get("duplicate_tags_collapsed_in_json", {}).get("key_fields_other_values", {})
    for alt_key in (key, EXIF_ALIASES.get(key, "")):
        for alt in others.get(alt_key, []):
            out.append(_norm(alt))
    return out


def _stale_digest(entry: dict[str, Any]) -> bool:
    return "IPTCDigest is not current" in entry.get("exiftool_warning", "")


def _expected_field(entry: dict[str, Any], sources: tuple[str | None, ...]) -> list[Any] | None:
    xmp_key, iim_key, exif_key = sources
    fields = entry["fields"]
    has = [k for k in sources if k and _norm(fields.get(k)) is not None]
    if not has:
        return None
    xmp = _candidates(entry, xmp_key) if xmp_key in has else []
    iim = _candidates(entry, iim_key) if iim_key in has else []
    # XMP is the master copy, unless the IPTC digest says IIM was edited later.
    if xmp and iim:
        return iim + xmp if _stale_digest(entry) else xmp + iim
    if xmp or iim:
        return xmp or iim
    return _candidates(entry, exif_key) if exif_key else None


def _value(meta: EmbeddedMetadata, name: str) -> Any:
    return _norm(getattr(meta, name))


@pytest.fixture(params=FILES)
def corpus_file(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any], bytes]:
    if not EXPECTED:
        pytest.skip(f"corpus is missing: {CORPUS} (expected.json not found)")
    name = request.param
    entry = dict(EXPECTED[name], _name=name)
    return name, entry, (CORPUS / name).read_bytes()


def test_corpus_file(corpus_file: tuple[str, dict[str, Any], bytes]) -> None:
    name, entry, data = corpus_file
    if name in BROKEN:
        with pytest.raises((MetadataError, UnsupportedFileError)) as info:
            read_metadata(data, name)
        assert name in str(info.value)
        return
    meta = read_metadata(data, name)
    fields = entry["fields"]
    json.dumps(meta.raw)  # the importer stores raw as JSON

    if "ImageWidth" in fields:
        assert (meta.width, meta.height) == (fields["ImageWidth"], fields["ImageHeight"])
    if "EXIF:Make" in fields:
        assert _value(meta, "camera_make") in _candidates(entry, "EXIF:Make")
        assert _value(meta, "camera_model") in _candidates(entry, "EXIF:Model")
    if "EXIF:DateTimeOriginal" in fields:
        assert meta.taken_at is not None
        got = meta.taken_at.strftime("%Y:%m:%d %H:%M:%S")
        assert got in _candidates(entry, "EXIF:DateTimeOriginal")
    if "EXIF:Orientation#" in fields:
        assert meta.orientation == fields["EXIF:Orientation#"]
    if "GPS" in fields:
        assert meta.gps_lat == pytest.approx(fields["GPS"]["lat"], abs=1e-6)
        assert meta.gps_lon == pytest.approx(fields["GPS"]["lon"], abs=1e-6)

    for attr, sources in FIELD_SOURCES.items():
        expected = _expected_field(entry, sources)
        if expected is None:
            continue
        got = _value(meta, attr)
        if attr == "creators" and not any(_norm(fields.get(k)) for k in sources[:2] if k):
            # EXIF Artist alone: ExifTool gives a string, we give a one-item list.
            expected = [[e] if isinstance(e, str) else e for e in expected]
        if attr == "keywords" and got is not None:
            # XMP dc:subject is not in the ground truth; compare as sets.
            assert any(sorted(got) == sorted(e) for e in expected if e), (attr, got, expected)
            continue
        assert got in expected, (attr, got, expected)


def test_corpus_raw_iim(corpus_file: tuple[str, dict[str, Any], bytes]) -> None:
    """Our IIM decoding against ExifTool's, key by key, honouring the charset notes."""
    name, entry, data = corpus_file
    if name in BROKEN:
        pytest.skip("broken file")
    raw = read_metadata(data, name).raw["iptc"]
    for key, dataset in IPTC_DATASETS.items():
        if key not in entry["fields"]:
            continue
        expected = _candidates(entry, key)
        assert _norm(raw.get(dataset)) in expected, (key, raw.get(dataset), expected)
    charset = entry["fields"].get("IPTC:CodedCharacterSet")
    if charset is not None:
        assert raw["1:90"] == {"UTF8": "ESC % G"}.get(charset, charset)


def _read(name: str, **kwargs: Any) -> EmbeddedMetadata:
    if not EXPECTED:
        pytest.skip(f"corpus is missing: {CORPUS}")
    return read_metadata((CORPUS / name).read_bytes(), name, **kwargs)


def test_truncated_jpeg_fails_cleanly_but_can_be_read_on_request() -> None:
    with pytest.raises(MetadataError, match="truncated JPEG"):
        _read("pillow-truncated_jpeg.jpg")
    meta = _read("pillow-truncated_jpeg.jpg", allow_truncated=True)
    assert (meta.format, meta.width, meta.height) == ("JPEG", 100, 100)
    assert any("truncated" in w for w in meta.warnings)


def test_exiftool_jpg_has_an_eoi_before_its_trailers_and_reads_normally() -> None:
    # README says "image data stripped (no EOI)", but the 8x8 scan does end
    # in FFD9 at byte 22191; the rest is vendor trailers, which are allowed.
    meta = _read("exiftool-ExifTool.jpg")
    assert meta.caption == "A witty caption"  # stale IPTC digest: IIM wins
    assert meta.credit_line == "My Credit"
    assert meta.creators == ("Phil Harvey",)
    assert meta.camera_make == "FUJIFILM"
    assert meta.raw["xmp"]["Xmp.dc.description"] == "UTF-16 (big-endian) encoded XMP"
    assert any("caption: XMP and IIM differ" in w for w in meta.warnings)
    assert _read("exiftool-ExifTool.jpg", allow_truncated=True).caption == "A witty caption"


def test_pentax_primary_image_is_complete_and_metadata_reads() -> None:
    # Cut at 24576 bytes, but its primary 60x60 JPEG and the following
    # preview both end in EOI; only undecodable trailing bytes remain.
    meta = _read("mei-Pentax_Optio_S4.jpg", allow_truncated=True)
    assert (meta.width, meta.height) == (60, 60)
    assert meta.camera_make == "PENTAX Corporation"
    assert meta.camera_model == "PENTAX Optio S4"


def test_heic_named_jpg_is_read_as_heif() -> None:
    meta = _read("exifpy-heic_hdlr_box.jpg")
    assert (meta.format, meta.width, meta.height) == ("HEIF", 1440, 1440)


def test_stonehenge_heic_reads_exif_and_xmp() -> None:
    meta = _read("exiv2-Stonehenge.heic")
    assert meta.format == "HEIF"
    assert meta.camera_model == "NIKON D5300"
    assert meta.caption == "Classic View"
    assert meta.raw["xmp"]["Xmp.dc.description"] == "Classic View"


def test_mac_roman_iim_that_matches_xmp_is_not_a_disagreement() -> None:
    meta = _read("frameright-metapm.jpg")
    assert meta.caption == "José Mourinho"
    assert not any(w.startswith("caption:") for w in meta.warnings)


def test_iim_credit_cut_at_32_bytes_yields_the_full_xmp_credit() -> None:
    meta = _read("mei-Issue_600_1.jpg")
    assert meta.raw["iptc"]["2:110"] == "NASA, ESA, Michael Wong (Space T"
    assert meta.credit_line and meta.credit_line.startswith("NASA, ESA, Michael Wong (Space Tel")
    assert not any(w.startswith("credit_line:") for w in meta.warnings)


def test_undeclared_utf8_iim_in_png_is_decoded_as_utf8() -> None:
    meta = _read("exiv2-imagemagick.png")
    assert meta.raw["iptc"]["2:95"] == "Île de Franc"
    assert meta.state == "Île de Franc"
