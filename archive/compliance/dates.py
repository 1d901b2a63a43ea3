"""Read the date-time an embargo lifts, in the many ways agencies write it.

"00:01 GMT 15 May 2023", "15/05/2023 00:01 BST", "2023-05-15T00:01:00Z",
"May 15, 2023 at 12:01 a.m. EDT", "0001 BST Monday 15 May 2023".

Never guesses: a date without a year or a time, an ambiguous numeric date (05/06/2023),
"midnight", "local time", or a weekday that contradicts the date gives None, and the caller
keeps the text as unparsed for a human. Zone abbreviations are fixed offsets, taken as written:
"BST" is UTC+1 even on a January date, because the agency said so. Region zones ("UK time",
"Eastern time") go through zoneinfo, so they follow daylight saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Only abbreviations with a single meaning in agency copy. IST (India/Irish/Israel), CST (US
# Central/China), AST (Atlantic/Arabia) and GST are deliberately absent: such an embargo stays
# unparsed rather than being read an hour or a day wrong.
_OFFSETS: dict[str, float] = {
    "z": 0, "gmt": 0, "utc": 0, "wet": 0, "bst": 1, "west": 1, "cet": 1, "cest": 2, "eet": 2,
    "eest": 3, "msk": 3, "pkt": 5, "hkt": 8, "sgt": 8,
    "awst": 8, "jst": 9, "kst": 9, "acst": 9.5, "aest": 10, "acdt": 10.5, "aedt": 11, "nzst": 12,
    "nzdt": 13, "hst": -10, "akst": -9, "akdt": -8, "pst": -8, "pdt": -7, "mst": -7, "mdt": -6,
    "cdt": -5, "est": -5, "edt": -4, "brt": -3,
}  # fmt: skip

_REGIONS: dict[str, str] = {
    "uk": "Europe/London", "london": "Europe/London", "british": "Europe/London",
    "paris": "Europe/Paris", "brussels": "Europe/Brussels", "berlin": "Europe/Berlin",
    "eastern": "America/New_York", "new york": "America/New_York", "et": "America/New_York",
    "pacific": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "tokyo": "Asia/Tokyo", "sydney": "Australia/Sydney",
}  # fmt: skip

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "cest" is tried before "cet" and "new york" before "ny"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_TOKEN = re.compile(
    rf"""
    (?P<gap>[\s,]+|(?:on|the|of|from)\b)
    |(?P<at>at)\b
    |(?P<ymd>(?P<ymd_y>\d{{4}})[-/.](?P<ymd_m>\d{{1,2}})[-/.](?P<ymd_d>\d{{1,2}}))(?!\d)
    |(?P<dmy>(?P<dmy_a>\d{{1,2}})[-/.](?P<dmy_b>\d{{1,2}})[-/.](?P<dmy_y>\d{{4}}))(?!\d)
    |(?P<t12>(?P<t12_h>\d{{1,2}})(?:[:.](?P<t12_m>\d{{2}}))?\s*(?P<t12_ap>[ap])\.?\s?m\b\.?)
    |(?P<t24>(?P<t24_h>\d{{1,2}})[:.](?P<t24_m>\d{{2}})(?:[:.](?P<t24_s>\d{{2}})(?:\.\d+)?)?)(?!\d)
    |(?P<num>\d{{1,4}})(?:st|nd|rd|th)?(?![\d:])
    |(?P<hrs>h(?:ou)?rs?|h)\b\.?
    |(?P<noon>noon|midday)\b
    |(?P<iso_t>t)(?=\d)
    |(?P<offset>(?:gmt|utc)\s*(?P<off_sign>[+−-])\s*(?P<off_h>\d{{1,2}})(?::?(?P<off_m>\d{{2}}))?\b
        |(?P<off_sign2>[+-])(?P<off_h2>\d{{2}}):?(?P<off_m2>\d{{2}})(?!\d))
    |(?P<region>(?:{_alternation(_REGIONS)})\s+time)\b
    |(?P<zone>{_alternation(_OFFSETS)})\b
    |(?P<unknown_zone>local(?:\s+time)?|midnight|ist|cst|ast|gst)\b
    |(?P<month>(?:{"|".join(_MONTHS)})[a-z]*)\b\.?
    |(?P<weekday>(?:{"|".join(_WEEKDAYS)})[a-z]*)\b\.?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    zone: tzinfo | None = None
    weekday: int | None = None
    failed: bool = False

    def set(self, **values: int | tzinfo | None) -> bool:
        """Fill fields once; a second, different value for one means the text is not one date."""
        for name, value in values.items():
            if getattr(self, name) is not None:
                return False
            setattr(self, name, value)
        return True


def _word_index(word: str, table: tuple[str, ...], full: tuple[str, ...]) -> int | None:
    """Accept 'May', 'Sept', 'Wednesday', but not 'Mayday' or 'Monstrous'."""
    word = word.casefold().rstrip(".")
    for i, short in enumerate(table):
        if full[i].startswith(word) and word.startswith(short):
            return i
    return None


def _offset_zone(sign: str, hours: str, minutes: str | None) -> tzinfo | None:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if sign in "-−" else delta)


