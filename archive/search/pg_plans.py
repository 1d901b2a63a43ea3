"""PostgreSQL's own plans (layout 3, schema.py): every query is a row predicate over
``photo_fts`` (joined to ``photo`` only when a condition needs a photo column).

Not SQLite's plans translated. SQLite can only MATCH in a subquery, so there a
condition on photos becomes ``photo.id IN (index rows …)``; here ``tsv @@ q`` is an
ordinary row condition, so OR and NOT mix words with SQL freely, dates are ranges over
``photo_fts.taken_at`` / ``imported_at`` (btree-indexed) and the sort keys live in the
index row. What was measured with EXPLAIN (ANALYZE, BUFFERS) at 1M photos and changed:
- a page of a popular word, by date: the planner now walks ``photo_fts_taken_desc`` and
  checks each row's tsvector, stopping after the page (was: bitmap heap scan of every
  match, a join to photo and a sort). When our own exact count says the matches are
  dense but the planner's estimate is low (prefix lexemes are guessed at 0.5 %), we turn
  bitmap scans and sorts off for that one statement (``_steer``);
- counts: ``count(*)`` over the GIN bitmap alone; for plain words the GIN match needs no
  recheck and the heap pages are all-visible after the import's ANALYZE/VACUUM, so few
  heap pages are read; the empty query's total is read from ``photo_fts_counts``;
- facets of the whole catalogue: ``photo_fts_counts``, kept in the writer's transaction
  (pg_index.py); of a query: one pass over the matches' narrow rows, grouped in hash
  aggregates, no join to photo;
- ``work_mem`` 64 MB for the search transaction: a deep page (offset 50,000) of 127k
  matches sorted on disk with the default 4 MB (external merge, ~3x slower).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    func,
    literal,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.sql.util import find_tables

from archive.db.read_tables import photo
from archive.search import pg_deep, pg_lexemes, pg_pairs, schema
from archive.search.compile import Compiled, Visitor
from archive.search.errors import QueryError
from archive.search.facets import Facets, facets_from_counts
from archive.search.fields import Context
from archive.search.fts import ANY, FAnd, FNot, FOr, lexeme
from archive.search.nodes import Query

F = schema.pg_table.c
C = schema.counts_table.c
RANK_WINDOW = 10_000  # relevance ranks the newest this many matches (see SearchService)
ESTIMATE_CAP = 20_000  # first_page(): counted exactly up to here, else "more than"


class PgVisitor(Visitor):
    """Dates over the index row's columns; full text as a plain row condition."""

    def date_column(self, kind: str) -> ColumnElement[Any]:
        return F.taken_at if kind == "taken" else F.imported_at

    def to_sql(self, c: Compiled, walk_index: bool = False) -> ColumnElement[bool]:
        conds: list[ColumnElement[bool]] = []
        if c.sql is not None:
            conds.append(c.sql)
        if c.fts is not None:
            conds.append(schema.matches("postgresql", c.fts))
        if not conds:
            return true()
        return conds[0] if len(conds) == 1 else and_(*conds)


