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
``kate sort:relevance``, a field word given whole) takes its exact total from there:
after, 0.1 ms. Prefixes, phrases and combinations still count the matches (exactly).
A rebuild fills the table once from the finished index (``fill``) and only then creates
the triggers, so the bulk load does not pay per chunk.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

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


def single_word(expr: Fts | None) -> str | None:
    """The one lexeme *expr* is, when it is one plain word (no prefix, no phrase, one
    column or every free column); else None."""
    if not isinstance(expr, Match) or len(expr.toks) != 1 or expr.toks[0].prefix:
        return None
    word = expr.toks[0].text
    if expr.columns == FREE:
        return word
    return lexeme(expr.columns[0], word) if len(expr.columns) == 1 else None


def count(session: Session, word: str) -> int:
    n = session.scalar(text(f"SELECT n FROM {TABLE} WHERE word = :w"), {"w": word})
    return int(n or 0)
