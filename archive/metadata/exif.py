"""EXIF via exifread, fed the bare TIFF-structured EXIF block.

exifread is fast (well under a millisecond) and decodes ASCII tags as UTF-8,
leaving bytes when that fails; we then fall back to cp1252 ourselves.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any, Literal

import exifread

from archive.metadata.values import clean_text, dms_to_degrees, parse_exif_datetime

EXIF_HEADER = b"Exif\x00\x00"
_MAX_TEXT = 100_000
_MAX_LIST = 64

# exifread logs every oddity of every file at WARNING; the reader reports
# problems per file itself, so keep worker logs quiet.
logging.getLogger("exifread").setLevel(logging.ERROR)


@dataclass
class ExifResult:
    raw: dict[str, str]
    orientation: int | None = None
    taken_at: datetime | None = None
    make: str | None = None
    model: str | None = None
    lens: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    iptc_naa: bytes | None = None  # TIFF tag 33723, the IIM stream of TIFF files

    def text(self, tag: str) -> str | None:
        return clean_text(self.raw.get(tag))


def strip_exif_header(blob: bytes) -> bytes:
    return blob[len(EXIF_HEADER) :] if blob.startswith(EXIF_HEADER) else blob


def _tag_text(tag: Any) -> str:
    values = getattr(tag, "values", tag)
    if isinstance(values, bytes):
        try:
            return values.decode("utf-8")[:_MAX_TEXT]
        except UnicodeDecodeError:
            return values.decode("cp1252", errors="replace")[:_MAX_TEXT]
    if isinstance(values, str):
        return values[:_MAX_TEXT]
    if isinstance(values, list):
        field_type = getattr(getattr(tag, "field_type", None), "name", "")
        # Opaque blobs (UNDEFINED/BYTE arrays such as MakerNote or print
        # matching): their length is the evidence, not their bytes.
        if len(values) > _MAX_LIST and field_type in ("UNDEFINED", "BYTE", "SIGNED_BYTE", ""):
            return f"<binary {len(values)} bytes>"
        return str(getattr(tag, "printable", values))[:_MAX_TEXT]
    return str(values)[:_MAX_TEXT]


def _first_int(tag: Any) -> int | None:
    values = getattr(tag, "values", None)
    if isinstance(values, list) and values and isinstance(values[0], int):
        return int(values[0])
    return None


def _ratios(tag: Any) -> list[Fraction | float | int]:
    values = getattr(tag, "values", None)
    out: list[Fraction | float | int] = []
    if not isinstance(values, list):
        return out
    for v in values:
        num, den = getattr(v, "numerator", None), getattr(v, "denominator", None)
        if num is not None and den:
            out.append(Fraction(int(num), int(den)))
        elif isinstance(v, int | float):
            out.append(v)
        else:
            return []
    return out


def _naa_bytes(tag: Any, little: bool) -> bytes | None:
    """Re-pack IPTC-NAA values: writers often type it LONG, so exifread hands back ints."""
    values = getattr(tag, "values", None)
    if isinstance(values, bytes):
        return values
    if not isinstance(values, list) or not all(isinstance(v, int) for v in values):
        return None
    width = {"LONG": 4, "SIGNED_LONG": 4, "SHORT": 2, "SIGNED_SHORT": 2}.get(
        getattr(getattr(tag, "field_type", None), "name", ""), 1
    )
    order: Literal["little", "big"] = "little" if little else "big"
    try:
        return b"".join(int(v).to_bytes(width, order, signed=False) for v in values)
    except OverflowError:
        return None


def read_exif(tiff_block: bytes) -> ExifResult:
    """Parse a TIFF-structured block (EXIF APP1 payload sans header, or a whole TIFF)."""
    tags = exifread.process_file(
        io.BytesIO(tiff_block), details=False, extract_thumbnail=False, truncate_tags=True
    )
    raw: dict[str, str] = {}
    naa = tags.pop("Image IPTC/NAA", None)
    for name, tag in tags.items():
        if name in ("JPEGThumbnail", "TIFFThumbnail"):
            raw[name] = f"<binary {len(tag)} bytes>"
            continue
        raw[name] = _tag_text(tag)
    result = ExifResult(raw=raw)
    if naa is not None:
        result.iptc_naa = _naa_bytes(naa, tiff_block[:2] == b"II")
        raw["Image IPTC/NAA"] = f"<binary {len(result.iptc_naa or b'')} bytes>"
    orientation = _first_int(tags.get("Image Orientation"))
    result.orientation = orientation if orientation and 1 <= orientation <= 8 else None
    result.make = result.text("Image Make")
    result.model = result.text("Image Model")
    result.lens = result.text("EXIF LensModel")
    # Image DateTime is the last-edit time, not capture time: never used here.
    result.taken_at = parse_exif_datetime(
        raw.get("EXIF DateTimeOriginal"), raw.get("EXIF OffsetTimeOriginal")
    )
    lat = _ratios(tags.get("GPS GPSLatitude"))
    lon = _ratios(tags.get("GPS GPSLongitude"))
    if lat and lon:
        result.gps_lat = dms_to_degrees(lat, raw.get("GPS GPSLatitudeRef"))
        result.gps_lon = dms_to_degrees(lon, raw.get("GPS GPSLongitudeRef"))
        if result.gps_lat is None or result.gps_lon is None or abs(result.gps_lat) > 90:
            result.gps_lat = result.gps_lon = None
    return result
