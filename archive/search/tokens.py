"""Tokenizer: query text → tokens with 0-based positions (for carets in error messages).

Keywords are upper case only (``AND``, ``OR``, ``NOT``) so the words "and", "or" and
"not" can still be searched for; ``-`` negates only when attached (``-kate``), so a dash
between words ("Winslet - BAFTA") is punctuation, as in a caption.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from archive.search.errors import QueryError


class Kind(Enum):
    LPAREN = "("
    RPAREN = ")"
    AND = "AND"
    OR = "OR"
    NOT = "NOT"
    MINUS = "-"
    WORD = "word"
    PHRASE = "phrase"
    FIELD = "field"
    END = "end of query"


@dataclass(frozen=True)
class Token:
    kind: Kind
    pos: int
    text: str = ""  # word or phrase text; for FIELD the value
    name: str = ""  # FIELD: canonical field name
    quoted: bool = False  # FIELD: the value was quoted
    value_pos: int = 0  # FIELD: where the value starts


# Digits after the first letter (c2pa:) and hyphens inside a name (source-type:) are
# allowed (issue 19), never a hyphen at either end.
_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):")
_KEYWORDS = {"AND": Kind.AND, "OR": Kind.OR, "NOT": Kind.NOT}
_STOP = set('()"')


def _closing_quote(query: str, start: int) -> int:
    end = query.find('"', start + 1)
    if end < 0:
        raise QueryError('unterminated quote: add the closing "', start)
    return end


def tokenize(query: str, field_name: Callable[[str], str | None]) -> list[Token]:
    """*field_name* maps a typed field name to its canonical name, or None if unknown."""
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == "(":
            out.append(Token(Kind.LPAREN, i))
            i += 1
        elif c == ")":
            out.append(Token(Kind.RPAREN, i))
            i += 1
        elif c == '"':
            end = _closing_quote(query, i)
            out.append(Token(Kind.PHRASE, i, query[i + 1 : end]))
            i = end + 1
        elif c == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != ")":
            out.append(Token(Kind.MINUS, i))
            i += 1
        elif m := _FIELD.match(query, i):
            i = _field(query, m, field_name, out)
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in _STOP:
                j += 1
            word = query[i:j]
            kind = _KEYWORDS.get(word)
            out.append(Token(kind, i) if kind else Token(Kind.WORD, i, word))
            i = j
    out.append(Token(Kind.END, n))
    return out


def _field(
    query: str, m: re.Match[str], field_name: Callable[[str], str | None], out: list[Token]
) -> int:
    start, vpos = m.start(), m.end()
    typed = m.group(1).lower()
    name = field_name(typed)
    if name is None:
        raise QueryError(
            f"unknown field '{typed}:' (put the words in quotes to search for them as text)",
            start,
        )
    n = len(query)
    if vpos < n and query[vpos] == '"':
        end = _closing_quote(query, vpos)
        out.append(Token(Kind.FIELD, start, query[vpos + 1 : end], name, True, vpos + 1))
        return end + 1
    j = vpos
    while j < n and not query[j].isspace() and query[j] not in _STOP:
        j += 1
    if j == vpos:
        raise QueryError(f"'{typed}:' needs a value, e.g. {typed}:something", start)
    out.append(Token(Kind.FIELD, start, query[vpos:j], name, False, vpos))
    return j
