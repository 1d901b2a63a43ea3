"""Deep pages of one word in date order (PostgreSQL): start at the year the page is in.

A page at offset 50,000 of ``event:bafta`` (126,463 matches at 1M photos) sorted newest
first was a bitmap heap scan of every match and a top-N sort of 50,050 of them: EXPLAIN
(ANALYZE, BUFFERS) 92,640 heap pages read, 440 ms. ``photo_fts_lexeme_years`` keeps how
many index rows hold each word per year taken (pg_lexemes.py, kept by the same statement
triggers), so the years before the page are skipped by adding up their counts, and only
the matches of the page's year (and of the next, when the page runs into it) are visited
and sorted: a BitmapAnd of the GIN and the taken btree, ~10k heap pages instead of 93k.
A page those years do not fill (it reaches the undated photos, which sort last) is left
to the plain plan.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from archive.search import pg_lexemes, schema

if TYPE_CHECKING:
    from archive.search.pg_plans import PgRun

DEEP_FROM = 10_000  # pages from this offset on start at their year


def by_year(run: PgRun, limit: int, offset: int) -> tuple[int, ...] | None:
    """The page, read from the year it starts in (and the next, when it runs into it);
    None: not such a query (one word, no other condition, sorted by date taken), or
    those years do not hold the page."""
    if offset < DEEP_FROM or run.sort not in ("-taken", "taken") or run.c.sql is not None:
        return None
    word = pg_lexemes.single_word(run.c.fts)
    counted = None if word is None else pg_lexemes.years(run.s, word)
    if not counted:
        return None
    desc = run.sort == "-taken"
    before, year, within = 0, None, 0
    for y, n in reversed(counted) if desc else counted:
        if before + n > offset:
            year, within = y, n
            break
        before += n
    if year is None:
        return None  # past the dated matches: the undated ones, in the plain plan
    # The page's year alone when it holds the whole page; else the next one too (newest
    # first: the year before).
    spill = 0 if offset + limit <= before + within else 1
    lo, hi = (year - spill, year + 1) if desc else (year, year + 1 + spill)
    taken = schema.pg_table.c.taken_at
    stmt = (
        run.restrict(select(schema.pg_table.c.photo_id))
        .where(taken >= datetime(lo, 1, 1), taken < datetime(hi, 1, 1))
        .order_by(*run.order(hidden=True))
        .limit(limit)
        .offset(offset - before)
    )
    ids = tuple(run.s.scalars(stmt).all())
    return ids if len(ids) == limit else None
