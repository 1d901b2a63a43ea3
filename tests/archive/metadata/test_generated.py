"""Generated fixtures: charsets, precedence, hostile and broken files."""

from __future__ import annotations

import io
import time

import exiv2
import pytest
from PIL import Image

from archive.errors import MetadataError, UnsupportedFileError
from archive.metadata.reader import init_worker, read_metadata
from archive.metadata.xmp import parse_xmp
from tests.archive.metadata.builders import (
    IIM_UTF8,
    app1_xmp,
    app13,
    iim,
    jpeg,
    md5,
    png_header_only,
    xmp_packet,
)


def test_iim_declared_utf8() -> None:
    block = iim((1, 90, IIM_UTF8), (2, 90, "Łódź".encode()))
    meta = read_metadata(jpeg((32, 24), app13(block)), "utf8.jpg")
    assert meta.city == "Łódź"
    assert meta.raw["iptc"]["2:90"] == "Łódź"
    assert meta.raw["iptc"]["1:90"] == "ESC % G"
    assert meta.warnings == ()


def test_iim_undeclared_utf8_is_detected() -> None:
    block = iim((2, 120, "Zoë in Kraków".encode()))
    assert read_metadata(jpeg((32, 24), app13(block))).caption == "Zoë in Kraków"


def test_iim_undeclared_cp1252_falls_back_with_a_warning() -> None:
    block = iim((2, 116, "Café ©".encode("cp1252")), (2, 25, b"plain"))
    meta = read_metadata(jpeg((32, 24), app13(block)))
    assert meta.copyright == "Café ©"
    assert meta.keywords == ("plain",)
    assert any("cp1252" in w for w in meta.warnings)


def test_iim_declared_latin1() -> None:
    block = iim((1, 90, b"\x1b-A"), (2, 105, "présentait".encode("latin-1")))
    assert read_metadata(jpeg((32, 24), app13(block))).headline == "présentait"


def _disagreeing(digest_of: bytes | None) -> bytes:
    block = iim((1, 90, IIM_UTF8), (2, 120, b"IIM caption"), (2, 110, b"Same credit"))
    digest = None if digest_of is None else md5(block if digest_of == b"IIM" else digest_of)
    packet = xmp_packet("XMP caption", Credit="Same credit")
    return jpeg((32, 24), app13(block, digest), app1_xmp(packet))


def test_stale_digest_means_iim_was_edited_later_and_wins() -> None:
    meta = read_metadata(_disagreeing(b"something else"))
    assert meta.caption == "IIM caption"
    assert meta.credit_line == "Same credit"
    assert meta.raw["photoshop"] == {"IPTCDigestCurrent": False}
    assert [w for w in meta.warnings if w.startswith("caption:")]


@pytest.mark.parametrize("digest_of", [b"IIM", None])
def test_matching_or_absent_digest_means_xmp_wins(digest_of: bytes | None) -> None:
    meta = read_metadata(_disagreeing(digest_of))
    assert meta.caption == "XMP caption"
    assert [w for w in meta.warnings if w.startswith("caption:")]


def test_exif_is_the_last_resort_and_size_comes_from_the_image() -> None:
    meta = read_metadata(jpeg((40, 30)))
    assert (meta.format, meta.width, meta.height) == ("JPEG", 40, 30)
    assert (meta.camera_make, meta.camera_model, meta.orientation) == ("TestMake", "TestModel", 6)


def test_exiv2_written_metadata_round_trips() -> None:
    init_worker()
    image = exiv2.ImageFactory.open(jpeg((32, 24)))
    image.readMetadata()
    iptc, xmp = image.iptcData(), image.xmpData()
    iptc["Iptc.Envelope.CharacterSet"] = "\x1b%G"
    iptc["Iptc.Application2.City"] = "Łódź"
    xmp["Xmp.photoshop.Credit"] = "Mike Marsland/WireImage/Getty Images"
    xmp["Xmp.iptcExt.PersonInImage"] = exiv2.XmpArrayValue(["Ann", "Bob"], exiv2.TypeId.xmpBag)
    image.writeMetadata()
    io_ = image.io()
    data = bytes(io_.mmap())
    io_.munmap()
    meta = read_metadata(data)
    assert meta.city == "Łódź"
    assert meta.credit_line == "Mike Marsland/WireImage/Getty Images"
    assert meta.people == ("Ann", "Bob")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE x:xmpmeta [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + ']><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="&i;"/>'
    "</rdf:RDF></x:xmpmeta>"
).encode()


def test_billion_laughs_xmp_is_refused_and_iim_still_read() -> None:
    block = iim((2, 110, b"IIM credit"))
    data = jpeg((32, 24), app13(block), app1_xmp(BILLION_LAUGHS))
    start = time.perf_counter()
    meta = read_metadata(data, "laughs.jpg")
    assert time.perf_counter() - start < 2
    assert meta.credit_line == "IIM credit"
    assert meta.raw["xmp"] == {}
    assert any("ENTITY" in w for w in meta.warnings)


def test_utf16_spelled_doctype_is_refused_too() -> None:
    result = parse_xmp(BILLION_LAUGHS.decode().encode("utf-16-be"))
    assert result.values == {} and result.warnings


def test_huge_xmp_is_ignored_with_a_warning() -> None:
    big = xmp_packet("x" * (20 * 1024 * 1024))
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "TIFF", tiffinfo={700: big})
    start = time.perf_counter()
    meta = read_metadata(buf.getvalue(), "big.tif")
    assert time.perf_counter() - start < 5
    assert meta.format == "TIFF" and meta.caption is None
    assert any("8 MB" in w for w in meta.warnings)


def test_png_named_jpg_is_detected_by_content() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (20, 10)).save(buf, "PNG")
    meta = read_metadata(buf.getvalue(), "really-a-png.jpg")
    assert (meta.format, meta.width, meta.height) == ("PNG", 20, 10)


@pytest.mark.parametrize("side", [40_000, 15_000])
def test_decompression_bomb_header(side: int) -> None:
    data = png_header_only(side, side)
    assert len(data) < 100
    with pytest.raises(MetadataError, match=r"decompression bomb.*200 MP"):
        read_metadata(data, "bomb.png")


def test_random_garbage_is_not_an_image() -> None:
    garbage = bytes((i * 7919 + 13) % 256 for i in range(4096))
    with pytest.raises(UnsupportedFileError, match="not an image"):
        read_metadata(garbage, "noise.jpg")


def test_zero_bytes_and_broken_jpeg() -> None:
    with pytest.raises(MetadataError, match="zero-byte file"):
        read_metadata(b"", "empty.jpg")
    with pytest.raises(MetadataError, match=r"broken\.jpg"):
        read_metadata(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00garbage", "broken.jpg")


def test_truncated_generated_jpeg() -> None:
    data = jpeg((64, 64), app13(iim((2, 90, b"Oslo"))))
    with pytest.raises(MetadataError, match="truncated JPEG"):
        read_metadata(data[:-40])
    meta = read_metadata(data[:-40], allow_truncated=True)
    assert meta.city == "Oslo" and meta.warnings


def test_unsupported_format() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "GIF")
    with pytest.raises(UnsupportedFileError, match="a GIF picture: unsupported image format"):
        read_metadata(buf.getvalue())


def test_init_worker_is_idempotent() -> None:
    init_worker()
    init_worker()
