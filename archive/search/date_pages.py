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

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from archive.db.models import Photo
from archive.search import deep
from archive.search.fts import Fts

PROBE_SPAN = 4  # a probing page walks at most this many times an even spread's rows
MAX_PROBES = 600  # ... and never more than this many (an FTS5 probe is ~20 µs)


@dataclass(frozen=True)
class DatePage:
    s: Session
    col: Any  # the sort's date column
    desc: bool
    order: tuple[ColumnElement[Any], ...]
    where: ColumnElement[bool]  # the plan's own condition (probe or walk)
    limit: int
    offset: int

    def _read(self, cond: ColumnElement[bool], offset: int) -> tuple[int, ...] | None:
        stmt = select(Photo.id).where(cond).order_by(*self.order)
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
