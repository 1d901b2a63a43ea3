"""SearchService: query text → ids (one page) + total, and facet counts on request.

Cheap at a million photos because (measured in bench/search_bench.py):
- the total of a query that is all full-text is ``count(*)`` over the index alone,
  never joined to ``photo``;
- a page of a large result set walks the sort index (taken_at/imported_at, covering
  with the id) and probes the match set, stopping after one page; a small one looks
  its few photos up and sorts them. Which is chosen follows from the total;
- prefixes (every field search: ``person:kate``) are rewritten into the exact words they
  stand for (vocab.py), which FTS5 walks lazily: probing and LIMIT work again;
- facets are one pass over a narrow table, counted in Python (facets.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal_column, select

from archive.db.read_tables import photo
from archive.search import deep, schema
from archive.search.compile import Compiled, Visitor
from archive.search.date_pages import PROBE_SPAN, DatePage, stated_dates
from archive.search.errors import QueryError
from archive.search.facets import FacetCount, Facets, Source, count_facets
from archive.search.fields import Context, canonical_name
from archive.search.fts import FNot, Fts, has_prefix, term_count
from archive.search.nodes import Query
from archive.search.parser import parse
from archive.search.vocab import camera_words_in, expand, lookup_in, unfilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from archive.handle import Archive
    from archive.search.pg_plans import PgRun

__all__ = ["FacetCount", "Facets", "SearchResult", "SearchService", "parse_query", "reindex"]

RANK_WINDOW = 10_000  # sort:relevance ranks the newest this many matches (see _ranked)
ESTIMATE_CAP = 20_000  # first_page() counts exactly up to here
WALK_INDEX_ABOVE = 2000  # matches above which paging walks the sort index (see above)
# An FTS5 probe of one row costs about as much as materializing this many matching rows
# (measured: ~20 µs against ~0.35 µs, for a term or two; each term is looked up again in
# every probe, so it scales with them); prefix terms make probes far dearer, so never then.
PROBE_COST = 55
PROBE_TERMS = 2


@dataclass(frozen=True)
class SearchResult:
    total: int  # every photo the query matches, not only this page
    ids: tuple[int, ...]  # this page, in the query's sort order
    facets: Facets | None = None
    sort: str = "-taken"
    # False only from first_page(): then ``total`` is a lower bound ("more than 20,000")
    # and count() gives the exact figure.
    exact: bool = True


def parse_query(query: str) -> Query:
    """Parse without running (the GUI validates as the user types)."""
    return parse(query, canonical_name)


class SearchService:
    def __init__(self, archive: Archive | sessionmaker[Session]) -> None:
        self.source = archive

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A connection to read on: an archive's engine's own (searching is Core throughout,
        so `creditdesk search` never loads the ORM: issue 16), or a session's when the caller
        hands over a session factory."""
        engine = getattr(self.source, "engine", None)
        if engine is not None:
            with engine.connect() as conn:
                yield conn
        else:
            with self.source() as s:  # type: ignore[operator]
                yield s.connection()

    def search(
        self, query: str, limit: int | None = 50, offset: int = 0, facets: bool = False
    ) -> SearchResult:
        """One page of *query* (``limit=None``: every match) with the total; QueryError if
        the query is malformed."""
        if (limit is not None and limit < 0) or offset < 0:
            raise QueryError("limit and offset cannot be negative", 0, query)
        parsed = parse_query(query)
        with self._connect() as s:
            run = _run(s, parsed)
            total = run.count()
            ids = run.page(total, limit, offset) if total > offset and limit != 0 else ()
            found = run.facets() if facets else None
        return SearchResult(total, ids, found, run.sort)

    def first_page(self, query: str, limit: int = 50, offset: int = 0) -> SearchResult:
        """The page at once, and the total only when it is cheap: counted up to
        ESTIMATE_CAP matches (or as far as the page reaches, if further), beyond that
        ``exact`` is False and ``total`` says "more than". The window shows the page,
        then asks count() for the exact total."""
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset cannot be negative", 0, query)
        parsed = parse_query(query)
        with self._connect() as s:
            run = _run(s, parsed)
            # Counting as far as the page reaches costs what finding the page does: a
            # deep page (offset 50,000) then knows whether it is past the last match
            # (200k photos: event:bafta @50,000 was 108 ms, now 3 ms).
            upto, exact = run.count_upto(max(ESTIMATE_CAP, offset + limit))
            # A page past the last match is empty: no need to look (deep pages).
            past = exact and offset >= upto
            ids = run.page(upto, limit, offset) if upto and limit and not past else ()
        return SearchResult(upto if exact else upto - 1, ids, None, run.sort, exact)

    def count(self, query: str) -> int:
        """The exact number of photos *query* matches (the second, cheap call)."""
        with self._connect() as s:
            return _run(s, parse_query(query)).count()

    def facets(self, query: str) -> Facets:
        with self._connect() as s:
            return _run(s, parse_query(query)).facets()


