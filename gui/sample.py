"""The bundled sample event: a dozen small JPEGs with fictional agency-style metadata.

    .venv/bin/python -m gui.sample resources/sample     # (re)generate the committed files

Everything is invented (people, event, photographers); the credit lines follow the real
agencies' formats so the app has something true to check: Getty, WireImage, a `UK OUT`
picture, an embargoed one, an unparsed restriction, one without a credit and one with a
short WireImage line. The first-run offer and `make screenshots` import these files.
"""

from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import exiv2
from PIL import Image, ImageDraw, ImageFilter

EVENT = "Creditdesk Sample Premiere"
VENUE, CITY, COUNTRY = "The Lantern Theatre", "London", "United Kingdom"
SIZE = (480, 320)
MAX_BYTES = 30_000


@dataclass(frozen=True)
class SamplePhoto:
    name: str
    people: tuple[str, ...]
    byline: str | None
    credit: str | None
    source: str | None
    instructions: str | None
    caption: str
    hue: float
    minute: int


def _caption(people: tuple[str, ...], verb: str) -> str:
    who = (
        " and ".join(people) if len(people) <= 2 else ", ".join(people[:-1]) + " and " + people[-1]
    )
    return f"{who} {verb} the {EVENT} at {VENUE} on March 14, 2026 in {CITY}, England."


SAMPLES: tuple[SamplePhoto, ...] = (
    SamplePhoto("01-getty", ("Ada Quill",), "Joe Marlow", "Getty Images", "Getty Images Europe",
                "EDITORIAL USE ONLY", _caption(("Ada Quill",), "attends"), 0.02, 1),
    SamplePhoto("02-wireimage", ("Marco Venn",), "Mike Harlan",
                "Mike Harlan/WireImage/Getty Images", "WireImage", "EDITORIAL USE ONLY",
                _caption(("Marco Venn",), "attends"), 0.60, 3),
    SamplePhoto("03-wireimage-short", ("Ada Quill", "Marco Venn"), "Mike Harlan",
                "Mike Harlan/Getty", "WireImage", None,
                _caption(("Ada Quill", "Marco Venn"), "attend"), 0.75, 5),
    SamplePhoto("04-uk-out", ("Ines Calloway",), "Tom Reyes", "Tom Reyes/Shutterstock",
                "Shutterstock", "UK OUT", _caption(("Ines Calloway",), "arrives at"), 0.10, 7),
    SamplePhoto("05-embargo", ("Ines Calloway", "Ada Quill"), "Sara Lind", "Getty Images",
                "Getty Images Europe", "EMBARGOED UNTIL 00:01 GMT 1 JANUARY 2030",
                _caption(("Ines Calloway", "Ada Quill"), "attend"), 0.85, 9),
    SamplePhoto("06-reuters", ("Otto Brandt",), "Hannah Kell", "REUTERS/Hannah Kell",
                "Reuters", None, _caption(("Otto Brandt",), "attends"), 0.33, 12),
    SamplePhoto("07-ap", ("Lena Fairweather",), "Chris Dole", "AP Photo/Chris Dole", "AP",
                None, _caption(("Lena Fairweather",), "attends"), 0.45, 15),
    SamplePhoto("08-pa", ("Otto Brandt", "Lena Fairweather"), "Ian Moss", "Ian Moss/PA Images",
                "PA Images", None, _caption(("Otto Brandt", "Lena Fairweather"), "attend"),
                0.52, 18),
    SamplePhoto("09-no-credit", ("Marco Venn",), None, None, None, None,
                _caption(("Marco Venn",), "arrives at"), 0.68, 21),
    SamplePhoto("10-unparsed", ("Ada Quill",), "Joe Marlow", "Getty Images",
                "Getty Images Europe", "NOT FOR USE IN THE SUNDAY PAPERS OF KOSOVO",
                _caption(("Ada Quill",), "poses at"), 0.92, 24),
    SamplePhoto("11-filmmagic", ("Ines Calloway", "Otto Brandt", "Marco Venn"), "Dana Pike",
                "Dana Pike/FilmMagic", "FilmMagic", "EDITORIAL USE ONLY",
                _caption(("Ines Calloway", "Otto Brandt", "Marco Venn"), "attend"), 0.16, 27),
    SamplePhoto("12-getty-inside", ("Lena Fairweather",), "Sara Lind", "Getty Images",
                "Getty Images Europe", None, _caption(("Lena Fairweather",), "speaks at"),
                0.25, 30),
)  # fmt: skip


def _rgb(h: float, s: float, v: float) -> tuple[int, int, int]:
    import colorsys

    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return int(r * 255), int(g * 255), int(b * 255)


