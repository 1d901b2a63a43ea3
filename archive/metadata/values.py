"""Small pure converters from embedded-metadata spellings to Python values.

Every function here returns ``None`` for anything it cannot make sense of:
bad dates in the wild are common and must never abort an import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction

# Writers pad fixed-size fields with NULs or spaces (EXIF ImageDescription of
# Nikon cameras is 31 spaces), so padding carries no meaning.
_PAD = "\x00 \t\r\n"


def clean_text(value: str | None) -> str | None:
    """Strip padding; empty → None so that an empty tag never wins precedence."""
    if value is None:
        return None
    text = value.strip(_PAD)
    return text or None


def clean_list(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        t = clean_text(v)
        if t is not None:
            out.append(t)
    return tuple(out)


_OFFSET_RE = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def parse_offset(text: str | None) -> timezone | None:
    """``+01:00`` / ``-0500`` / ``Z`` → timezone."""
    t = clean_text(text)
    if t is None:
        return None
    if t in ("Z", "z"):
        return UTC
    m = _OFFSET_RE.match(t)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3))
    if hours > 23 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m.group(1) == "-" else delta)


_EXIF_DT_RE = re.compile(r"^(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")


def parse_exif_datetime(text: str | None, offset: str | None = None) -> datetime | None:
    """EXIF ``YYYY:MM:DD HH:MM:SS`` (+ OffsetTime*) → datetime; naive without offset."""
    t = clean_text(text)
    if t is None:
        return None
    m = _EXIF_DT_RE.match(t)
    if not m:
        return None
    try:
        y, mo, d, hh, mm, ss = (int(g or 0) for g in m.groups())
        dt = datetime(y, mo, d, hh, mm, ss)
    except ValueError:  # "0000:00:00 00:00:00" is what cameras write for "unknown"
        return None
    tz = parse_offset(offset)
    return dt.replace(tzinfo=tz) if tz else dt


# Getty writes a space before the offset (``2015-01-22T00:00:00 +00:00``); exiftool
# reads that as the offset it is, so we allow blanks there.
_XMP_DT_RE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


def parse_xmp_datetime(text: str | None) -> datetime | None:
    """ISO 8601 subset used by XMP (``2017-07-13T17:01:00+00:00``, ``2004-02-26``)."""
    t = clean_text(text)
    if t is None:
        return None
    m = _XMP_DT_RE.match(t)
    if not m:
        return None
    y, mo, d, hh, mm, ss, tz = m.groups()
    try:
        dt = datetime(int(y), int(mo or 1), int(d or 1), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    zone = parse_offset(tz) if tz else None
    return dt.replace(tzinfo=zone) if zone else dt


_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME_RE = re.compile(r"^\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?$")


def parse_iim_datetime(date_text: str | None, time_text: str | None) -> datetime | None:
    """IIM date ``CCYYMMDD`` + optional time ``HHMMSS±HHMM`` → datetime.

    Getty (and exiv2's text form) spell them ``2015-01-22`` / ``00:00:00+00:00``:
    the same values with separators, read the same.
    """
    d = clean_text(date_text)
    if d is not None and _ISO_DATE_RE.match(d):
        d = d.replace("-", "")
    if d is None or len(d) != 8 or not d.isdigit():
        return None
    try:
        day = date(int(d[:4]), int(d[4:6]), int(d[6:8]))
    except ValueError:
        return None
    t = clean_text(time_text)
    if t is not None and _ISO_TIME_RE.match(t):
        t = t.replace(":", "")
    clock = time()
    zone: timezone | None = None
    if t and len(t) >= 6 and t[:6].isdigit():
        try:
            clock = time(int(t[:2]), int(t[2:4]), int(t[4:6]))
        except ValueError:
            clock = time()
        zone = parse_offset(t[6:]) if len(t) > 6 else None
    dt = datetime.combine(day, clock)
    return dt.replace(tzinfo=zone) if zone else dt


def dms_to_degrees(parts: Sequence[Fraction | float | int], ref: str | None) -> float | None:
    """Degrees/minutes/seconds rationals + N/S/E/W → signed decimal degrees."""
    if not parts:
        return None
    try:
        values = [float(p) for p in parts[:3]]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    while len(values) < 3:
        values.append(0.0)
    deg = values[0] + values[1] / 60.0 + values[2] / 3600.0
    if deg != deg or abs(deg) > 180:  # NaN or nonsense
        return None
    r = (clean_text(ref) or "").upper()
    return -deg if r in ("S", "W") else deg


_XMP_GPS_RE = re.compile(r"^(\d+),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])$")


def parse_xmp_gps(text: str | None) -> float | None:
    """XMP ``exif:GPSLatitude`` form ``DDD,MM.mmmmN`` or ``DDD,MM,SSN``."""
    t = clean_text(text)
    if t is None:
        return None
    m = _XMP_GPS_RE.match(t.replace(" ", ""))
    if not m:
        return None
    deg, minutes, seconds, ref = m.groups()
    return dms_to_degrees([float(deg), float(minutes), float(seconds or 0)], ref)


def short_repr(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
