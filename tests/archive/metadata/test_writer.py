"""write_metadata / make_derivative, checked against exiftool (the industry's reference reader)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageCms

from archive.errors import MetadataError
from archive.metadata.reader import read_metadata
from archive.metadata.writer import (
    WriteFields,
    cut_utf8,
    image_data_digest,
    make_derivative,
    write_metadata,
)
from archive.metadata.xmp import reset_namespaces
from tests.archive.metadata.builders import IIM_UTF8, app1_xmp, app13, iim, jpeg, md5, xmp_packet
from tests.factories import Agency, embed, jpeg_bytes, winslet_getty

WIRE = "Mike Marsland/WireImage/Getty Images"  # 36 bytes: IIM keeps 32
CAPTION = "Mia Threapleton — café, Łódź"
BST = timezone(timedelta(hours=1))
ALL = WriteFields(
    caption=CAPTION,
    headline="BAFTA TV Awards — Arrivals",
    title="Winslet & Threapleton",
    creator="Zoë Ball",
    credit_line=WIRE,
    source="WireImage",
    copyright="© 2023 Zoë Ball",
    usage_terms="Editorial use only",
    special_instructions="No sales to Łódź tabloids",
    keywords=("BAFTA", "Łódź", "red carpet"),
    people=("Kate Winslet", "Mia Threapleton", "Zoë"),
    event="2023 BAFTA Television Awards with P&O Cruises",
    city="London",
    sublocation="Royal Festival Hall",
    state="England",
    country="United Kingdom",
    country_code="GBR",
    date_created=datetime(2023, 5, 14, 17, 42, 10, tzinfo=BST),
)


def exiftool(data: bytes, tmp_path: Path, name: str = "out.jpg") -> dict[str, Any]:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed: interoperability tests need libimage-exiftool-perl")
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-a", "-struct", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out)[0]
    return result


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def rgb(im: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    r, g, b = cast(tuple[int, int, int], im.getpixel(xy))
    return r, g, b


def scan(data: bytes) -> bytes:
    """The bytes from the first SOS marker to the end (EOI), found independently of the writer."""
    return data[data.index(b"\xff\xda") :]


@pytest.fixture(scope="module")
def original() -> bytes:
    reset_namespaces()  # embed() writes with exiv2 too: undo earlier tests' hostile files
    return embed(jpeg_bytes((1200, 800), seed=3), winslet_getty())


def test_all_fields_reach_xmp_iim_and_exif(original: bytes, tmp_path: Path) -> None:
    result = write_metadata(original, ALL)
    tags = exiftool(result.data, tmp_path)

    assert tags["XMP-dc:Description"] == CAPTION
    assert tags["XMP-photoshop:Headline"] == ALL.headline
    assert tags["XMP-dc:Title"] == ALL.title
    assert as_list(tags["XMP-dc:Creator"]) == ["Zoë Ball"]
    assert tags["XMP-photoshop:Credit"] == WIRE  # full value in the master copy
    assert tags["XMP-photoshop:Source"] == "WireImage"
    assert tags["XMP-dc:Rights"] == ALL.copyright
    assert tags["XMP-xmpRights:UsageTerms"] == "Editorial use only"
    assert tags["XMP-photoshop:Instructions"] == ALL.special_instructions
    assert tags["XMP-dc:Subject"] == ["BAFTA", "Łódź", "red carpet"]
    assert tags["XMP-iptcExt:PersonInImage"] == ["Kate Winslet", "Mia Threapleton", "Zoë"]
    assert tags["XMP-iptcExt:Event"] == ALL.event
    assert tags["XMP-photoshop:City"] == "London"
    assert tags["XMP-iptcCore:Location"] == "Royal Festival Hall"
    assert tags["XMP-photoshop:State"] == "England"
    assert tags["XMP-photoshop:Country"] == "United Kingdom"
    assert tags["XMP-iptcCore:CountryCode"] == "GBR"
    assert tags["XMP-photoshop:DateCreated"] == "2023:05:14 17:42:10+01:00"

    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert tags["IPTC:Caption-Abstract"] == CAPTION
    assert tags["IPTC:Headline"] == ALL.headline
    assert tags["IPTC:ObjectName"] == ALL.title
    assert as_list(tags["IPTC:By-line"]) == ["Zoë Ball"]
    assert tags["IPTC:Credit"] == "Mike Marsland/WireImage/Getty Im"
    assert tags["IPTC:Source"] == "WireImage"
    assert tags["IPTC:CopyrightNotice"] == ALL.copyright
    assert tags["IPTC:SpecialInstructions"] == ALL.special_instructions
    assert tags["IPTC:Keywords"] == ["BAFTA", "Łódź", "red carpet"]
    assert tags["IPTC:City"] == "London"
    assert tags["IPTC:Sub-location"] == "Royal Festival Hall"
    assert tags["IPTC:Province-State"] == "England"
    assert tags["IPTC:Country-PrimaryLocationName"] == "United Kingdom"
    assert tags["IPTC:Country-PrimaryLocationCode"] == "GBR"
    assert tags["IPTC:DateCreated"] == "2023:05:14"
    assert tags["IPTC:TimeCreated"] == "17:42:10+01:00"

    # EXIF ASCII tags hold UTF-8; exiftool decodes them as UTF-8 by default.
    assert tags["IFD0:ImageDescription"] == CAPTION
    assert tags["IFD0:Artist"] == "Zoë Ball"
    assert tags["IFD0:Copyright"] == ALL.copyright

    assert tags["Photoshop:IPTCDigest"] == tags["File:CurrentIPTCDigest"]
    assert "ExifTool:Warning" not in tags, tags.get("ExifTool:Warning")
    assert result.truncated == (
        "credit_line: IIM 2:110 keeps 'Mike Marsland/WireImage/Getty Im' (32 of 36 bytes); "
        "XMP has the full value",
    )
    # Untouched agency metadata stays.
    assert tags["IFD0:Make"] == "Canon"
    assert tags["ExifIFD:DateTimeOriginal"] == "2023:05:14 17:42:10"
    # Not one pixel byte changed.
    assert image_data_digest(result.data) == image_data_digest(original)
    assert scan(result.data) == scan(original)


def test_round_trip_through_our_reader(original: bytes) -> None:
    meta = read_metadata(write_metadata(original, ALL).data, "out.jpg")
    assert meta.caption == CAPTION
    assert meta.headline == ALL.headline
    assert meta.title == ALL.title
    assert meta.creators == ("Zoë Ball",)
    assert meta.credit_line == WIRE  # XMP wins: the digest says IIM and XMP agree
    assert meta.source == "WireImage"
    assert meta.copyright == ALL.copyright
    assert meta.usage_terms == ALL.usage_terms
    assert meta.special_instructions == ALL.special_instructions
    assert meta.keywords == ALL.keywords
    assert meta.people == ALL.people
    assert meta.event == ALL.event
    assert (meta.city, meta.sublocation, meta.state) == ("London", "Royal Festival Hall", "England")
    assert (meta.country, meta.country_code) == ("United Kingdom", "GBR")
    assert meta.raw["photoshop"] == {"IPTCDigestCurrent": True}
    assert meta.raw["iptc"]["2:110"] == "Mike Marsland/WireImage/Getty Im"


def test_untouched_fields_are_kept_exactly(original: bytes, tmp_path: Path) -> None:
    before = exiftool(original, tmp_path, "before.jpg")
    result = write_metadata(original, WriteFields(caption="New caption"))
    after = exiftool(result.data, tmp_path, "after.jpg")
    changed = {"XMP-dc:Description", "IPTC:Caption-Abstract", "IFD0:ImageDescription"}
    ignore = {
        "SourceFile",
        "Photoshop:IPTCDigest",
        "File:CurrentIPTCDigest",
        "IPTC:Caption-Abstract",
    }
    ignore |= {k for k in before if k.startswith(("System:", "File:"))}
    ignore |= {"IPTC:ApplicationRecordVersion", "IPTC:EnvelopeRecordVersion"}  # added by us
    for key, value in before.items():
        if key not in ignore and key not in changed:
            assert after.get(key) == value, key
    assert after["XMP-dc:Description"] == "New caption"
    assert after["IPTC:Caption-Abstract"] == "New caption"
    assert after["IFD0:ImageDescription"] == "New caption"
    assert result.truncated == ()


def test_empty_string_removes_from_all_three(original: bytes, tmp_path: Path) -> None:
    first = write_metadata(original, ALL).data
    result = write_metadata(first, WriteFields(caption="", creator="", keywords=(), people=()))
    tags = exiftool(result.data, tmp_path)
    for key in (
        "XMP-dc:Description",
        "IPTC:Caption-Abstract",
        "IFD0:ImageDescription",
        "XMP-dc:Creator",
        "IPTC:By-line",
        "IFD0:Artist",
        "XMP-dc:Subject",
        "IPTC:Keywords",
        "XMP-iptcExt:PersonInImage",
    ):
        assert key not in tags, key
    assert tags["XMP-photoshop:Credit"] == WIRE
    assert "ExifTool:Warning" not in tags
    meta = read_metadata(result.data)
    assert meta.caption is None and meta.people == () and meta.keywords == ()


def test_credit_cut_never_splits_a_character(tmp_path: Path) -> None:
    credit = "Maciej Kulczyński/PAP/Agencja Łódź"  # byte 32 is the first byte of "Ł"
    result = write_metadata(jpeg_bytes(), WriteFields(credit_line=credit))
    tags = exiftool(result.data, tmp_path)
    assert tags["IPTC:Credit"] == "Maciej Kulczyński/PAP/Agencja"
    assert tags["XMP-photoshop:Credit"] == credit
    assert "(30 of 38 bytes)" in result.truncated[0]


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_cut_utf8_is_a_clean_prefix(text: str, limit: int) -> None:
    cut = cut_utf8(text, limit)
    assert len(cut.encode("utf-8")) <= limit
    assert text.startswith(cut)


def test_type_prefix_is_taken_literally(tmp_path: Path) -> None:
    result = write_metadata(jpeg_bytes(), WriteFields(headline="type=Bag of tricks"))
    assert exiftool(result.data, tmp_path)["XMP-photoshop:Headline"] == "type=Bag of tricks"


def test_naive_date_keeps_iim_date_only(tmp_path: Path) -> None:
    result = write_metadata(jpeg_bytes(), WriteFields(date_created=datetime(2023, 5, 14, 9, 5)))
    tags = exiftool(result.data, tmp_path)
    assert tags["XMP-photoshop:DateCreated"] == "2023:05:14 09:05:00"
    assert tags["IPTC:DateCreated"] == "2023:05:14"
    assert "IPTC:TimeCreated" not in tags


def test_stale_digest_is_reconciled_before_it_is_made_current() -> None:
    block = iim((1, 90, IIM_UTF8), (2, 120, b"Edited in IIM"))
    data = jpeg((48, 32), app1_xmp(xmp_packet("Old XMP caption")), app13(block, md5(b"older")))
    assert read_metadata(data).caption == "Edited in IIM"
    result = write_metadata(data, WriteFields(people=("Zoë",)))
    meta = read_metadata(result.data)
    assert meta.caption == "Edited in IIM"  # IIM won before; it still wins
    assert meta.people == ("Zoë",)
    assert any("stale IPTC digest" in w for w in result.warnings)


def test_legacy_iim_is_reencoded_before_declaring_utf8(tmp_path: Path) -> None:
    block = iim((2, 90, "Zürich".encode("cp1252")), (2, 120, b"Old caption"))
    data = jpeg((48, 32), app13(block))
    result = write_metadata(data, WriteFields(headline="Zoë in Zürich"))
    tags = exiftool(result.data, tmp_path)
    assert tags["IPTC:City"] == "Zürich"
    assert tags["IPTC:Headline"] == "Zoë in Zürich"
    assert tags["IPTC:CodedCharacterSet"] == "UTF8"
    assert any("cp1252" in w for w in result.warnings)


@pytest.mark.parametrize("bad_uri", ["http://ns.adobe.com/phoXoshop/1.0/", "urn:bogus"])
def test_misspelt_namespace_in_an_earlier_file_does_not_leak(bad_uri: str, tmp_path: Path) -> None:
    # exiv2's namespace table is process-wide: reading this file re-binds "photoshop".
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'rdf:about="" xmlns:photoshop="{bad_uri}" photoshop:Credit="x"/></rdf:RDF></x:xmpmeta>'
    ).encode()
    hostile = jpeg((32, 24), app1_xmp(packet))
    read_metadata(hostile)
    for data in (jpeg_bytes(), hostile):
        tags = exiftool(write_metadata(data, WriteFields(headline="H")).data, tmp_path)
        assert tags["XMP-photoshop:Headline"] == "H"


def test_nothing_to_write_returns_the_input() -> None:
    data = jpeg_bytes()
    assert write_metadata(data, WriteFields()).data is data


def test_bytes_after_the_image_travel_unchanged_and_uncopied(original: bytes) -> None:
    # A second picture (MPF) or padding after EOI: exiv2 never sees the image data, so
    # everything from the first scan on is taken from the original as it is.
    trailer = jpeg_bytes((16, 16), seed=9) + bytes(100)
    data = original + trailer
    result = write_metadata(data, WriteFields(caption="Kate Winslet — café, Łódź"))
    out = result.data
    assert out.endswith(trailer) and scan(out) == scan(data)
    assert result.parts[-1].obj is data  # a view of the original, not a copy
    assert result.size == len(out) and result.sha256() == hashlib.sha256(out).hexdigest()
    assert read_metadata(out).caption == "Kate Winslet — café, Łódź"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x00\x00\x18ftypheic" + bytes(64), "cannot write metadata into HEIF files"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "export a JPEG derivative"),
        (b"hello", "not a recognised image"),
        (jpeg_bytes()[:300], "truncated JPEG: headers"),
        (jpeg_bytes((64, 64), seed=2)[:-40], "truncated JPEG: image data"),
    ],
)
def test_unwritable_input_raises_metadata_error(data: bytes, message: str) -> None:
    with pytest.raises(MetadataError, match=message):
        write_metadata(data, WriteFields(caption="x"))


# --- derivatives -----------------------------------------------------------------------------
def _oriented_jpeg() -> bytes:
    """1200x800 stored pixels, red block top-left, EXIF Orientation 6 (display rotated 90° CW)."""
    im = Image.new("RGB", (1200, 800), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, exif=exif.tobytes())
    reset_namespaces()
    return embed(buf.getvalue(), Agency(caption="agency caption", credit="Getty Images"))


def test_derivative_is_upright_small_and_bare() -> None:
    out = make_derivative(_oriented_jpeg(), 600)
    im = Image.open(io.BytesIO(out))
    assert im.size == (400, 600)  # displayed portrait, long edge 600
    assert im.mode == "RGB"
    r, _g, b = rgb(im, (390, 10))  # stored top-left → displayed top-right
    assert r > 200 and b < 60
    assert not im.getexif() and "icc_profile" not in im.info and "xmp" not in im.info
    assert read_metadata(out).caption is None


def test_derivative_never_upscales() -> None:
    out = make_derivative(jpeg_bytes((300, 200)), 2000)
    assert Image.open(io.BytesIO(out)).size == (300, 200)


def _swapped_primaries_profile() -> bytes:
    """sRGB with its red and green colorants swapped: pure 'red' in it is sRGB green."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack_from(">I", icc, 128)
    entries = {bytes(icc[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    r, g = entries[b"rXYZ"], entries[b"gXYZ"]
    icc[r + 4 : r + 12], icc[g + 4 : g + 12] = icc[g + 4 : g + 12], icc[r + 4 : r + 12]
    return bytes(icc)


def test_derivative_converts_to_srgb() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (255, 0, 0)).save(
        buf, "JPEG", quality=95, icc_profile=_swapped_primaries_profile()
    )
    im = Image.open(io.BytesIO(make_derivative(buf.getvalue(), 200)))
    r, g, b = rgb(im, (100, 75))
    assert g > 200 and r < 80, (r, g, b)
    assert "icc_profile" not in im.info


def test_metadata_written_into_a_derivative(tmp_path: Path) -> None:
    derivative = make_derivative(_oriented_jpeg(), 300)
    result = write_metadata(derivative, ALL)
    tags = exiftool(result.data, tmp_path)
    assert tags["XMP-dc:Description"] == CAPTION
    assert tags["IPTC:Credit"] == "Mike Marsland/WireImage/Getty Im"
    assert "IFD0:Orientation" not in tags
    assert scan(result.data) == scan(derivative)
