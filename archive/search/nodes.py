"""The query AST: frozen dataclasses produced by the parser and read by the SQL visitor."""

from __future__ import annotations

from dataclasses import dataclass

from archive.search.errors import QueryError


@dataclass(frozen=True)
class Word:
    """A free word; ``prefix`` when it ended with '*' (``winsl*``)."""

    text: str
    prefix: bool
    pos: int


@dataclass(frozen=True)
class Phrase:
    """A "quoted phrase": its words must follow each other."""

    text: str
    pos: int


@dataclass(frozen=True)
class Field:
    """``name:value``; ``name`` is canonical (``by`` → ``photographer``, ``date`` → ``taken``)."""

    name: str
    value: str
    quoted: bool
    pos: int  # where the field name starts
    value_pos: int  # where its value starts (after the quote, if quoted)

    def error(self, message: str) -> QueryError:
        return QueryError(message, self.value_pos)


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node
    pos: int


@dataclass(frozen=True)
class Everything:
    """The empty query (or one with nothing searchable in it): every photo."""


Node = Word | Phrase | Field | And | Or | Not | Everything

SORTS = ("-taken", "taken", "-imported", "imported", "relevance")


@dataclass(frozen=True)
class Query:
    root: Node
    sort: str = "-taken"  # newest first, undated last: the order of `list`
    text: str = ""
