"""Date values of ``taken:`` / ``date:`` / ``imported:`` → day intervals → index tokens.

A value is a day (``2023-05-14``), a month (``2023-05``), a year (``2023``), ``today``,
``yesterday``, a relative day (``-7d``, ``-2w``, ``-3m``, ``-1y``: that many days, weeks,
months or years before today) or a range ``a..b`` of those, either end open (``2023..``,
``..2023-06``). Ranges include the whole of both ends: ``2023-05..2023-06`` is May and
June. Day granularity is all a photo desk needs, and it lets dates live in the full-text
index as tokens (``t2023``, ``t202305``, ``t20230514``): a range becomes an OR of the
fewest whole years, months and days, and the index intersects it with the words.
``taken`` is the camera's wall-clock date; ``imported`` is the UTC date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from archive.search.errors import QueryError

_ABS = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_REL = re.compile(r"-(\d{1,5})([dwmy])$")
MAX_TOKENS = 2000  # a range of more than ~2000 years is a typo, not a search


@dataclass(frozen=True)
class Span:
    """Half-open [start, end) in days; None means open on that side."""

    start: date | None
    end: date | None


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31,
            31, 30, 31, 30, 31][m]  # fmt: skip
    return date(y, m + 1, min(d.day, last))


def _one(text: str, today: date, pos: int) -> tuple[date, date]:
    """A single value → [first day, day after its last day)."""
    low = text.lower()
    if low == "today":
        return today, today + timedelta(days=1)
    if low == "yesterday":
        return today - timedelta(days=1), today
    if m := _REL.match(low):
        n, unit = int(m.group(1)), m.group(2)
        if unit in "dw":
            day = today - timedelta(days=n * (7 if unit == "w" else 1))
        else:
            day = _shift_months(today, -n * (12 if unit == "y" else 1))
        return day, day + timedelta(days=1)
    m = _ABS.match(text)
    if not m:
        raise QueryError(
            f"'{text}' is not a date: use 2023, 2023-05, 2023-05-14, today or -7d", pos
        )
    year, month, mday = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 1, 1), date(year + 1, 1, 1)
        first = date(year, int(month), int(mday or 1))
        if mday is None:
            return first, _shift_months(first, 1)
        return first, first + timedelta(days=1)
    except (ValueError, OverflowError):
        raise QueryError(f"'{text}' is not a valid date", pos) from None


def parse_span(value: str, today: date, pos: int) -> Span:
    if ".." not in value:
        first, after = _one(value, today, pos)
        return Span(first, after)
    left, _, right = value.partition("..")
    if not left and not right:
        raise QueryError("a range needs at least one end: 2023.., ..2023 or 2022..2023", pos)
    start: date | None = _one(left, today, pos)[0] if left else None
    end: date | None = _one(right, today, pos + len(left) + 2)[1] if right else None
    if start is not None and end is not None and end <= start:
        raise QueryError(f"the range '{value}' ends before it starts", pos)
    return Span(start, end)


def day_tokens(prefix: str, value: datetime | None) -> list[str]:
    """The tokens a document carries for one date: year, month, day."""
    if value is None:
        return []
    y, m, d = value.year, value.month, value.day
    return [f"{prefix}{y:04d}", f"{prefix}{y:04d}{m:02d}", f"{prefix}{y:04d}{m:02d}{d:02d}"]


def span_tokens(prefix: str, start: date, end: date) -> list[str]:
    """The fewest whole years, months and days covering [start, end)."""
    out: list[str] = []
    day = start
    while day < end:
        if len(out) > MAX_TOKENS:
            raise ValueError("range too wide")
        if day.month == 1 and day.day == 1 and date(day.year + 1, 1, 1) <= end:
            out.append(f"{prefix}{day.year:04d}")
            day = date(day.year + 1, 1, 1)
        elif day.day == 1 and _shift_months(day, 1) <= end:
            out.append(f"{prefix}{day.year:04d}{day.month:02d}")
            day = _shift_months(day, 1)
        else:
            out.append(f"{prefix}{day.year:04d}{day.month:02d}{day.day:02d}")
            day += timedelta(days=1)
    return out


def index_tokens(
    prefix: str,
    start: date | None,
    end: date | None,
    bounds: tuple[date, date] | None,
    most: int,
) -> list[str] | None:
    """The date tokens of the index that hold exactly the photos dated in [start, end),
    given that every dated photo lies in *bounds* ([first day, day after the last)): the
    open or outlying ends are moved out to whole months and years, where no photo can
    tell the difference, so ``..2015`` is a few year tokens rather than days. None when
    that takes more than *most* tokens, or when no photo can match (nothing to state)."""
    if bounds is None:
        return None
    lo, hi = bounds
    last = hi - timedelta(days=1)
    firsts = [date(lo.year, 1, 1), date(lo.year, lo.month, 1), lo]
    s = next((c for c in firsts if start is None or c >= start), start)
    after_month = _shift_months(date(last.year, last.month, 1), 1)
    ends = [date(last.year + 1, 1, 1), after_month, hi]
    e = next((c for c in ends if end is None or c <= end), end)
    if s is None or e is None or s >= e:
        return None
    try:
        tokens = span_tokens(prefix, s, e)
    except ValueError:
        return None
    return tokens if len(tokens) <= most else None