def reindex(archive: Archive, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue in one transaction; returns the count."""
    # Imported here: building documents loads the compliance package (country names) and
    # more, which a search never needs (fast start, issue 16).
    from archive.db import statistics
    from archive.search.index import rebuild

    with archive.engine.begin() as conn:
        done = rebuild(conn, progress)
    # A rebuilt index is a bulk change: statistics, and on PostgreSQL the visibility map
    # of the brand-new table (else every count visits its heap), as after a bulk import.
    statistics.refresh(archive.engine)
    return done


def _run(conn: Connection, query: Query) -> _Run | PgRun:
    if conn.dialect.name == "postgresql":
        # Imported here: its PostgreSQL types and plans are no use to a SQLite search.
        from archive.search.pg_plans import PgRun

        return PgRun(conn, query)
    return _Run(conn, query)


class _Run:
    """One query against one SQLite session: compiled once, then counted, paged,
    faceted. (PostgreSQL: pg_plans.PgRun, the same four calls.)"""

    def __init__(self, conn: Connection, query: Query) -> None:
        self.s = conn
        self.dialect = conn.dialect.name
        self._bounds: dict[str, tuple[date, date] | None] = {}
        self._rows: int | None = None
        self._few: list[int] | None = None  # every matching id, when there are few
        ctx = Context(date.today(), datetime.now(UTC).date(), self.bounds)
        self.visitor = Visitor(ctx, self.dialect, self._expander(query.sort))
        try:
            self.c: Compiled = self.visitor.visit(query.root)
        except QueryError as exc:
            raise exc.with_query(query.text) from None
        self.sort = query.sort if query.sort != "relevance" or self.c.fts else "-taken"
        # The date ranges are also stated as date tokens inside self.c.fts (_state_dates).
        self._implied = (
            self.dialect == "sqlite" and self.sort != "relevance" and self._state_dates()
        )

    def _state_dates(self) -> bool:
        """Words beside date ranges: the ranges stated in the index too (date_pages)."""
        stated = stated_dates(self.c, self.bounds)
        if stated is None:
            return False
        self.c = stated
        return True

    def _expander(self, sort: str) -> Callable[[Fts], Fts] | None:
        if self.dialect != "sqlite":
            return None  # PostgreSQL: a GIN index answers a prefix lexeme directly
        conn = self.s
        in_camera = camera_words_in(conn)
        if sort == "relevance":  # no expansion: bm25 weighs a prefix as one phrase, an
            # OR word by word (dropping a column filter changes no score)
            return lambda fts: unfilter(fts, in_camera)
        lookup = lookup_in(conn)
        return lambda fts: unfilter(expand(fts, lookup), in_camera)

    def bounds(self, kind: str) -> tuple[date, date] | None:
        if kind not in self._bounds:
            col = photo.c.taken_at if kind == "taken" else photo.c.imported_at
            # Two statements: SQLite answers a lone min() or max() from the index.
            lo = self.s.scalar(select(func.min(col)))
            hi = self.s.scalar(select(func.max(col)))
            self._bounds[kind] = (
                None if lo is None or hi is None else (lo.date(), hi.date() + timedelta(days=1))
            )
        return self._bounds[kind]

    def _fts_only(self) -> bool:
        """The index alone answers which photos match (any SQL part is implied)."""
        return self.c.fts is not None and (self.c.sql is None or self._implied)

    def matching_ids(self) -> Select[Any]:
        if self._fts_only():
            assert self.c.fts is not None
            idcol = schema.id_column(self.dialect)
            return select(idcol).where(schema.matches(self.dialect, self.c.fts))
        return select(photo.c.id).where(self.visitor.to_sql(self.c, self._range_drives()))

    def _range_drives(self) -> bool:
        """A date range beside words: let the range's covering index drive, probing the
        words' match list (``photo.id + 0 IN``), rather than look up every matching photo
        by primary key to test its date. At 1M photos, ``kate taken:2022`` (100k word
        matches, 8,419 in 2022): count 200 → 96 ms, ``sort:imported`` page 358 → 124 ms.
        (A negation beside a range is already driven by the range: compile.py.)"""
        fts = self.c.fts
        return bool(self.visitor.ranges) and fts is not None and not isinstance(fts, FNot)

    def count(self) -> int:
        if self._fts_only():
            # Few matches: fetch their ids now, so the page need not evaluate the match
            # again (it is most of the cost); many: count them in the index alone.
            few = self.s.scalars(self.matching_ids().limit(WALK_INDEX_ABOVE + 1)).all()
            if len(few) <= WALK_INDEX_ABOVE:
                self._few = list(few)
                return len(few)
            stmt = select(func.count()).select_from(self.matching_ids().subquery())
        elif self.c.sql is None:
            stmt = self._count_all()
        else:
            where = self.visitor.to_sql(self.c, walk_index=self._range_drives())
            stmt = select(func.count()).where(where).select_from(photo)
        return int(self.s.scalar(stmt) or 0)

    @staticmethod
    def _count_all() -> Select[Any]:
        """Every photo: a bare ``count(*)`` (no WHERE, not ``count(id)``) is SQLite's
        count optimization, which counts the cells of the narrowest index's pages without
        decoding a row: 1M photos ~40 ms as ``count(photo.id) WHERE 1 = 1``, ~3 ms so."""
        return select(func.count()).select_from(photo)

    def count_upto(self, cap: int) -> tuple[int, bool]:
        """(the count, True), or (cap + 1, False) when there are more: a LIMITed scan,
        cheap either way."""
        if self.c.fts is None and self.c.sql is None:
            return int(self.s.scalar(self._count_all()) or 0), True
        capped = self.matching_ids().limit(cap + 1).subquery()
        found = int(self.s.scalar(select(func.count()).select_from(capped)) or 0)
        if found <= WALK_INDEX_ABOVE and self._fts_only():
            self._few = [int(i) for i in self.s.scalars(self.matching_ids()).all()]
        return found, found <= cap

    def _ranked(self, total: int, limit: int | None, offset: int) -> tuple[int, ...]:
        """bm25 over the newest RANK_WINDOW matches (by rowid: import order), best first;
        then the older ones, newest first. bm25 of every match cost ~1.4 µs a row plus
        the sort: 500 ms for "red carpet" (362k) at 1M photos; FTS5 walks its doclists
        backwards by rowid, so finding the window's edge reads only the window."""
        assert self.c.fts is not None
        idcol = schema.id_column(self.dialect)
        base = select(idcol).where(schema.matches(self.dialect, self.c.fts))
        if self.c.sql is not None:
            base = base.join(photo, photo.c.id == idcol).where(self.c.sql)
        cut = None
        if total > RANK_WINDOW:
            cut = self.s.scalar(base.order_by(idcol.desc()).offset(RANK_WINDOW - 1).limit(1))
        inside = base if cut is None else base.where(idcol >= cut)
        want = None if limit is None else offset + limit
        stmt = inside.order_by(schema.rank(self.dialect, self.c.fts), idcol.desc())
        ids = list(self.s.scalars(stmt.limit(want)).all())[offset:]
        if cut is not None and (limit is None or len(ids) < limit):
            skip = max(0, offset - RANK_WINDOW)
            more = None if limit is None else limit - len(ids)
            rest = base.where(idcol < cut).order_by(idcol.desc()).limit(more).offset(skip)
            ids += self.s.scalars(rest).all()
        return tuple(ids)

    def page(self, total: int, limit: int | None, offset: int) -> tuple[int, ...]:
        if self.sort == "relevance":
            return self._ranked(total, limit, offset)
        col = photo.c.taken_at if self.sort.endswith("taken") else photo.c.imported_at
        desc = self.sort.startswith("-")
        key: ColumnElement[Any] = col.desc() if desc else col.asc()
        if not desc:
            # Undated last both ways (SQLite's DESC already does it, and saying so would
            # stop it from walking the index).
            key = key.nulls_last()
        kind = "taken" if self.sort.endswith("taken") else "imported"
        if self.visitor.ranges and kind not in self.visitor.ranges:
            # A range over the other date (imported:-7d.. sorted by taken): let its index
            # find the photos and sort them, rather than walk the whole sort index
            # (measured 350-630 ms at 1M). "+col" hides the column from the planner.
            plain = literal_column(f"+photo.{col.key}", col.type)
            key = plain.desc() if desc else plain.asc().nulls_last()
        where = self._where(total, limit, offset, kind)
        order = (key, photo.c.id.desc() if desc else photo.c.id.asc())
        if self._walks_deep(limit, offset, kind):
            assert self.c.fts is not None and limit is not None
            dp = DatePage(self.s, col, desc, order, where, limit, offset)
            ids = None
            if offset < deep.DEEP_FROM and self._probes(total, limit, offset):
                budget = PROBE_SPAN * (offset + limit) * self.rows() // max(total, 1)
                ids = dp.probed(budget, self.c.sql)
            if ids is None:
                prefix = "t" if kind == "taken" else "i"

                def in_index(fts: Fts) -> ColumnElement[bool]:
                    return self.visitor.to_sql(Compiled(fts), walk_index=True)

                bounds = self._sort_bounds(kind)
                ids = dp.counted(self._count_of, self.c.fts, prefix, bounds, in_index, self.c.sql)
            if ids is not None:
                return ids
        stmt = select(photo.c.id).where(where).order_by(*order)
        return tuple(self.s.scalars(stmt.limit(limit).offset(offset)).all())

    def _walks_deep(self, limit: int | None, offset: int, kind: str) -> bool:
        """A page of many index matches in date order: counted to its month (deep.py)."""
        return (
            self.dialect == "sqlite"
            and limit is not None
            and limit > 0
            and self._fts_only()
            and self._few is None
            and not (self.visitor.ranges and kind not in self.visitor.ranges)
        )

    def _sort_bounds(self, kind: str) -> tuple[date, date] | None:
        """The sort date's days with photos, within the query's own ranges over it."""
        bounds = self.bounds(kind)
        for r in self.c.ranges or ():
            if bounds is not None and r.kind == kind:
                lo, hi = max(bounds[0], r.start or bounds[0]), min(bounds[1], r.end or bounds[1])
                bounds = (lo, hi) if lo < hi else None
        return bounds

    def _count_of(self, fts: Fts) -> int:
        idcol = schema.id_column(self.dialect)
        matching = select(idcol).where(schema.matches(self.dialect, fts)).subquery()
        return int(self.s.scalar(select(func.count()).select_from(matching)) or 0)

    def _where(self, total: int, limit: int | None, offset: int, kind: str) -> ColumnElement[bool]:
        """How a sorted page meets the matches (SQLite; PostgreSQL's planner chooses).

        Few matches: look them up and sort them. Many: walk the sort index; either probe
        the index row by row (dense matches, no prefix terms: stops after one page) or
        materialize the match set once and probe that. Dates stated in the index and a
        sort over the other date: the matches are sorted (page() hides the sort key), as
        that index would be walked from far outside the range.
        """
        fts = self.c.fts
        if self._few is not None:
            return photo.c.id.in_(self._few)
        if self._implied and (kind not in self.visitor.ranges or limit is None):
            assert fts is not None
            return photo.c.id.in_(
                select(schema.fts5_table.c.rowid).where(self.visitor.fts_ids(fts))
            )
        if self.dialect != "sqlite" or fts is None or limit is None:
            return self.visitor.to_sql(self.c)
        if self._probes(total, limit, offset):
            probe = (
                select(schema.fts5_table.c.rowid)
                .where(schema.matches(self.dialect, fts), schema.fts5_table.c.rowid == photo.c.id)
                .exists()
            )
            return probe if self.c.sql is None else and_(probe, self.c.sql)
        return self.visitor.to_sql(self.c, walk_index=total > WALK_INDEX_ABOVE)

    def _probes(self, total: int, limit: int, offset: int) -> bool:
        """Whether probing the index row by row beats materializing the matches, were
        they spread evenly along the sort order (page() bounds the walk: they may not)."""
        assert self.c.fts is not None
        cost = PROBE_COST * max(1.0, term_count(self.c.fts) / PROBE_TERMS)
        return not has_prefix(self.c.fts) and (offset + limit) * self.rows() * cost < total**2

    def rows(self) -> int:
        """About how many photos there are: the highest id, read from the primary key."""
        if self._rows is None:
            self._rows = int(self.s.scalar(select(func.max(photo.c.id))) or 0)
        return self._rows

    def facets(self) -> Facets:
        if self.c.fts is None and self.c.sql is None:
            return count_facets(self.s, Source())
        if self._few is not None:
            # Already fetched by count(): no need to match again.
            return count_facets(self.s, Source(ids=self._few))
        if self._fts_only() and self.dialect == "sqlite":
            assert self.c.fts is not None
            return count_facets(self.s, Source(fts=schema.matches(self.dialect, self.c.fts)))
        return count_facets(self.s, Source(ids=self.matching_ids()))
