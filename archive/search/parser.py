"""Parser: tokens → AST, by recursive descent.

    query   := or_expr END
    or_expr := and_expr (OR and_expr)*
    and_expr:= unary ((AND)? unary)*        adjacent terms mean AND
    unary   := (NOT | '-') unary | primary
    primary := '(' or_expr ')' | WORD | PHRASE | FIELD

Words with nothing searchable in them (``;``, ``--``, a lone ``*``) are dropped rather
than refused, as a search engine does with punctuation; what remains decides.
"""

from __future__ import annotations

from collections.abc import Callable

from archive.search.errors import QueryError
from archive.search.nodes import (
    SORTS,
    And,
    Everything,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Word,
)
from archive.search.tokens import Kind, Token, tokenize
from archive.search.words import words_of


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.sort: str | None = None
        self.depth = 0  # >0 inside parentheses, NOT or OR: where sort: is refused

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if self.tok.kind in (Kind.AND, Kind.OR):
            raise QueryError(f"'{self.tok.kind.value}' needs something before it", self.tok.pos)
        node = self.or_expr()
        if self.tok.kind == Kind.RPAREN:
            raise QueryError("unexpected ')': no '(' to close", self.tok.pos)
        return node

    def or_expr(self) -> Node | None:
        start = self.i
        parts = [self.and_expr()]
        if self.i == start and self.tok.kind == Kind.OR:
            raise QueryError("'OR' needs something before it", self.tok.pos)
        while self.tok.kind == Kind.OR:
            op = self.take()
            if self.tok.kind in (Kind.END, Kind.RPAREN, Kind.OR, Kind.AND):
                raise QueryError("'OR' needs something after it", op.pos)
            self.depth += 1
            parts.append(self.and_expr())
            self.depth -= 1
        # A side with nothing searchable ("x OR ;") drops out; the other stands alone.
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        while self.tok.kind not in (Kind.END, Kind.RPAREN, Kind.OR):
            if self.tok.kind == Kind.AND:
                op = self.take()
                if not parts:
                    raise QueryError("'AND' needs something before it", op.pos)
                if self.tok.kind in (Kind.END, Kind.RPAREN, Kind.OR, Kind.AND):
                    raise QueryError("'AND' needs something after it", op.pos)
                continue
            parts.append(self.unary())
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else And(tuple(kept))

    def unary(self) -> Node | None:
        if self.tok.kind in (Kind.NOT, Kind.MINUS):
            op = self.take()
            if self.tok.kind in (Kind.END, Kind.RPAREN, Kind.OR, Kind.AND):
                if op.kind == Kind.MINUS:
                    return None  # "x -)" — a stray dash is punctuation
                raise QueryError("'NOT' needs something after it", op.pos)
            self.depth += 1
            inner = self.unary()
            self.depth -= 1
            return None if inner is None else Not(inner, op.pos)
        return self.primary()

    def primary(self) -> Node | None:
        tok = self.take()
        if tok.kind == Kind.LPAREN:
            if self.tok.kind == Kind.RPAREN:
                raise QueryError("empty parentheses", tok.pos)
            self.depth += 1
            node = self.or_expr()
            self.depth -= 1
            if self.tok.kind != Kind.RPAREN:
                raise QueryError("missing ')' to close this '('", tok.pos)
            self.take()
            return node
        if tok.kind == Kind.WORD:
            prefix = tok.text.endswith("*")
            if not words_of(tok.text.rstrip("*")):
                return None
            return Word(tok.text.rstrip("*"), prefix, tok.pos)
        if tok.kind == Kind.PHRASE:
            return Phrase(tok.text, tok.pos) if words_of(tok.text.replace("*", " ")) else None
        if tok.kind == Kind.FIELD:
            if tok.name == "sort":
                self.set_sort(tok)
                return None
            return Field(tok.name, tok.text, tok.quoted, tok.pos, tok.value_pos)
        raise QueryError(f"unexpected '{tok.kind.value}'", tok.pos)  # pragma: no cover

    def set_sort(self, tok: Token) -> None:
        if self.depth:
            raise QueryError("sort: applies to the whole query, not inside ( ), OR or NOT", tok.pos)
        if self.sort is not None:
            raise QueryError("sort: given twice", tok.pos)
        value = tok.text.lower()
        if value not in SORTS:
            raise QueryError(f"sort: is one of {', '.join(SORTS)}", tok.value_pos)
        self.sort = value


def parse(query: str, field_name: Callable[[str], str | None]) -> Query:
    """Parse *query*; raise QueryError (with the query attached) if it is malformed."""
    try:
        parser = _Parser(tokenize(query, field_name))
        root = parser.parse()
    except QueryError as exc:
        raise exc.with_query(query) from None
    return Query(root if root is not None else Everything(), parser.sort or "-taken", query)
