"""The placeholder thumbnail of a picture whose pixels cannot be decoded.

A real file at the thumbnail's place (the grid shows it, `verify` finds what it expects),
recognisable by its JPEG comment so `verify --repair` can try the original again once a
decoder can read it.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

PLACEHOLDER_COMMENT = b"creditdesk:no-thumbnail: the pixels of the original cannot be decoded"
_SIZE = (320, 240)


@cache
def placeholder_jpeg() -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", _SIZE, (92, 92, 96))
    draw = ImageDraw.Draw(im)
    # A crossed frame: reads as "no picture" at any size, needs no font.
    draw.rectangle((8, 8, _SIZE[0] - 9, _SIZE[1] - 9), outline=(150, 150, 156), width=3)
    draw.line((8, 8, _SIZE[0] - 9, _SIZE[1] - 9), fill=(150, 150, 156), width=3)
    draw.line((8, _SIZE[1] - 9, _SIZE[0] - 9, 8), fill=(150, 150, 156), width=3)
    buf = BytesIO()
    im.save(buf, "JPEG", quality=70, comment=PLACEHOLDER_COMMENT)
    return buf.getvalue()


def is_placeholder(path: Path) -> bool:
    """Whether the thumbnail at *path* is the placeholder (its comment is in the header)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(256)
    except OSError:
        return False
    return PLACEHOLDER_COMMENT in head
