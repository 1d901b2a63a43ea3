"""PostgreSQL: how many indexed photos hold each lexeme, so a one-word total is one read.

Why (EXPLAIN (ANALYZE, BUFFERS), bench catalogue, 200,000 photos, PostgreSQL 15):
``SELECT count(*) FROM photo_fts WHERE tsv @@ 'london'`` (32,957 matches) is a bitmap
index scan (3.5 ms, 13 buffers) and then a bitmap heap scan of 24,785 heap blocks (111
ms): every page holding a match is read to check visibility. The "skip fetch" shortcut
for all-visible pages is gone from PostgreSQL's bitmap scans, and the heap is wide (the
tsvector averages 1,760 bytes, under the 2 kB that would move it to TOAST, so five rows
a page), so the total of a popular word read most of the table: 0.5-1 s at 1M photos.

``photo_fts_lexemes`` (word → rows holding it) is kept by statement triggers on
``photo_fts`` with transition tables, so every path that writes or deletes index rows
(the writer's chunks, an ON DELETE CASCADE from a Core ``DELETE FROM photo``) adjusts
it in the same transaction; counters are upserted in word order, so concurrent writers
lock them in the same order. A query that is one plain word (``london``, ``getty``,
``kate sort:relevance``) takes its exact total from there: after, 0.1 ms. So does a
prefix that stands for one lexeme only (``winsl*``, and most field words, which match
word starts: ``event:bafta`` is ``.e.bafta`` and nothing else): the table is in byte
order, so the words a prefix stands for are an index range. Prefixes standing for
several words, phrases and combinations still count the matches (exactly).
A rebuild fills the table once from the finished index (``fill``) and only then creates
the triggers, so the bulk load does not pay per chunk.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from archive.search import schema
from archive.search.fts import FREE, Fts, Match, Tok, lexeme, map_matches

TABLE = schema.LEXEMES


def fill(conn: Connection) -> None:
    """Every word's count from the index as it stands, then the triggers that keep it."""
    conn.execute(text(f"DELETE FROM {TABLE}"))
    conn.execute(
        text(
            f"INSERT INTO {TABLE} (word, n) SELECT u.lexeme, count(*) "
            f"FROM {schema.TABLE} f, unnest(f.tsv) AS u GROUP BY u.lexeme"
        )
    )
    fill_years(conn)
    for stmt in schema.PG_TRIGGERS:
        conn.execute(text(stmt))


def starting(session: Connection, start: str, cap: int) -> list[str]:
    """The kept words (held by some index row) that start with *start*, in byte order,
    at most *cap*. Lexemes are [a-zA-Z0-9.] only, all below "~": [p, p~) is every word
    starting with p, an index range of the byte-ordered table."""
    rows = session.execute(
        text(
            f"SELECT word FROM {TABLE} WHERE word >= :p AND word < :end AND n > 0 "
            "ORDER BY word LIMIT :cap"
        ),
        {"p": start, "end": start + "~", "cap": cap},
    ).all()
    return [str(r[0]) for r in rows]


def fill_years(conn: Connection) -> None:
    """Every word's count per year taken (0: undated), from the index as it stands."""
    conn.execute(text(f"DELETE FROM {schema.LEXEME_YEARS}"))
    conn.execute(
        text(
            f"INSERT INTO {schema.LEXEME_YEARS} (word, year, n) "
            f"SELECT u.lexeme, coalesce(f.year, 0), count(*) "
            f"FROM {schema.TABLE} f, unnest(f.tsv) AS u GROUP BY 1, 2"
        )
    )


def years(session: Connection, word: tuple[str, bool]) -> list[tuple[int, int]] | None:
    """(year taken, index rows holding the word) for every year it was taken in, oldest
    first (undated rows left out); None when the word is a prefix standing for several
    lexemes, or for none."""
    text_, prefix = word
    if prefix:
        found = starting(session, text_, 2)
        if len(found) != 1:
            return None
        text_ = found[0]
    rows = session.execute(
        text(
            f"SELECT year, n FROM {schema.LEXEME_YEARS} WHERE word = :w AND year > 0 AND n > 0 "
            "ORDER BY year"
        ),
        {"w": text_},
    ).all()
    return [(int(y), int(n)) for y, n in rows]


def exact_prefixes(session: Connection, expr: Fts) -> Fts:
    """*expr* with each prefix that stands for one indexed word only replaced by that
    word (``winsl*`` → winslet; every field search is a prefix: ``event:bafta`` →
    ``.e.bafta``). The same rows: the kept counts are written in the index rows'
    transaction, so a word with no rows left has n = 0 and stands for nothing. Why:
    GIN gathers a prefix's matches into a bitmap before it yields one, an exact word is
    read from its posting tree as it goes. EXPLAIN (ANALYZE, BUFFERS), 1M photos, the
    126,463 photos of ``event:bafta``: a bitmap index scan of 85 ms as a prefix, 28 ms
    as the word."""

    def exact(m: Match) -> Match:
        if len(m.columns) != 1 and m.columns != FREE:
            return m
        column = None if m.columns == FREE else m.columns[0]
        return Match(m.columns, tuple(_exact(session, t, column) for t in m.toks))

    return map_matches(expr, exact)


def _exact(session: Connection, tok: Tok, column: str | None) -> Tok:
    if not tok.prefix:
        return tok
    start = tok.text if column is None else lexeme(column, tok.text)
    found = starting(session, start, 2)
    if len(found) != 1:
        return tok  # several words, or none (the prefix finds that out cheaply)
    word = found[0]
    return Tok(word if column is None else word[len(start) - len(tok.text) :])


def single_word(expr: Fts | None) -> tuple[str, bool] | None:
    """(lexeme, is a prefix) when *expr* is one word, whole or a prefix, in one column
    or every free column (no phrase, no boolean); else None."""
    if not isinstance(expr, Match) or len(expr.toks) != 1:
        return None
    tok = expr.toks[0]
    if expr.columns == FREE:
        return tok.text, tok.prefix
    return (lexeme(expr.columns[0], tok.text), tok.prefix) if len(expr.columns) == 1 else None


def kept(session: Connection, word: str) -> int | None:
    """How many index rows hold *word* (a whole lexeme), or None when it is not kept."""
    n = session.scalar(text(f"SELECT n FROM {TABLE} WHERE word = :w"), {"w": word})
    return None if n is None else int(n)


def count(session: Connection, word: tuple[str, bool]) -> int | None:
    """The exact number of index rows holding the word; for a prefix, only when it
    stands for one lexeme (``winsl*`` → winslet, ``event:bafta`` → .e.bafta) or none —
    None when it stands for several (a photo may hold more than one of them)."""
    text_, prefix = word
    if not prefix:
        return kept(session, text_) or 0
    found = starting(session, text_, 2)
    if len(found) > 1:
        return None
    if not found:
        return 0
    return kept(session, found[0]) or 0
