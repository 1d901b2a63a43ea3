"""A page of many index matches in date order (SQLite), read near where it lies.

Two ways, tried in turn; each answers only when it yields a whole page, else the caller
reads the page plainly (a short page reaches the undated photos, which sort last):
- dense matches near the sort's start: probe the sort index row by row, over no more of
  it than ``PROBE_SPAN`` times what an even spread would need (never ``MAX_PROBES``);
- otherwise count months (deep.py) to the one the page starts in, and read it and the
  next from their matches alone.
At 1M photos probing alone assumed the spread was even: ``2014`` (93k matches, all taken
in 2014) probed 900k photos before the first: 31-46 s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, select, true

from archive.db.read_tables import photo
from archive.search import deep
from archive.search.compile import Compiled
from archive.search.dates import index_tokens
from archive.search.fts import FAnd, Fts, any_of

PROBE_SPAN = 4  # a probing page walks at most this many times an even spread's rows
MAX_PROBES = 600  # ... and never more than this many (an FTS5 probe is ~20 µs)


@dataclass(frozen=True)
class DatePage:
    s: Connection
    col: Any  # the sort's date column
    desc: bool
    order: tuple[ColumnElement[Any], ...]
    where: ColumnElement[bool]  # the plan's own condition (probe or walk)
    limit: int
    offset: int

    def _read(self, cond: ColumnElement[bool], offset: int) -> tuple[int, ...] | None:
        stmt = select(photo.c.id).where(cond).order_by(*self.order)
        ids = tuple(self.s.scalars(stmt.limit(self.limit).offset(offset)).all())
        return ids if len(ids) == self.limit else None

    def probed(self, budget: int, sql: ColumnElement[bool] | None) -> tuple[int, ...] | None:
        """The page from probing the first *budget* photos of the sort order only (of
        those *sql*, the query's date ranges, admits: else the edge may lie outside)."""
        col = self.col
        edge_of = select(col).where(col.is_not(None), sql if sql is not None else true())
        edge_of = edge_of.order_by(col.desc() if self.desc else col)
        far = self.s.scalar(edge_of.offset(min(budget, MAX_PROBES)).limit(1))
        near = true() if far is None else col >= far if self.desc else col <= far
        return self._read(and_(self.where, near), self.offset)

    def counted(
        self,
        count: Callable[[Fts], int],
        fts: Fts,
        prefix: str,
        bounds: tuple[date, date] | None,
        in_index: Callable[[Fts], ColumnElement[bool]],
        sql: ColumnElement[bool] | None,
    ) -> tuple[int, ...] | None:
        """The page from the month it starts in (deep.skip_to); *in_index*: photos
        whose index rows match, *sql*: the query's other conditions."""
        skip = deep.skip_to(count, fts, prefix, bounds, self.desc, self.offset)
        if skip is None:
            return None
        col = self.col
        (lo, hi), months = skip.window()
        edge = datetime.combine(skip.edge, time())
        bound = col < edge if self.desc else col >= edge
        within = and_(
            col >= datetime.combine(lo, time()),
            col < datetime.combine(hi, time()),
            in_index(deep.with_part(fts, months)),
            sql if sql is not None else true(),
        )
        # First within the two months (their matches alone are materialized), else from
        # the edge on (the next month has less than the rest of a page).
        for cond in (and_(within, bound), and_(self.where, bound)):
            ids = self._read(cond, self.offset - skip.before)
            if ids is not None:
                return ids
        return None


MAX_DATE_TOKENS = 40  # a date range stated in the index as at most this many tokens


def stated_dates(c: Compiled, bounds: Callable[[str], tuple[date, date] | None]) -> Compiled | None:
    """Words beside date ranges: state the ranges in the index too, as the date tokens
    every document holds (``t2022``, ``t202305``, ``i20261201``: dates.py), so FTS5
    intersects words and dates itself and the total never looks at ``photo``. At 1M
    photos ``kate taken:2022`` (100k word matches, 8,419 in 2022) was counted by
    walking the year's 91k taken_at entries against the materialized word matches;
    ``NOT event:bafta taken:2020`` by an 870k-row NOT IN. The SQL range stays for
    paging, where its index walks the sort order from the range's edge."""
    if c.fts is None or c.sql is None or not c.ranges:
        return None
    stated: list[Fts] = []
    for r in c.ranges:
        prefix = "t" if r.kind == "taken" else "i"
        tokens = index_tokens(prefix, r.start, r.end, bounds(r.kind), MAX_DATE_TOKENS)
        if tokens is None:
            return None
        stated.append(any_of("dates", tokens))
    parts = list(c.fts.parts) if isinstance(c.fts, FAnd) else [c.fts]
    return Compiled(FAnd((*parts, *stated)), c.sql, c.ranges)
