"""Perceptual fingerprints: the same picture resized, recompressed, brightened, slightly
cropped or framed with a border fingerprints alike; another frame of the scene does not.

Two 64-bit DCT hashes (the pHash of Zauner 2010, as in the ``imagehash`` library, written
here over Pillow alone so the import needs no numpy):
- ``whole``: the picture after trimming a uniform border (a 10-px frame is gone before
  hashing, so a bordered copy hashes like its original);
- ``centre``: the middle 80 % of the trimmed picture, so that a few per cent cropped off
  one or two edges moves the hash little, while the whole-picture hash catches a resize
  or recompression of the frame exactly.
Pure functions over a Pillow image; stored as signed BIGINTs (both engines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from operator import mul
from typing import Any

SIZE = 32  # DCT input side: 32x32 grey, keep the 8x8 lowest frequencies
LOW = 8
BORDER_TOLERANCE = 12  # grey levels: a border is uniform within this
CENTRE = 0.8


@dataclass(frozen=True)
class Fingerprint:
    whole: int  # signed 64-bit
    centre: int  # signed 64-bit


def signed(bits: int) -> int:
    return bits - (1 << 64) if bits >= 1 << 63 else bits


def distance(a: int, b: int) -> int:
    """Hamming distance of two 64-bit hashes (signed or not)."""
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()


@cache
def _dct_rows() -> tuple[tuple[float, ...], ...]:
    # The first LOW rows of the orthonormal DCT-II matrix of size SIZE.
    return tuple(
        tuple(math.cos(math.pi * (2 * x + 1) * u / (2 * SIZE)) for x in range(SIZE))
        for u in range(LOW)
    )


def _phash(grey: Any) -> int:
    """8x8 low DCT coefficients of a 32x32 grey image, each above/below their median."""
    from PIL import Image

    small = grey.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    px = small.tobytes()
    cols = [px[x::SIZE] for x in range(SIZE)]
    dct = _dct_rows()
    # D · X: LOW x SIZE, then (D · X) · Dᵀ: LOW x LOW. map(mul) multiplies in C, in the
    # same order as a generator would (the same floats, the same bits): 1.07 → 0.67 ms a
    # hash with the resize, two hashes per imported photo (profiled with py-spy, issue 16).
    half = [[sum(map(mul, d, col)) for col in cols] for d in dct]
    coeffs = [sum(map(mul, d, h)) for h in half for d in dct]
    med = sorted(coeffs)[len(coeffs) // 2 - 1 : len(coeffs) // 2 + 1]
    median = (med[0] + med[1]) / 2
    bits = 0
    for c in coeffs:
        bits = (bits << 1) | (c > median)
    return signed(bits)


def trim_border(grey: Any) -> Any:
    """The picture without a uniform frame (the colour of its corner pixel) round it.

    Only a frame: the four margins must all be there and about equal, so a plain sky at
    the top of a picture (as uniform as any border) is never cut away.
    """
    from PIL import Image, ImageChops

    w, h = grey.size
    corner = grey.getpixel((0, 0))
    diff = ImageChops.difference(grey, Image.new("L", grey.size, corner))
    box = diff.point(lambda v: 255 if v > BORDER_TOLERANCE else 0).getbbox()
    if box is None:
        return grey
    left, top, right, bottom = box
    margins = (left, top, w - right, h - bottom)
    if min(margins) < 1 or max(margins) - min(margins) > max(2, min(margins) // 2):
        return grey
    if max(margins) > 0.1 * min(w, h):
        return grey  # a tenth of the picture is not a frame
    return grey.crop(box)


def fingerprint(image: Any) -> Fingerprint:
    """Fingerprint of a decoded Pillow image (a thumbnail is plenty: it is shrunk to 32 px)."""
    grey = trim_border(image.convert("L"))
    w, h = grey.size
    mx, my = round(w * (1 - CENTRE) / 2), round(h * (1 - CENTRE) / 2)
    centre = grey.crop((mx, my, w - mx, h - my)) if w - 2 * mx >= 8 and h - 2 * my >= 8 else grey
    return Fingerprint(_phash(grey), _phash(centre))
