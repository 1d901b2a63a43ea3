"""Writing the PostgreSQL index rows (layout 3) and the catalogue's facet counts.

Each row is made from the photo row by one INSERT … SELECT per chunk (the documents'
tsvectors passed as one array), so the sort keys and facet values it copies are read
in the same statement and transaction as the photo. ``photo_fts_counts`` is adjusted
by the difference each write makes (rows going out subtract, rows coming in add) in the
caller's transaction: the whole catalogue's facets are then a read of ~30k small rows
instead of a GROUP BY over a million (1.5-3.5 s measured). Counters are upserted in key
order, so two writers lock them in the same order and cannot deadlock on each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from archive.search import schema

_INSERT = text(
    f"INSERT INTO {schema.TABLE} (photo_id, imported_at, taken_at, event_id, agency_id, "
    "photographer_id, year, people, tsv) "
    "SELECT p.id, p.imported_at, p.taken_at, p.event_id, p.agency_id, p.photographer_id, "
    "CAST(extract(year FROM p.taken_at) AS INTEGER), "
    "ARRAY(SELECT l.person_id FROM photo_person l WHERE l.photo_id = p.id "
    "ORDER BY l.position, l.person_id), CAST(d.tsv AS tsvector) "
    "FROM unnest(CAST(:ids AS INTEGER[]), CAST(:tsvs AS TEXT[])) AS d(id, tsv) "
    "JOIN photo p ON p.id = d.id"
)

_FACET_ROWS = (
    "SELECT 'e' AS kind, event_id AS key, count(*) AS n FROM rows "
    "WHERE event_id IS NOT NULL GROUP BY event_id "
    "UNION ALL SELECT 'a', agency_id, count(*) FROM rows "
    "WHERE agency_id IS NOT NULL GROUP BY agency_id "
    "UNION ALL SELECT 'b', photographer_id, count(*) FROM rows "
    "WHERE photographer_id IS NOT NULL GROUP BY photographer_id "
    "UNION ALL SELECT 'y', year, count(*) FROM rows WHERE year IS NOT NULL GROUP BY year "
    "UNION ALL SELECT 'p', person, count(*) FROM rows, unnest(people) AS person "
    "GROUP BY person "
    "UNION ALL SELECT 'n', 0, count(*) FROM rows"
)


def _upsert(source: str, sign: str) -> str:
    return (
        f"WITH rows AS ({source}) "
        f"INSERT INTO {schema.COUNTS} (kind, key, n) "
        f"SELECT kind, key, {sign}n FROM ({_FACET_ROWS}) AS c ORDER BY kind, key "
        f"ON CONFLICT (kind, key) DO UPDATE SET n = {schema.COUNTS}.n + EXCLUDED.n"
    )


_ROWS_OF = (
    f"SELECT event_id, agency_id, photographer_id, year, people FROM {schema.TABLE} "
    "WHERE photo_id = ANY(CAST(:ids AS INTEGER[]))"
)
_ADD = text(_upsert(_ROWS_OF, ""))
_SUBTRACT = text(_upsert(_ROWS_OF, "-"))
_RECOUNT = (
    text(f"DELETE FROM {schema.COUNTS}"),
    text(
        _upsert(
            f"SELECT event_id, agency_id, photographer_id, year, people FROM {schema.TABLE}",
            "",
        )
    ),
)
_DELETE = text(f"DELETE FROM {schema.TABLE} WHERE photo_id = ANY(CAST(:ids AS INTEGER[]))")


def uncount(conn: Connection, ids: Sequence[int]) -> None:
    """Take these photos' index rows off the facet counts (the rows stay)."""
    conn.execute(_SUBTRACT, {"ids": list(ids)})


def delete_rows(conn: Connection, ids: Sequence[int]) -> None:
    uncount(conn, ids)
    conn.execute(_DELETE, {"ids": list(ids)})


def insert_rows(conn: Connection, tsvs: dict[int, str], counted: bool = True) -> None:
    """*tsvs*: photo id → tsvector literal. *counted*: adjust the facet counts (a rebuild
    recounts once at the end instead)."""
    ids = list(tsvs)
    conn.execute(_INSERT, {"ids": ids, "tsvs": [tsvs[i] for i in ids]})
    if counted:
        conn.execute(_ADD, {"ids": ids})


def recount(conn: Connection) -> None:
    """Facet and word counts from scratch, then fresh planner statistics (after a
    rebuild or a bulk import the planner's guesses are what pick a plan: ANALYZE them)."""
    from archive.search import pg_lexemes

    for stmt in _RECOUNT:
        conn.execute(stmt)
    pg_lexemes.fill(conn)
    analyze(conn)


def analyze(conn: Connection) -> None:
    conn.execute(text(f"ANALYZE {schema.TABLE}"))
    conn.execute(text(f"ANALYZE {schema.COUNTS}"))
    conn.execute(text(f"ANALYZE {schema.LEXEMES}"))
    conn.execute(text(f"ANALYZE {schema.LEXEME_YEARS}"))
