"""Test pictures made by the tests themselves: real JPEGs with agency-style metadata.

Pixels come from Pillow, metadata is written with python-exiv2 (the same library the
product uses), so every fixture is a file exiftool reads the same way.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import exiv2
from PIL import Image

from archive.metadata.reader import init_worker
from archive.metadata.xmp import reset_namespaces

if TYPE_CHECKING:
    from archive.handle import Archive

exiv2.XmpParser.initialize()


@dataclass
class Agency:
    """What an agency typically embeds; every field optional."""

    caption: str | None = None
    headline: str | None = None
    title: str | None = None
    byline: str | None = None
    credit: str | None = None
    iim_credit: str | None = None  # IIM copy when it differs (e.g. truncated at 32 bytes)
    source: str | None = None
    copyright: str | None = None
    instructions: str | None = None
    people: list[str] = field(default_factory=list)
    event: str | None = None
    keywords: list[str] = field(default_factory=list)
    city: str | None = None
    country: str | None = None
    taken: str | None = None  # EXIF form "2023:05:14 19:30:00"
    offset: str | None = None  # "+01:00"
    make: str | None = None
    model: str | None = None
    alt_text: str | None = None  # IPTC 2021 accessibility (XMP only)
    xmp: bool = True
    iim: bool = True


def jpeg_bytes(size: tuple[int, int] = (64, 48), seed: int = 0, quality: int = 85) -> bytes:
    rng = random.Random(seed)
    colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    im = Image.new("RGB", size, colour)
    # A few random blocks so different seeds give different content hashes and real DCT data.
    for _ in range(6):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        im.paste(
            (rng.randrange(256), 0, rng.randrange(256)),
            (x, y, min(size[0], x + 9), min(size[1], y + 9)),
        )
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def embed(data: bytes, meta: Agency) -> bytes:
    # Another test may have read a file that re-bound a standard XMP prefix process-wide.
    reset_namespaces()
    img = exiv2.ImageFactory.open(data)
    img.readMetadata()
    xmp, iptc, exif = img.xmpData(), img.iptcData(), img.exifData()

    def lang(key: str, value: str | None) -> None:
        if value is not None and meta.xmp:
            xmp[key] = exiv2.LangAltValue(value)

    def text(key: str, value: str | None) -> None:
        if value is not None and meta.xmp:
            xmp[key] = value

    def bag(key: str, values: list[str], kind: exiv2.TypeId) -> None:
        if values and meta.xmp:
            xmp[key] = exiv2.XmpArrayValue(values, kind)

    lang("Xmp.dc.description", meta.caption)
    lang("Xmp.dc.title", meta.title)
    lang("Xmp.dc.rights", meta.copyright)
    text("Xmp.photoshop.Headline", meta.headline)
    text("Xmp.photoshop.Credit", meta.credit)
    text("Xmp.photoshop.Source", meta.source)
    text("Xmp.photoshop.Instructions", meta.instructions)
    text("Xmp.photoshop.City", meta.city)
    text("Xmp.photoshop.Country", meta.country)
    if meta.byline:
        bag("Xmp.dc.creator", [meta.byline], exiv2.TypeId.xmpSeq)
    bag("Xmp.dc.subject", meta.keywords, exiv2.TypeId.xmpBag)
    bag("Xmp.iptcExt.PersonInImage", meta.people, exiv2.TypeId.xmpBag)
    lang("Xmp.iptcExt.Event", meta.event)
    lang("Xmp.iptc.AltTextAccessibility", meta.alt_text)

    if meta.iim:
        iptc["Iptc.Envelope.CharacterSet"] = "\x1b%G"
        pairs = {
            "Iptc.Application2.Caption": meta.caption,
            "Iptc.Application2.Headline": meta.headline,
            "Iptc.Application2.ObjectName": meta.title,
            "Iptc.Application2.Byline": meta.byline,
            "Iptc.Application2.Credit": meta.iim_credit or meta.credit,
            "Iptc.Application2.Source": meta.source,
            "Iptc.Application2.Copyright": meta.copyright,
            "Iptc.Application2.SpecialInstructions": meta.instructions,
            "Iptc.Application2.City": meta.city,
            "Iptc.Application2.CountryName": meta.country,
        }
        for key, value in pairs.items():
            if value is not None:
                iptc[key] = value
        for word in meta.keywords:
            datum = exiv2.Iptcdatum(exiv2.IptcKey("Iptc.Application2.Keywords"))
            datum.setValue(word)
            iptc.add(datum)
    if meta.taken:
        exif["Exif.Photo.DateTimeOriginal"] = meta.taken
        if meta.offset:
            exif["Exif.Photo.OffsetTimeOriginal"] = meta.offset
    if meta.make:
        exif["Exif.Image.Make"] = meta.make
    if meta.model:
        exif["Exif.Image.Model"] = meta.model
    img.writeMetadata()
    io_ = img.io()
    io_.open()
    try:
        return bytes(io_.mmap())
    finally:
        io_.munmap()
        io_.close()


def write_photo(
    path: Path, meta: Agency | None = None, seed: int = 0, size: tuple[int, int] = (64, 48)
) -> Path:
    data = jpeg_bytes(size, seed)
    if meta is not None:
        data = embed(data, meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


BAFTA = "2023 BAFTA Television Awards with P&O Cruises"


def winslet_getty() -> Agency:
    return Agency(
        caption="Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with "
        "P&O Cruises at The Royal Festival Hall on May 14, 2023 in London, England.",
        headline="2023 BAFTA Television Awards with P&O Cruises - Red Carpet Arrivals",
        byline="Joe Maher",
        # The published line, as Getty files distributed through wire systems carry it. Getty's
        # own files carry Credit "Getty Images" + By-line: import keeps that as embedded and
        # the check proposes this line (tests/archive/importer/test_import.py covers it).
        credit="Joe Maher/Getty Images",
        source="Getty Images Europe",
        copyright="2023 Getty Images",
        instructions="EDITORIAL USE ONLY",
        people=["Kate Winslet", "Mia Threapleton"],
        event=BAFTA,
        keywords=["Arts Culture and Entertainment", "Red Carpet"],
        city="London",
        country="United Kingdom",
        taken="2023:05:14 17:42:10",
        offset="+01:00",
        make="Canon",
        model="Canon EOS R5",
        alt_text="Two women smile on a red carpet",
    )


def winslet_wireimage() -> Agency:
    return Agency(
        caption="Kate Winslet attends the 2023 BAFTA Television Awards with P&O Cruises at The "
        "Royal Festival Hall on May 14, 2023 in London, England.",
        byline="Mike Marsland",
        credit="Mike Marsland/WireImage/Getty Images",
        iim_credit="Mike Marsland/WireImage/Getty Im",
        source="WireImage",
        people=["Kate Winslet"],
        event=BAFTA,
        taken="2023:05:14 18:01:00",
        offset="+01:00",
        alt_text="A woman smiles on a red carpet",
    )


def two_colour_jpeg(size: tuple[int, int]) -> bytes:
    """Red left half, blue right half: which way up a preview is can be read off it."""
    im = Image.new("RGB", size, (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95)
    return buf.getvalue()


def with_preview(path: Path, orientation: int, preview: bytes | None) -> Path:
    init_worker()
    image = exiv2.ImageFactory.open(jpeg_bytes((640, 480), seed=4))
    image.readMetadata()
    exif = image.exifData()
    exif["Exif.Image.Orientation"] = exiv2.UShortValue(orientation)
    if preview is not None:
        exiv2.ExifThumb(exif).setJpegThumbnail(preview)
    image.writeMetadata()
    io_ = image.io()
    io_.open()
    try:
        path.write_bytes(bytes(io_.mmap()))
    finally:
        io_.munmap()
        io_.close()
    return path


def desk_ready(archive: Archive, ids: list[int] | None = None) -> None:
    """What a desk does to the freshly imported sample before it publishes: apply the credit
    engine's proposed lines (issue 12: import keeps the agency's line and only proposes) and
    write alt text (issue 17: web profiles warn without it), so the sample's designed rights
    states — 04 UK OUT, 05 embargo, 09 no credit — are what stands."""
    from archive.search import SearchService
    from archive.services.credit_fix import CreditFixService
    from archive.services.edits import EditRequest, EditService

    ids = ids if ids is not None else list(SearchService(archive).search("", limit=None).ids)
    CreditFixService(archive.sessions).fix(ids)
    EditService(archive.sessions).edit(ids, EditRequest(alt_text="A person at a premiere"))
