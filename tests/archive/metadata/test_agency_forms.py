"""The forms real agency and tool files carry, read as exiftool (12.57, the judge) reads them.

Every file is made here, by exiftool where it can write the form, else byte for byte
from the format's description (sources in agency_files.py).
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from archive.metadata.reader import read_metadata
from tests.archive.metadata.agency_files import (
    chunk,
    exiftool_read,
    exiftool_write,
    fotostation_record,
    imagemagick_raw_profile,
    itxt_xmp,
    lang_alt,
    packet,
    png,
    png_with,
    seq,
    ztxt,
)
from tests.archive.metadata.builders import IIM_UTF8, app1_xmp, app13, iim, jpeg


def _both(data: bytes, tmp_path: Path, name: str) -> tuple[Any, dict[str, Any]]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_metadata(data, name), exiftool_read(path)


def _plain(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# --- FotoStation trailer (exiftool group IPTC2) ------------------------------------------

TRAILER_IIM = iim(
    (1, 90, IIM_UTF8),
    (2, 120, "Kate Winslet arrives — Łódź".encode()),
    (2, 110, b"FotoWare Credit"),
    (2, 80, b"Anna Nowak"),
)


def test_fotostation_trailer_caption_and_credit_are_read(tmp_path: Path) -> None:
    meta, tags = _both(jpeg() + fotostation_record(1, TRAILER_IIM), tmp_path, "fs.jpg")
    assert tags["IPTC2:Caption-Abstract"] == "Kate Winslet arrives — Łódź"
    assert meta.caption == tags["IPTC2:Caption-Abstract"]
    assert meta.credit_line == tags["IPTC2:Credit"] == "FotoWare Credit"
    assert list(meta.creators) == _plain(tags["IPTC2:By-line"])
    assert meta.raw["iptc2"]["2:120"] == "Kate Winslet arrives — Łódź"
    assert meta.raw["iptc"] == {}  # nothing in APP13: the evidence says where it was


def test_app13_iim_wins_over_the_trailer_dataset_by_dataset(tmp_path: Path) -> None:
    app = iim((1, 90, IIM_UTF8), (2, 120, b"APP13 caption"), (2, 105, b"APP13 headline"))
    data = jpeg((32, 24), app13(app)) + fotostation_record(1, TRAILER_IIM)
    meta, _ = _both(data, tmp_path, "both.jpg")
    # exiftool without a group name shows the APP13 value where both have one.
    plain = _exiftool_plain(tmp_path / "both.jpg", "Caption-Abstract", "Credit", "Headline")
    assert meta.caption == plain["Caption-Abstract"] == "APP13 caption"
    assert meta.credit_line == plain["Credit"] == "FotoWare Credit"
    assert meta.headline == plain["Headline"] == "APP13 headline"


def test_trailer_behind_a_photo_mechanic_trailer_is_still_found(tmp_path: Path) -> None:
    # Photo Mechanic's own trailer (ExifTool PhotoMechanic.pm): data, size, "cbipcbbl".
    pm_data = b"\x00" * 16
    pm = pm_data + struct.pack(">I", len(pm_data)) + b"cbipcbbl"
    meta, tags = _both(jpeg() + fotostation_record(1, TRAILER_IIM) + pm, tmp_path, "pm.jpg")
    assert meta.caption == tags["IPTC2:Caption-Abstract"]


def test_bytes_that_are_no_trailer_are_not_read_as_one(tmp_path: Path) -> None:
    junk = fotostation_record(1, TRAILER_IIM) + b"unknown vendor tail"
    meta, tags = _both(jpeg() + junk, tmp_path, "junk.jpg")
    assert "IPTC2:Caption-Abstract" not in tags
    assert meta.caption is None and "iptc2" not in meta.raw


def _exiftool_plain(path: Path, *tags: str) -> dict[str, Any]:
    import json
    import subprocess

    out = subprocess.run(
        ["exiftool", "-j", *(f"-{t}" for t in tags), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, Any] = json.loads(out)[0]
    return result


# --- XMP in every place PNG can carry it -------------------------------------------------

CREATOR_XMP = packet(seq("dc:creator", "Zoë Ball"))
PNG_FORMS = {
    # ExifTool before 11.63 appended new chunks just before IEND, after the image data;
    # its 6.x/7.x PNG.pm wrote XMP there as a plain tEXt (zTXt with -z) chunk.
    "text-after-idat": png_with(after_idat=chunk(b"tEXt", b"XML:com.adobe.xmp\x00" + CREATOR_XMP)),
    "itxt-after-idat": png_with(after_idat=itxt_xmp(CREATOR_XMP)),
    "itxt-compressed": png_with(before_idat=itxt_xmp(CREATOR_XMP, compressed=True)),
    "ztxt": png_with(after_idat=ztxt("XML:com.adobe.xmp", CREATOR_XMP)),
    "imagemagick-ztxt": png_with(
        before_idat=ztxt("Raw profile type xmp", imagemagick_raw_profile("xmp", CREATOR_XMP))
    ),
    "imagemagick-app1": png_with(
        before_idat=ztxt(
            "Raw profile type APP1",
            imagemagick_raw_profile("APP1", b"http://ns.adobe.com/xap/1.0/\x00" + CREATOR_XMP),
        )
    ),
}


@pytest.mark.parametrize("form", sorted(PNG_FORMS))
def test_png_xmp_is_read_wherever_it_is(form: str, tmp_path: Path) -> None:
    meta, tags = _both(PNG_FORMS[form], tmp_path, f"{form}.png")
    assert _plain(tags["XMP-dc:Creator"]) == ["Zoë Ball"]
    assert list(meta.creators) == ["Zoë Ball"]


def test_png_xmp_written_by_exiftool_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exiftool.png"
    path.write_bytes(png())
    exiftool_write(path, "-XMP-dc:Creator=Zoë Ball", "-XMP-photoshop:Credit=WireImage")
    meta = read_metadata(path.read_bytes(), path.name)
    tags = exiftool_read(path)
    assert list(meta.creators) == _plain(tags["XMP-dc:Creator"])
    assert meta.credit_line == tags["XMP-photoshop:Credit"]


@pytest.mark.parametrize("order", ["standard-first", "raw-first"])
def test_two_png_packets_the_later_one_wins_as_in_exiftool(order: str, tmp_path: Path) -> None:
    standard = itxt_xmp(packet(seq("dc:creator", "Standard iTXt")))
    raw = ztxt(
        "Raw profile type xmp", imagemagick_raw_profile("xmp", packet(seq("dc:creator", "Raw")))
    )
    first, second = (standard, raw) if order == "standard-first" else (raw, standard)
    data = png_with(before_idat=first, after_idat=second)
    path = tmp_path / "two.png"
    path.write_bytes(data)
    plain = _exiftool_plain(path, "Creator")
    assert list(read_metadata(data).creators) == _plain(plain["Creator"])


def test_a_zip_bomb_in_a_png_text_chunk_is_not_inflated() -> None:
    bomb = ztxt("XML:com.adobe.xmp", b"<" * (64 * 1024 * 1024))
    meta = read_metadata(png_with(after_idat=bomb), "bomb.png")
    assert meta.creators == ()


# --- Repeated XMP properties ------------------------------------------------------------


def test_a_property_stated_twice_with_one_value_is_one_value(tmp_path: Path) -> None:
    body = lang_alt("dc:rights", "© Getty Images") + lang_alt("dc:rights", "© Getty Images")
    body += lang_alt("dc:title", "Arrivals") + seq("dc:creator", "Joe Maher")
    meta, tags = _both(jpeg((32, 24), app1_xmp(packet(body))), tmp_path, "same.jpg")
    assert meta.copyright == tags["XMP-dc:Rights"] == "© Getty Images"
    assert meta.title == "Arrivals" and meta.creators == ("Joe Maher",)
    assert not [w for w in meta.warnings if "XMP" in w]


def test_a_property_stated_twice_differently_gives_the_last_with_a_warning(
    tmp_path: Path,
) -> None:
    body = lang_alt("dc:description", "First caption") + lang_alt("dc:rights", "© One")
    body += lang_alt("dc:description", "Second caption") + lang_alt("dc:rights", "© Two")
    meta, tags = _both(jpeg((32, 24), app1_xmp(packet(body))), tmp_path, "diff.jpg")
    assert meta.caption == tags["XMP-dc:Description"] == "Second caption"
    assert meta.copyright == tags["XMP-dc:Rights"] == "© Two"
    notes = [w for w in meta.warnings if "different values" in w]
    assert len(notes) == 2 and any("dc:rights" in n and "© One" in n for n in notes)


def test_a_repeat_as_attribute_and_element_is_read_too(tmp_path: Path) -> None:
    data = packet(lang_alt("dc:rights", "© Getty")).replace(
        b'rdf:about=""', b'rdf:about="" photoshop:Credit="Old Credit"'
    )
    data = data.replace(
        b"</rdf:Description>",
        b"<photoshop:Credit>Getty Images</photoshop:Credit></rdf:Description>",
    )
    meta, tags = _both(jpeg((32, 24), app1_xmp(data)), tmp_path, "attr.jpg")
    assert meta.credit_line == tags["XMP-photoshop:Credit"] == "Getty Images"
    assert meta.copyright == "© Getty"


# --- Getty's own forms -------------------------------------------------------------------


def test_getty_xmp_date_with_a_space_before_the_offset_fills_taken_at(tmp_path: Path) -> None:
    body = "<photoshop:DateCreated>2015-01-22T18:30:00 +00:00</photoshop:DateCreated>"
    meta, tags = _both(jpeg((32, 24), app1_xmp(packet(body)), exif=False), tmp_path, "d.jpg")
    assert tags["XMP-photoshop:DateCreated"] == "2015:01:22 18:30:00+00:00"
    assert meta.taken_at == datetime(2015, 1, 22, 18, 30, tzinfo=UTC)


def test_getty_iim_date_with_dashes_fills_taken_at(tmp_path: Path) -> None:
    block = iim((1, 90, IIM_UTF8), (2, 55, b"2015-01-22"), (2, 60, b"000000+0000"))
    meta, tags = _both(jpeg((32, 24), app13(block), exif=False), tmp_path, "iim.jpg")
    assert (tags["IPTC:DateCreated"], tags["IPTC:TimeCreated"]) == ("2015:01:22", "00:00:00+00:00")
    assert meta.taken_at == datetime(2015, 1, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("prop", "exiftool_key"),
    [
        ("GettyImagesGIFT:AssetId", "XMP-getty:AssetId"),
        ("plus:ImageSupplierImageId", "XMP-plus:ImageSupplierImageId"),
        ("GettyImagesGIFT:AssetID", "XMP-getty:AssetID"),
        ("plus:ImageSupplierImageID", "XMP-plus:ImageSupplierImageID"),
    ],
)
def test_getty_supplier_ids_in_either_spelling(
    prop: str, exiftool_key: str, tmp_path: Path
) -> None:
    body = f"<{prop}>461234567</{prop}>"
    meta, tags = _both(jpeg((32, 24), app1_xmp(packet(body))), tmp_path, "id.jpg")
    assert str(tags[exiftool_key]) == "461234567"
    assert meta.supplier_image_id == "461234567"


@pytest.mark.parametrize("form", ["lang-alt", "simple"])
def test_copyright_only_in_dc_rights(form: str, tmp_path: Path) -> None:
    text = "2015 Getty Images"
    body = lang_alt("dc:rights", text) if form == "lang-alt" else f"<dc:rights>{text}</dc:rights>"
    meta, tags = _both(jpeg((32, 24), app1_xmp(packet(body))), tmp_path, "rights.jpg")
    assert meta.copyright == str(tags["XMP-dc:Rights"]) == text


# --- One keyword holding a list -----------------------------------------------------------

REAGAN = "ronald reagan, reagan, cvn 76, aircraft carrier, navy"


def test_a_comma_list_in_one_keyword_is_read_as_the_list(tmp_path: Path) -> None:
    path = tmp_path / "kw.jpg"
    path.write_bytes(jpeg())
    # exiftool writes the whole string as one item (no -sep): the agency's form.
    exiftool_write(path, f"-XMP-dc:Subject={REAGAN}", f"-IPTC:Keywords={REAGAN[:64]}")
    tags = exiftool_read(path)
    assert _plain(tags["XMP-dc:Subject"]) == [REAGAN]  # one value, as embedded
    meta = read_metadata(path.read_bytes(), path.name)
    assert meta.keywords == ("ronald reagan", "reagan", "cvn 76", "aircraft carrier", "navy")
    assert meta.raw["xmp"]["Xmp.dc.subject"] == [REAGAN]  # the raw value is kept
    assert meta.raw["iptc"]["2:25"] == [REAGAN]
    assert any("comma-separated list" in w for w in meta.warnings)


@pytest.mark.parametrize("keyword", ["Washington, D.C.", "London, England"])
def test_one_comma_is_a_keyword_not_a_list(keyword: str, tmp_path: Path) -> None:
    path = tmp_path / "kw1.jpg"
    path.write_bytes(jpeg())
    exiftool_write(path, f"-XMP-dc:Subject={keyword}")
    assert read_metadata(path.read_bytes()).keywords == (keyword,)


def test_real_keyword_lists_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "kw2.jpg"
    path.write_bytes(jpeg())
    exiftool_write(path, "-XMP-dc:Subject=a, b, c", "-XMP-dc:Subject=red carpet")
    assert read_metadata(path.read_bytes()).keywords == ("a, b, c", "red carpet")


# --- Undeclared-charset IIM stays as it was ------------------------------------------------


def test_undeclared_iim_is_utf8_when_valid_else_cp1252_with_a_warning(tmp_path: Path) -> None:
    cp = read_metadata(jpeg((32, 24), app13(iim((2, 116, "© Café".encode("cp1252"))))))
    assert cp.copyright == "© Café" and any("cp1252" in w for w in cp.warnings)
    data = jpeg((32, 24), exif=False) + fotostation_record(1, iim((2, 120, "Zoë".encode())))
    meta, tags = _both(data, tmp_path, "u.jpg")
    assert meta.caption == "Zoë"
    # exiftool assumes cp1252 for undeclared IIM: the same bytes, read as mojibake.
    assert tags["IPTC2:Caption-Abstract"] == "Zoë".encode().decode("cp1252")


def test_a_list_in_one_xmp_keyword_agrees_with_the_same_list_in_iim(tmp_path: Path) -> None:
    path = tmp_path / "kw3.jpg"
    path.write_bytes(jpeg())
    exiftool_write(
        path,
        "-XMP-dc:Subject=reagan, cvn 76, navy",
        "-sep",
        ";",
        "-IPTC:Keywords=reagan;cvn 76;navy",
    )
    tags = exiftool_read(path)
    assert _plain(tags["IPTC:Keywords"]) == ["reagan", "cvn 76", "navy"]
    assert _plain(tags["XMP-dc:Subject"]) == ["reagan, cvn 76, navy"]
    meta = read_metadata(path.read_bytes())
    assert meta.keywords == ("reagan", "cvn 76", "navy")
    assert not [w for w in meta.warnings if "differ" in w]


def test_a_repeat_across_two_descriptions_is_read_as_exiftool_does(tmp_path: Path) -> None:
    second = (
        '</rdf:Description><rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">' + lang_alt("dc:rights", "© Second")
    )
    data = packet(lang_alt("dc:rights", "© First") + second)
    meta, tags = _both(jpeg((32, 24), app1_xmp(data)), tmp_path, "two-desc.jpg")
    assert meta.copyright == tags["XMP-dc:Rights"] == "© Second"


def test_export_says_when_the_fotostation_trailer_keeps_other_values(tmp_path: Path) -> None:
    from archive.metadata.writer import WriteFields, write_metadata

    data = jpeg((64, 48)) + fotostation_record(1, TRAILER_IIM)
    same = write_metadata(data, WriteFields(caption="Kate Winslet arrives — Łódź"))
    assert not [w for w in same.warnings if "FotoStation" in w]
    edited = write_metadata(
        data, WriteFields(caption="A new caption", credit_line="FotoWare Credit")
    )
    notes = [w for w in edited.warnings if "FotoStation" in w]
    assert len(notes) == 1 and "caption" in notes[0] and "credit_line" not in notes[0]
    path = tmp_path / "edited.jpg"
    path.write_bytes(edited.data)
    tags = exiftool_read(path)
    assert tags["IPTC:Caption-Abstract"] == "A new caption"
    assert tags["IPTC2:Caption-Abstract"] == "Kate Winslet arrives — Łódź"  # travels unchanged
