"""The index's vocabulary (SQLite): which words each column holds, and prefix expansion.

An FTS5 prefix term (``"kate" *``) without a prefix index gathers every matching term's
whole doclist into memory before the first row comes out, so it cannot stop early and
costs as much for a page as for a count (measured at 1M photos: an AND of four field
prefixes 27 ms against 12.7 ms with exact words). Fields match the start of words, so
that was every ``person:``/``event:``/… search. Here a prefix becomes the OR of the
exact words of its columns that start with it, when they are few (``MAX_EXPANSION``),
which FTS5 walks lazily; otherwise, or when none is known, the prefix query stays.

The words come from ``photo_fts_words`` (column code, word), written with every
document (index.py). It only grows until the next rebuild: a word that left the index
expands into a term matching nothing, so results are the same either way.
(FTS5's own fts5vocab table reads each term's whole doclist to count it: 5-50 ms.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import product

from sqlalchemy import Connection, select, text

from archive.search import schema
from archive.search.fields import FLAGS
from archive.search.fts import (
    ANY,
    CODES,
    COLUMNS,
    FREE,
    FAnd,
    FNot,
    FOr,
    Fts,
    Match,
    Tok,
    map_matches,
)

# Prefixes are only ever searched in these (dates and flags take exact tokens).
VOCAB_COLUMNS = tuple(c for c in COLUMNS if c not in ("dates", "flags"))
MAX_EXPANSION = 8  # exact phrases an expanded Match may become, at most
_INSERT = text(f"INSERT OR IGNORE INTO {schema.WORDS} (col, word) VALUES (:col, :word)")
_AFTER_WORDS = "\x7f"  # sorts after every word character ([a-z0-9])

Lookup = Callable[[tuple[str, ...], str], list[str]]


def word_pairs(docs: Iterable[dict[str, str]]) -> set[tuple[str, str]]:
    """(column code, word) for every word of *docs* in a column prefixes search."""
    out: set[tuple[str, str]] = set()
    for doc in docs:
        for col in VOCAB_COLUMNS:
            code = CODES[col]
            out.update((code, w) for w in doc[col].split())
    return out


def write_words(
    conn: Connection, docs: Iterable[dict[str, str]], seen: set[tuple[str, str]] | None = None
) -> None:
    """Record the words of *docs* (in the caller's transaction). *seen*: pairs already
    written by this caller (a rebuild), skipped and then added to."""
    pairs = word_pairs(docs)
    if seen is not None:
        pairs -= seen
        seen |= pairs
    if pairs:
        conn.execute(_INSERT, [{"col": c, "word": w} for c, w in sorted(pairs)])


def lookup_in(conn: Connection) -> Lookup:
    """Words of any of *columns* starting with *prefix*: at most MAX_EXPANSION + 1."""
    words = schema.words_table.c

    def lookup(columns: tuple[str, ...], prefix: str) -> list[str]:
        stmt = (
            select(words.word)
            .where(
                words.col.in_([CODES[c] for c in columns]),
                words.word >= prefix,
                words.word < prefix + _AFTER_WORDS,
            )
            .distinct()
            .order_by(words.word)
            .limit(MAX_EXPANSION + 1)
        )
        return list(conn.scalars(stmt))

    return lookup


def expand(expr: Fts, lookup: Lookup) -> Fts:
    """*expr* with each prefix Match replaced by the OR of its exact phrases, when few."""
    return map_matches(expr, lambda m: _expand_match(m, lookup))


def _expand_match(m: Match, lookup: Lookup) -> Fts:
    if not any(t.prefix for t in m.toks):
        return m
    choices: list[list[str]] = []
    combos = 1
    for tok in m.toks:
        if not tok.prefix:
            choices.append([tok.text])
            continue
        words = lookup(m.columns, tok.text)
        combos *= len(words)
        if not words or combos > MAX_EXPANSION:
            # None known: nothing matches, and the prefix query finds that out cheaply.
            return m
        choices.append(words)
    phrases = tuple(Match(m.columns, tuple(Tok(w) for w in words)) for words in product(*choices))
    return phrases[0] if len(phrases) == 1 else FOr(phrases)


# --- free words without a column filter -------------------------------------------------

# What the columns free words leave out can hold besides camera words (document.py): date
# tokens (t2023, i20231201) and the flag words.
_DATE_TOKEN = re.compile(r"[ti]\d{4}(\d{2}){0,2}$")
_FLAG_WORDS = frozenset((ANY, *FLAGS))


def unfilter(expr: Fts, in_camera: Callable[[str], bool]) -> Fts:
    """*expr* with each free-word Match searching every column when one of its words
    can only be in the free ones (not a date token or flag word, and no camera ever
    had it): the same rows, and FTS5 no longer reads each row's positions to test the
    column (1M photos: ``london`` counted in 12 ms instead of 20)."""
    if isinstance(expr, Match):
        if expr.columns != FREE or any(t.prefix for t in expr.toks):
            return expr
        for tok in expr.toks:
            word = tok.text
            if not _DATE_TOKEN.match(word) and word not in _FLAG_WORDS and not in_camera(word):
                return Match(COLUMNS, expr.toks)
        return expr
    if isinstance(expr, FNot):
        return FNot(unfilter(expr.part, in_camera))
    parts = tuple(unfilter(p, in_camera) for p in expr.parts)
    return FAnd(parts) if isinstance(expr, FAnd) else FOr(parts)


def camera_words_in(conn: Connection) -> Callable[[str], bool]:
    """Whether *word* was ever indexed in the camera column (the vocabulary only grows,
    so False is certain)."""
    words = schema.words_table.c
    code = CODES["camera"]

    def in_camera(word: str) -> bool:
        stmt = select(words.word).where(words.col == code, words.word == word)
        return conn.scalar(stmt) is not None

    return in_camera