def picture(sample: SamplePhoto, seed: int) -> Image.Image:
    """A stage: a coloured backdrop with spotlights and silhouettes, one per person."""
    rng = random.Random(seed)
    w, h = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(h):  # backdrop gradient
        t = y / h
        draw.line([(0, y), (w, y)], fill=_rgb(sample.hue, 0.65, 0.55 - 0.35 * t))
    glow = Image.new("RGB", SIZE, (0, 0, 0))
    gd = ImageDraw.Draw(glow)
    for _ in range(3):
        x, r = rng.randrange(w), rng.randrange(60, 120)
        gd.ellipse([x - r, -r // 2, x + r, r], fill=_rgb(sample.hue + 0.08, 0.3, 0.9))
    image = Image.blend(image, glow.filter(ImageFilter.GaussianBlur(30)), 0.45)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(h * 0.82), w, h], fill=_rgb(0.0, 0.75, 0.45))  # red carpet
    count = max(1, len(sample.people))
    for i in range(count):
        cx = int(w * (i + 1) / (count + 1)) + rng.randrange(-12, 12)
        scale = 0.9 + 0.2 * rng.random()
        head = int(22 * scale)
        top = int(h * 0.30)
        colour = _rgb(sample.hue + 0.5, 0.25, 0.12)
        draw.ellipse([cx - head, top, cx + head, top + 2 * head], fill=colour)
        body = [
            (cx - int(50 * scale), h),
            (cx - int(34 * scale), top + 2 * head + 8),
            (cx + int(34 * scale), top + 2 * head + 8),
            (cx + int(50 * scale), h),
        ]
        draw.polygon(body, fill=colour)
    for k in range(14):  # camera flashes
        x, y = rng.randrange(w), rng.randrange(int(h * 0.75))
        r = 2 + int(3 * abs(math.sin(k)))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 240))
    return image


def jpeg(sample: SamplePhoto, seed: int) -> bytes:
    image = picture(sample, seed)
    for quality in (82, 75, 65, 55):
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=quality, optimize=True)
        if len(buf.getvalue()) <= MAX_BYTES - 4000:  # room for the metadata
            break
    return _embed(buf.getvalue(), sample)


def _embed(data: bytes, s: SamplePhoto) -> bytes:
    exiv2.XmpParser.initialize()
    img = exiv2.ImageFactory.open(data)
    img.readMetadata()
    xmp, iptc, exif = img.xmpData(), img.iptcData(), img.exifData()
    xmp["Xmp.dc.description"] = exiv2.LangAltValue(s.caption)
    xmp["Xmp.photoshop.Headline"] = f"{EVENT} - Red Carpet Arrivals"
    xmp["Xmp.photoshop.City"] = CITY
    xmp["Xmp.photoshop.Country"] = COUNTRY
    xmp["Xmp.iptcExt.PersonInImage"] = exiv2.XmpArrayValue(list(s.people), exiv2.TypeId.xmpBag)
    xmp["Xmp.iptcExt.Event"] = exiv2.LangAltValue(EVENT)
    iptc["Iptc.Envelope.CharacterSet"] = "\x1b%G"
    iptc["Iptc.Application2.Caption"] = s.caption
    iptc["Iptc.Application2.City"] = CITY
    for key, xkey, value in (
        ("Iptc.Application2.Byline", None, s.byline),
        ("Iptc.Application2.Credit", "Xmp.photoshop.Credit", s.credit),
        ("Iptc.Application2.Source", "Xmp.photoshop.Source", s.source),
        ("Iptc.Application2.SpecialInstructions", "Xmp.photoshop.Instructions", s.instructions),
    ):
        if value:
            iptc[key] = value[:32] if key.endswith(("Byline", "Credit", "Source")) else value
            if xkey:
                xmp[xkey] = value
    if s.byline:
        xmp["Xmp.dc.creator"] = exiv2.XmpArrayValue([s.byline], exiv2.TypeId.xmpSeq)
    exif["Exif.Photo.DateTimeOriginal"] = f"2026:03:14 19:{s.minute:02d}:00"
    exif["Exif.Photo.OffsetTimeOriginal"] = "+00:00"
    img.writeMetadata()
    io_ = img.io()
    io_.open()
    try:
        return bytes(io_.mmap())
    finally:
        io_.munmap()
        io_.close()


def write_sample(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed, sample in enumerate(SAMPLES, 1):
        path = folder / f"{sample.name}.jpg"
        path.write_bytes(jpeg(sample, seed))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "resources/sample")
    for path in write_sample(folder):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
