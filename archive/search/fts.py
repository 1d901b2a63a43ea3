"""Full-text expressions: a small engine-neutral IR rendered to FTS5 MATCH or a tsquery.

The document of a photo has named columns (``COLUMNS``). SQLite stores them as FTS5
columns; PostgreSQL has one tsvector where a word of a field column is also stored as
the lexeme ``.<code>.<word>`` (e.g. ``.p.kate``), so ``person:kate`` is ``'.p.kate':*``.
The leading dot keeps those lexemes out of free prefix searches (``p*``): user words
are letters and digits only, so they can never start with one.

Rendered strings are built only from words matched by ``[a-z0-9]+`` and fixed syntax,
and passed as bound parameters: user text never becomes FTS or SQL syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Free words search every column but camera, dates and flags (those need a field).
FREE = (
    "body",
    "people",
    "event",
    "photographer",
    "agency",
    "credit",
    "keyword",
    "city",
    "country",
)
COLUMNS = (*FREE, "camera", "dates", "flags")
CODES = {
    "body": "t",
    "people": "p",
    "event": "e",
    "photographer": "b",
    "agency": "a",
    "credit": "c",
    "keyword": "k",
    "city": "l",
    "country": "n",
    "camera": "m",
    "dates": "d",
    "flags": "f",
}
ANY = "any"  # in every document's flags column: the universe for pure negations
# PostgreSQL: the columns whose adjacent words are also indexed as one lexeme each,
# ``.P.kate.winslet`` under the pseudo-column ``people+`` (pg_pairs.py): a two-word name
# is then one word, counted and found without rechecking positions. Not FTS5 columns.
PAIRED = {"people": "people+", "photographer": "photographer+"}
CODES.update({pair: CODES[col].upper() for col, pair in PAIRED.items()})


@dataclass(frozen=True)
class Tok:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Match:
    """The words, one after another (a phrase when more than one), in any of *columns*."""

    columns: tuple[str, ...]
    toks: tuple[Tok, ...]


@dataclass(frozen=True)
class FAnd:
    parts: tuple[Fts, ...]


@dataclass(frozen=True)
class FOr:
    parts: tuple[Fts, ...]


@dataclass(frozen=True)
class FNot:
    part: Fts


Fts = Match | FAnd | FOr | FNot

UNIVERSE = Match(("flags",), (Tok(ANY),))


def any_of(column: str, words: list[str]) -> Fts:
    """One of several exact words in *column* (date and flag tokens)."""
    matches = tuple(Match((column,), (Tok(w),)) for w in words)
    return matches[0] if len(matches) == 1 else FOr(matches)


def map_matches(expr: Fts, fn: Callable[[Match], Fts]) -> Fts:
    """*expr* with each Match replaced by ``fn(match)``, the booleans kept as they are."""
    if isinstance(expr, Match):
        return fn(expr)
    if isinstance(expr, FNot):
        return FNot(map_matches(expr.part, fn))
    parts = tuple(map_matches(p, fn) for p in expr.parts)
    return FAnd(parts) if isinstance(expr, FAnd) else FOr(parts)


def has_prefix(expr: Fts) -> bool:
    if isinstance(expr, Match):
        return any(t.prefix for t in expr.toks)
    if isinstance(expr, FNot):
        return has_prefix(expr.part)
    return any(has_prefix(p) for p in expr.parts)


def term_count(expr: Fts) -> int:
    """How many terms the engine must look up (what probing one row costs, roughly)."""
    if isinstance(expr, Match):
        return len(expr.toks)
    if isinstance(expr, FNot):
        return term_count(expr.part)
    return sum(term_count(p) for p in expr.parts)


# --- SQLite FTS5 ---------------------------------------------------------------------


def to_fts5(expr: Fts) -> str:
    if isinstance(expr, Match):
        cols = expr.columns
        phrase = " + ".join(f'"{t.text}"' + (" *" if t.prefix else "") for t in expr.toks)
        if cols == COLUMNS:  # no filter: FTS5 need not test each row's columns
            return phrase
        spec = "{" + " ".join(cols) + "}" if cols != FREE else "- {camera dates flags}"
        return f"{spec} : {phrase}"
    if isinstance(expr, FNot):
        return f"({to_fts5(UNIVERSE)}) NOT ({to_fts5(expr.part)})"
    if isinstance(expr, FOr):
        return " OR ".join(f"({to_fts5(p)})" for p in expr.parts)
    pos = [p for p in expr.parts if not isinstance(p, FNot)]
    neg = [p.part for p in expr.parts if isinstance(p, FNot)]
    text = " AND ".join(f"({to_fts5(p)})" for p in pos) if pos else to_fts5(UNIVERSE)
    if neg:
        # FTS5's NOT is binary (a NOT b): the positive part comes first, always present.
        text = f"({text}) NOT ({' OR '.join(f'({to_fts5(p)})' for p in neg)})"
    return text


# --- PostgreSQL tsquery ----------------------------------------------------------------


def lexeme(column: str, word: str) -> str:
    return f".{CODES[column]}.{word}"


def to_tsquery(expr: Fts) -> str:
    if isinstance(expr, Match):
        if expr.columns == FREE:
            return _ts_phrase(expr.toks, None)
        return " | ".join(_ts_phrase(expr.toks, c) for c in expr.columns)
    if isinstance(expr, FNot):
        return f"( {to_tsquery(UNIVERSE)} & !( {to_tsquery(expr.part)} ) )"
    if isinstance(expr, FOr):
        return " | ".join(f"( {to_tsquery(p)} )" for p in expr.parts)
    pos = [p for p in expr.parts if not isinstance(p, FNot)]
    neg = [p.part for p in expr.parts if isinstance(p, FNot)]
    terms = [f"( {to_tsquery(p)} )" for p in pos] or [to_tsquery(UNIVERSE)]
    terms += [f"!( {to_tsquery(p)} )" for p in neg]
    return " & ".join(terms)


def _ts_phrase(toks: tuple[Tok, ...], column: str | None) -> str:
    lex = [t.text if column is None else lexeme(column, t.text) for t in toks]
    parts = [f"'{w}'" + (":*" if t.prefix else "") for w, t in zip(lex, toks, strict=True)]
    return "( " + " <-> ".join(parts) + " )" if len(parts) > 1 else parts[0]
