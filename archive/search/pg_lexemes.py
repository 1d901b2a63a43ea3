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
from archive.search.fts import FREE, Fts, Match, lexeme

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
    for stmt in schema.PG_TRIGGERS:
        conn.execute(text(stmt))


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
    # Lexemes are [a-z0-9.] only, all below "~": [p, p~) is every word starting with p.
    rows = session.execute(
        text(f"SELECT n FROM {TABLE} WHERE word >= :p AND word < :end AND n > 0 LIMIT 2"),
        {"p": text_, "end": text_ + "~"},
    ).all()
    if len(rows) > 1:
        return None
    return int(rows[0][0]) if rows else 0
