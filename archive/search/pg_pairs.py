"""Two-word names as one word (PostgreSQL): ``person:"kate winslet"`` without rechecks.

A phrase in a tsquery (``'.p.kate' <-> '.p.winslet'``) makes GIN return every photo
holding both words for a recheck of their positions: EXPLAIN (ANALYZE, BUFFERS), 1M
photos, the 81,126 photos of Kate Winslet counted in 271 ms, every one's heap page
visited. The columns in ``fts.PAIRED`` (people, photographer: what a desk searches by
full name) also index each two adjacent words as one lexeme without positions
(``.P.kate.winslet``, document.py), so a two-word field value is one word: its total
is a kept count (pg_lexemes.py) and its pages need no positions. Each word of a field
value is the start of a word (fields.py): the first word becomes the few indexed words
it stands for (an OR of pairs, at most ``MAX_FIRST``), the second stays a prefix of the
pair (``.P.kate.wins*``). Other phrases keep the phrase operator.
"""

from __future__ import annotations

from sqlalchemy import Connection

from archive.search import pg_lexemes
from archive.search.fts import PAIRED, FOr, Fts, Match, Tok, lexeme, map_matches

MAX_FIRST = 8  # indexed words a first word's prefix may stand for, at most


def paired(session: Connection, expr: Fts) -> Fts:
    """*expr* with each two-word value of a paired field as the OR of its pairs."""
    return map_matches(expr, lambda m: _pairs(session, m))


def _pairs(session: Connection, m: Match) -> Fts:
    if len(m.columns) != 1 or m.columns[0] not in PAIRED or len(m.toks) != 2:
        return m
    column = m.columns[0]
    first, second = m.toks
    firsts = [first.text]
    if first.prefix:
        start = lexeme(column, first.text)
        found = pg_lexemes.starting(session, start, MAX_FIRST + 1)
        if not found or len(found) > MAX_FIRST:
            return m  # none (the phrase finds that out cheaply), or too many to spell out
        cut = len(start) - len(first.text)
        firsts = [word[cut:] for word in found]
    pair = PAIRED[column]
    matches = tuple(Match((pair,), (Tok(f"{w}.{second.text}", second.prefix),)) for w in firsts)
    return matches[0] if len(matches) == 1 else FOr(matches)