class PgRun:
    def __init__(
        self, session: Connection, query: Query, bounds: Callable[[str], Any] | None = None
    ) -> None:
        self.s = session
        ctx = Context(date.today(), datetime.now(UTC).date(), bounds or (lambda _k: None))
        self.visitor = PgVisitor(ctx, "postgresql")
        try:
            self.c = self.visitor.visit(query.root)
        except QueryError as exc:
            raise exc.with_query(query.text) from None
        if self.c.fts is not None:
            fts = pg_pairs.paired(session, pg_lexemes.exact_prefixes(session, self.c.fts))
            self.c = replace(self.c, fts=fts)
        self.sort = query.sort if query.sort != "relevance" or self.c.fts else "-taken"
        everything = self.c.fts is None and self.c.sql is None
        self.where = None if everything else self.visitor.to_sql(self.c)
        self.photo = self.where is not None and any(
            getattr(t, "name", None) == "photo" for t in find_tables(self.where, check_columns=True)
        )
        self._rows: int | None = None
        self._kept_asked = False
        self._kept_total: int | None = None
        session.execute(text("SET LOCAL work_mem = '64MB'"))
        # No JIT: these statements are bound by the heap pages they visit, not by
        # evaluating expressions, and compiling them took 3-10 ms each (EXPLAIN ANALYZE,
        # 1M photos: a deep page, a phrase count).
        session.execute(text("SET LOCAL jit = off"))

    def restrict(self, stmt: Select[Any]) -> Select[Any]:
        stmt = stmt.select_from(schema.pg_table)
        if self.photo:
            stmt = stmt.join(photo, photo.c.id == F.photo_id)
        return stmt if self.where is None else stmt.where(self.where)

    def rows(self) -> int:
        """Every indexed photo: the kept count of the flag word every document holds
        (``any``: pg_lexemes.py), which the statement triggers keep through a Core DELETE
        cascading past the session hooks too. Counting the primary key instead (an
        index-only scan) was 50-60 ms at 1M photos for every empty query, every facets
        check and every deep page of everything. Counted so when the word is not kept
        (an index built before migration 0023 and not yet filled)."""
        if self._rows is None:
            kept = pg_lexemes.kept(self.s, lexeme("flags", ANY))
            if kept is None:
                kept = int(self.s.scalar(select(func.count()).select_from(schema.pg_table)) or 0)
            self._rows = kept
        return self._rows

    def _kept(self) -> int | None:
        """The exact total from the kept word counts (pg_lexemes.py), when the query is
        one word they can answer; else None (asked once per run)."""
        if not self._kept_asked:
            self._kept_asked = True
            word = pg_lexemes.single_word(self.c.fts) if self.c.sql is None else None
            self._kept_total = None if word is None else pg_lexemes.count(self.s, word)
        return self._kept_total

    def count(self) -> int:
        if self.where is None:
            return self.rows()
        kept = self._kept()
        if kept is not None:
            return kept
        apart = self._negation_apart()
        if apart is None:
            apart = self._either_apart()
        if apart is not None:
            return apart
        return int(self.s.scalar(self.restrict(select(func.count()))) or 0)

    def _either_apart(self) -> int | None:
        """``thompson OR kierkegaard``: the two kept counts less the photos holding both,
        counted live (the heap pages of the overlap only, never more than of the union:
        1M photos, 166 ms → the overlap's few). None: not two words alone."""
        fts = self.c.fts
        if not isinstance(fts, FOr) or len(fts.parts) != 2 or self.c.sql is not None:
            return None
        kept = []
        for part in fts.parts:
            word = pg_lexemes.single_word(part)
            n = None if word is None else pg_lexemes.count(self.s, word)
            if n is None:
                return None
            kept.append(n)
        both = select(func.count()).select_from(schema.pg_table)
        both = both.where(schema.matches("postgresql", FAnd(fts.parts)))
        return kept[0] + kept[1] - int(self.s.scalar(both) or 0)

    def _negation_apart(self) -> int | None:
        """A negation counted as what it takes away: ``-london`` is every photo less the
        kept count of london; ``NOT event:bafta taken:2020`` is the year's photos (an
        index-only scan of the taken btree) less the year's BAFTA photos (a BitmapAnd of
        the GIN and the btree). EXPLAIN (ANALYZE, BUFFERS), 1M photos: counting the
        81,008 matches themselves visited 72,518 heap pages (349 ms); apart, the year's
        90,745 photos in 16 ms (no heap fetch) and its 9,737 BAFTA photos in 114 ms.
        Only beside date ranges, whose photos a word's are assumed not to follow: beside
        words (``kate -winslet``) the part taken away is most of the rest, and larger
        than what is left. None: count the matches."""
        fts = self.c.fts
        if not isinstance(fts, FNot) or self.photo:
            return None
        inner = fts.part
        if self.c.sql is None:
            word = pg_lexemes.single_word(inner)
            taken = None if word is None else pg_lexemes.count(self.s, word)
            return None if taken is None else self.rows() - taken
        if not self.c.ranges:  # not only date ranges beside the negation
            return None
        ranged = select(func.count()).select_from(schema.pg_table).where(self.c.sql)
        both = ranged.where(schema.matches("postgresql", inner))
        return int(self.s.scalar(ranged) or 0) - int(self.s.scalar(both) or 0)

    def count_upto(self, cap: int = ESTIMATE_CAP) -> tuple[int, bool]:
        """(the count, True), or (cap + 1, False) when there are more: cheap either way
        (exact beyond cap too when a kept count gives it)."""
        if self.where is None or self._kept() is not None:
            return self.count(), True
        capped = self.restrict(select(literal(1))).limit(cap + 1).subquery()
        found = int(self.s.scalar(select(func.count()).select_from(capped)) or 0)
        return found, found <= cap

    def order(self, hidden: bool = False) -> list[ColumnElement[Any]]:
        """The sort; *hidden*: the same order as expressions no index matches, so the
        planner cannot choose to walk a sort index (see page())."""
        taken: ColumnElement[Any] = F.taken_at
        imported: ColumnElement[Any] = F.imported_at
        pid: ColumnElement[Any] = F.photo_id
        if hidden:
            zero = text("interval '0 s'")
            taken, imported, pid = taken + zero, imported + zero, pid + 0
        if self.sort in ("-taken", "taken"):
            if self.sort == "-taken":
                return [taken.desc().nulls_last(), pid.desc()]
            return [taken.asc().nulls_last(), pid.asc()]
        if self.sort == "-imported":
            return [imported.desc(), pid.desc()]
        return [imported.asc(), pid.asc()]

    def estimated_rows(self) -> int:
        """About how many photos there are, from the counts table (a Core delete may
        have left it a little high: good enough to choose a plan, never shown)."""
        n = self.s.scalar(select(C.n).where(C.kind == "n", C.key == 0))
        return int(n) if n is not None else self.rows()

    def _steer(self, total: int, limit: int | None, offset: int) -> bool:
        """Walk the sort index when our exact total says the matches are dense enough
        for one page to come early in it (the planner may guess otherwise)."""
        if self.where is None or limit is None or total == 0:
            return False
        rows = self.estimated_rows()
        return (offset + limit) * rows * 4 < total * total

    def page(self, total: int, limit: int | None, offset: int) -> tuple[int, ...]:
        if self.sort == "relevance":
            return self._ranked(total, limit, offset)
        deep = pg_deep.by_year(self, limit, offset) if limit else None
        if deep is not None:
            return deep
        steer = self._steer(total, limit, offset)
        # Sparse matches: find them by their indexes and sort them; never walk a sort
        # index. EXPLAIN (ANALYZE, BUFFERS), 200k photos, `kate taken:2022
        # sort:imported` (1,742 matches): the planner, guessing the taken range spread
        # evenly over import order, walked photo_fts_imported from the oldest import and
        # filtered 145,186 rows (146k buffers, 350 ms) before its 50th match, when
        # taken and imported dates go together; hidden: BitmapAnd of the GIN and
        # taken btree, 1,742 rows sorted, 12 ms.
        hidden = not steer and self.where is not None and limit is not None
        stmt = self.restrict(select(F.photo_id)).order_by(*self.order(hidden))
        stmt = stmt.limit(limit).offset(offset)
        if steer:
            self.s.execute(text("SET LOCAL enable_bitmapscan = off"))
            self.s.execute(text("SET LOCAL enable_sort = off"))
        try:
            return tuple(self.s.scalars(stmt).all())
        finally:
            if steer:
                self.s.execute(text("SET LOCAL enable_bitmapscan = on"))
                self.s.execute(text("SET LOCAL enable_sort = on"))

    def _ranked(self, total: int, limit: int | None, offset: int) -> tuple[int, ...]:
        """ts_rank over the newest RANK_WINDOW matches (by id: import order), best first;
        then the older matches, newest first. Ranking reads each tsvector: over 362k
        matches that was 2-4 s, over a window of 10k it is ~60 ms.

        One walk: the window is the newest RANK_WINDOW matches (a LIMIT on the primary key
        walked backwards), ranked as it is read. EXPLAIN (ANALYZE, BUFFERS), 200k photos,
        ``kate sort:relevance`` (20,158 matches): finding the window's edge walked 99,005
        rows (273 ms) and ranking inside it walked the same rows again (290 ms)."""
        assert self.c.fts is not None
        rank = schema.rank("postgresql", self.c.fts).label("r")
        window = (
            self.restrict(select(F.photo_id, rank))
            .order_by(F.photo_id.desc())
            .limit(RANK_WINDOW)
            .subquery()
        )
        want = None if limit is None else offset + limit
        ranked = select(window.c.photo_id).order_by(window.c.r, window.c.photo_id.desc())
        ids = list(self.s.scalars(ranked.limit(want)).all())[offset:]
        # An inexact total (first_page) is above ESTIMATE_CAP, itself above RANK_WINDOW.
        if total > RANK_WINDOW and (limit is None or len(ids) < limit):
            cut = self.s.scalar(select(func.min(window.c.photo_id)))
            skip = max(0, offset - RANK_WINDOW)
            more = limit - len(ids) if limit is not None else None
            rest = self.restrict(select(F.photo_id)).where(F.photo_id < cut)
            ids += self.s.scalars(rest.order_by(F.photo_id.desc()).limit(more).offset(skip)).all()
        return tuple(ids)

    def facets(self) -> Facets:
        counted = None
        if self.where is None:
            counted = self.s.execute(select(C.kind, C.key, C.n).where(C.n > 0)).all()
            total = next((n for kind, _k, n in counted if kind == "n"), 0)
            if total != self.rows():  # a Core delete went past the counters: count live
                counted = None
        if counted is not None:
            rows = counted
        else:
            m = (
                self.restrict(select(F.event_id, F.agency_id, F.photographer_id, F.year, F.people))
                .cte("m")
                .prefix_with("MATERIALIZED")
            )
            n = func.count().label("n")
            person = func.unnest(m.c.people).label("key")
            parts = [
                select(literal(kind).label("kind"), col.label("key"), n)
                .where(col.is_not(None))
                .group_by(col)
                for kind, col in (
                    ("e", m.c.event_id),
                    ("a", m.c.agency_id),
                    ("b", m.c.photographer_id),
                    ("y", m.c.year),
                )
            ]
            people = select(person).subquery()
            parts.append(
                select(literal("p").label("kind"), people.c.key, func.count().label("n")).group_by(
                    people.c.key
                )
            )
            rows = self.s.execute(union_all(*parts)).all()
        counts: dict[str, dict[int, int]] = {k: {} for k in "eabyp"}
        for kind, key, n in rows:
            if kind in counts:
                counts[kind][int(key)] = int(n)
        return facets_from_counts(
            self.s,
            {
                "events": counts["e"],
                "agencies": counts["a"],
                "photographers": counts["b"],
                "years": counts["y"],
                "people": counts["p"],
            },
        )
