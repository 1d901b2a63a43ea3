"""SQL visitor: AST → what to ask the database, as SQLAlchemy expressions.

Every leaf becomes either a full-text expression (words, phrases, text fields, has:/no:)
or a SQL condition (dates: a range over the date column and its index; id:, sha:,
handlers registered later: conditions on ``Photo``).
AND, OR and NOT over full-text parts stay inside one index query; only where SQL
conditions mix in does a full-text part become ``photo.id IN (index rows matching …)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, select, true

from archive.db.read_tables import photo
from archive.search import schema
from archive.search.fields import Context, DateRange, handle
from archive.search.fts import FREE, FAnd, FNot, FOr, Fts, Match, Tok
from archive.search.nodes import And, Everything, Field, Node, Not, Or, Phrase, Word
from archive.search.words import words_of


@dataclass(frozen=True)
class Compiled:
    """A conjunction: index rows matching ``fts`` AND photos satisfying ``sql``.

    Both None means every photo.
    """

    fts: Fts | None = None
    sql: ColumnElement[bool] | None = None
    # When not None, ``sql`` is exactly the AND of these date ranges (none: no sql), so
    # the runner may also state them as date tokens of the index (service.py).
    ranges: tuple[DateRange, ...] | None = ()


def _phrase_toks(text: str) -> tuple[Tok, ...]:
    # Inside quotes a word may still end with '*' ("kate wins*"): a prefix, as outside.
    toks: list[Tok] = []
    for piece in text.split():
        words = words_of(piece.rstrip("*"))
        toks += [Tok(w) for w in words]
        if words and piece.endswith("*"):
            toks[-1] = Tok(words[-1], prefix=True)
    return tuple(toks)


class Visitor:
    """*expand*: rewrites each leaf's full-text expression (SQLite: prefixes → exact
    words, vocab.py) before it is combined, so it applies inside SQL conditions too."""

    def __init__(
        self, ctx: Context, dialect: str, expand: Callable[[Fts], Fts] | None = None
    ) -> None:
        self.ctx = ctx
        self.dialect = dialect
        self.expand = expand or (lambda fts: fts)
        self.ranges: set[str] = set()  # the date kinds the query ranges over

    def visit(self, node: Node) -> Compiled:
        if isinstance(node, Word):
            toks = [Tok(w) for w in words_of(node.text)]
            if node.prefix:
                toks[-1] = Tok(toks[-1].text, prefix=True)
            return Compiled(self.expand(Match(FREE, tuple(toks))))
        if isinstance(node, Phrase):
            return Compiled(self.expand(Match(FREE, _phrase_toks(node.text))))
        if isinstance(node, Field):
            pred = handle(node, self.ctx)
            if isinstance(pred, DateRange):
                return Compiled(sql=self.date_sql(pred), ranges=(pred,))
            if isinstance(pred, Match | FAnd | FOr | FNot):
                return Compiled(fts=self.expand(pred))
            return Compiled(sql=pred, ranges=None)
        if isinstance(node, And):
            return self._and([self.visit(p) for p in node.parts])
        if isinstance(node, Or):
            parts = [self.visit(p) for p in node.parts]
            if all(p.sql is None and p.fts is not None for p in parts):
                return Compiled(FOr(tuple(p.fts for p in parts if p.fts is not None)))
            return Compiled(sql=or_(*(self.to_sql(p) for p in parts)), ranges=None)
        if isinstance(node, Not):
            inner = self.visit(node.part)
            if inner.sql is None and inner.fts is not None:
                if isinstance(inner.fts, FNot):  # --x is x
                    return Compiled(inner.fts.part)
                return Compiled(FNot(inner.fts))
            return Compiled(sql=not_(self.to_sql(inner)), ranges=None)
        assert isinstance(node, Everything)
        return Compiled()

    def _and(self, parts: list[Compiled]) -> Compiled:
        fts: list[Fts] = []
        sql: list[ColumnElement[bool]] = []
        ranges: list[DateRange] | None = []
        for p in parts:
            if p.fts is not None:
                fts.extend(p.fts.parts if isinstance(p.fts, FAnd) else [p.fts])
            if p.sql is not None:
                sql.append(p.sql)
            ranges = None if ranges is None or p.ranges is None else ranges + list(p.ranges)
        return Compiled(
            (fts[0] if len(fts) == 1 else FAnd(tuple(fts))) if fts else None,
            (sql[0] if len(sql) == 1 else and_(*sql)) if sql else None,
            None if ranges is None else tuple(ranges),
        )

    def date_column(self, kind: str) -> ColumnElement[Any]:
        col = photo.c.taken_at if kind == "taken" else photo.c.imported_at
        return col.expression

    def date_sql(self, r: DateRange) -> ColumnElement[bool]:
        """A range over the date column: its index finds (and orders) the photos. IS NOT
        NULL keeps NOT right: ``-taken:2023`` finds the undated photos too."""
        self.ranges.add(r.kind)
        col = self.date_column(r.kind)
        conds: list[ColumnElement[bool]] = [col.is_not(None)]
        if r.start is not None:
            conds.append(col >= datetime.combine(r.start, time()))
        if r.end is not None:
            conds.append(col < datetime.combine(r.end, time()))
        return and_(*conds)

    def fts_ids(self, fts: Fts) -> ColumnElement[bool]:
        return schema.matches(self.dialect, fts)

    def to_sql(self, c: Compiled, walk_index: bool = False) -> ColumnElement[bool]:
        """The conjunction as one condition on Photo.

        *walk_index*: on SQLite, ``photo.id + 0 IN (…)`` stops the planner from driving
        the query from the (large) match list, so it walks the sort index instead and
        stops after one page.
        """
        conds: list[ColumnElement[bool]] = []
        if c.sql is not None:
            conds.append(c.sql)
        if c.fts is not None:
            # A pure negation beside a date range stays outside the index query, so the
            # range drives. Measured at 1M: "NOT event:bafta taken:2020" made FTS5 list
            # 870k ids to look up (2.7 s; 0.25-0.36 s now).
            ranged = bool(self.ranges) and c.sql is not None
            fts, negate = c.fts, False
            if ranged and isinstance(fts, FNot):
                fts, negate = fts.part, True
            rows = select(schema.id_column(self.dialect)).where(self.fts_ids(fts))
            key = photo.c.id + 0 if walk_index and self.dialect == "sqlite" else photo.c.id
            conds.append(not_(key.in_(rows)) if negate else key.in_(rows))
        if not conds:
            return true()
        return conds[0] if len(conds) == 1 else and_(*conds)