def _region_zone(name: str) -> tzinfo | None:
    key = " ".join(name.casefold().split()[:-1])  # drop the trailing "time"
    try:
        return ZoneInfo(_REGIONS[key])
    except (ZoneInfoNotFoundError, KeyError):  # no tz database (Windows without tzdata)
        return None


def _next_kind(tokens: list[re.Match[str]], i: int) -> str | None:
    for token in tokens[i + 1 :]:
        if token.lastgroup != "gap":
            return token.lastgroup
    return None


def _apply(parts: _Parts, tokens: list[re.Match[str]], i: int) -> bool:
    """Fold token i into parts; False when it cannot belong to the same date-time."""
    m = tokens[i]
    kind = m.lastgroup
    g = m.group
    if kind in ("gap", "at", "hrs", "iso_t"):
        return True
    if kind == "ymd":
        return parts.set(year=int(g("ymd_y")), month=int(g("ymd_m")), day=int(g("ymd_d")))
    if kind == "dmy":
        a, b = int(g("dmy_a")), int(g("dmy_b"))
        if a <= 12 and b <= 12 and a != b:
            parts.failed = True  # 05/06/2023: May or June depends on the agency's country
            return False
        day, month = (b, a) if b > 12 else (a, b)
        return parts.set(year=int(g("dmy_y")), month=month, day=day)
    if kind == "t12":
        hour = int(g("t12_h"))
        if not 1 <= hour <= 12:
            return False
        hour = hour % 12 + (12 if g("t12_ap").casefold() == "p" else 0)
        return parts.set(hour=hour, minute=int(g("t12_m") or 0))
    if kind == "t24":
        ok = parts.set(hour=int(g("t24_h")), minute=int(g("t24_m")))
        parts.second = int(g("t24_s") or 0)
        return ok
    if kind == "noon":
        return parts.set(hour=12, minute=0)
    if kind == "num":
        return _apply_number(parts, g("num"), tokens, i)
    if kind == "offset":
        if g("off_sign"):
            zone = _offset_zone(g("off_sign"), g("off_h"), g("off_m"))
        else:
            zone = _offset_zone(g("off_sign2"), g("off_h2"), g("off_m2"))
        return zone is not None and parts.set(zone=zone)
    if kind == "zone":
        zone = timezone(timedelta(hours=_OFFSETS[g("zone").casefold()]))
        return parts.set(zone=UTC if zone.utcoffset(None) == timedelta(0) else zone)
    if kind == "region":
        region = _region_zone(g("region"))
        return region is not None and parts.set(zone=region)
    if kind == "month":
        month_index = _word_index(g("month"), _MONTHS, _FULL_MONTHS)
        return month_index is not None and parts.set(month=month_index + 1)
    if kind == "weekday":
        weekday_index = _word_index(g("weekday"), _WEEKDAYS, _FULL_WEEKDAYS)
        return weekday_index is not None and parts.set(weekday=weekday_index)
    parts.failed = True  # unknown_zone: "local time", "midnight" (start or end of day?), IST
    return False


def _apply_number(parts: _Parts, digits: str, tokens: list[re.Match[str]], i: int) -> bool:
    value = int(digits)
    after = _next_kind(tokens, i)
    before = next((t.lastgroup for t in reversed(tokens[:i]) if t.lastgroup != "gap"), None)
    if len(digits) == 4:
        hhmm = value // 100 <= 23 and value % 100 <= 59
        if hhmm and (after in ("hrs", "zone", "offset", "region") or before == "at"):
            return parts.set(hour=value // 100, minute=value % 100)
        if parts.year is None and 1900 <= value <= 2199:
            return parts.set(year=value)
        return hhmm and parts.set(hour=value // 100, minute=value % 100)
    if len(digits) <= 2 and 1 <= value <= 31:
        return parts.set(day=value)
    return False


def parse_when(text: str, start: int, default_tz: tzinfo) -> tuple[datetime, int] | None:
    """The UTC instant written at text[start:], and where its last token ends; None if unreadable.

    Trailing words that are not part of a date end the scan (they are other restrictions);
    a date missing its year, day, month, hour or minute is None.
    """
    tokens: list[re.Match[str]] = []
    pos = start
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        tokens.append(m)
        pos = m.end()
    parts = _Parts()
    end = start
    for i, token in enumerate(tokens):
        if not _apply(parts, tokens, i):
            if parts.failed:
                return None
            break
        if token.lastgroup != "gap":
            end = token.end()
    return _instant(parts, default_tz, end)


def _instant(parts: _Parts, default_tz: tzinfo, end: int) -> tuple[datetime, int] | None:
    if None in (parts.year, parts.month, parts.day, parts.hour, parts.minute):
        return None
    assert parts.year and parts.month and parts.day  # narrowed for mypy: checked just above
    try:
        day = date(parts.year, parts.month, parts.day)
        local = datetime(
            parts.year, parts.month, parts.day, parts.hour or 0, parts.minute or 0,
            parts.second, tzinfo=parts.zone or default_tz,
        )  # fmt: skip
    except ValueError:
        return None  # 31 April, 25:00
    if parts.weekday is not None and parts.weekday != day.weekday():
        return None  # "Monday 16 May 2023" was a Tuesday: one of them is wrong, so neither
    return local.astimezone(UTC), end
