"""Deep pages of large results (SQLite): skip whole months of matches by counting them.

A page at offset 50,000 of ``event:bafta`` (126k matches at 1M photos) sorted newest
first walked the taken_at index past ~400k photos, probing each against the match set:
150-220 ms. Every document holds its dates as tokens (``t2023``, ``t202305``; dates.py),
so FTS5 counts the matches of one year or one month itself (a year ~10 ms, a month ~2 ms:
a month's doclist is short, and FTS5 skips through the long one to meet it). Counting
whole years from the sort's starting end, then the months of the year the page falls
in, gives a date edge and how many matches lie before it, exactly; the page is then
read from that edge with the offset that remains, which is at most a month's matches.

First pages take the same road, starting with the first months: probing the sort index
row by row for matches assumed them spread evenly, and a word whose photos are all old
(``2014``: 93k matches, every one taken in 2014) probed 900k photos first: 31-46 s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from archive.search.dates import _shift_months
from archive.search.fts import FAnd, Fts, Match, Tok, any_of

DEEP_FROM = 10_000  # pages from this offset on count whole years first
NEAR_MONTHS = 3  # pages before it count this many months first


def with_part(fts: Fts, part: Fts) -> Fts:
    parts = fts.parts if isinstance(fts, FAnd) else (fts,)
    return FAnd((*parts, part))


def _with(fts: Fts, token: str) -> Fts:
    return with_part(fts, Match(("dates",), (Tok(token),)))


def _years(bounds: tuple[date, date], desc: bool) -> Iterator[int]:
    lo, hi = bounds
    years = range(lo.year, _last(hi).year + 1)
    return iter(reversed(years) if desc else years)


def _last(hi: date) -> date:
    return date.fromordinal(hi.toordinal() - 1)


def skip_to(
    count: Callable[[Fts], int],
    fts: Fts,
    prefix: str,
    bounds: tuple[date, date] | None,
    desc: bool,
    offset: int,
) -> Skip | None:
    """Where the match at *offset* lies: exactly ``before`` matches of *fts* are dated
    on the far side of ``edge`` (on or after it when *desc*, before it otherwise), and
    the match at *offset* in the month after it. None when the dated matches end before
    *offset* (undated ones sort last)."""
    if bounds is None:
        return None
    before = 0
    if offset < DEEP_FROM:
        # A first page: most often in the first month or two, one short count each.
        lo, hi = bounds
        day = date(_last(hi).year, _last(hi).month, 1) if desc else date(lo.year, lo.month, 1)
        for _ in range(NEAR_MONTHS):
            if not lo.replace(day=1) <= day < hi:
                break
            n = count(_with(fts, f"{prefix}{day.year:04d}{day.month:02d}"))
            if before + n > offset:
                return Skip(day, _shift_months(day, 1), before, desc, prefix)
            before += n
            day = _shift_months(day, -1 if desc else 1)
        before = 0  # then by whole years, from the start again
    for year in _years(bounds, desc):
        n = count(_with(fts, f"{prefix}{year:04d}"))
        if before + n > offset:
            break
        before += n
    else:
        return None
    months = range(12, 0, -1) if desc else range(1, 13)
    for month in months:
        n = count(_with(fts, f"{prefix}{year:04d}{month:02d}"))
        if before + n > offset:
            first = date(year, month, 1)
            return Skip(first, _shift_months(first, 1), before, desc, prefix)
        before += n
    return None  # the year's months do not add up to the year: the index is not current


@dataclass(frozen=True)
class Skip:
    """The page starts in the month [first, after) with *before* matches beyond it."""

    first: date
    after: date
    before: int
    desc: bool
    prefix: str

    @property
    def edge(self) -> date:
        """Where the page's walk starts: the month's end going back, its start forward."""
        return self.after if self.desc else self.first

    def window(self) -> tuple[tuple[date, date], Fts]:
        """The month and the next one the walk reaches ([start, end), and as tokens):
        the page lies in them unless the next month has fewer matches than a page
        (the caller then reads without the window)."""
        other = _shift_months(self.first, -1 if self.desc else 1)
        lo, hi = (other, self.after) if self.desc else (self.first, _shift_months(other, 1))
        tokens = [f"{self.prefix}{d.year:04d}{d.month:02d}" for d in (self.first, other)]
        return (lo, hi), any_of("dates", tokens)
