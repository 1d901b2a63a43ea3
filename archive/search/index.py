"""Writing documents into the index: a few photos (edits) or all of them (reindex)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sqlalchemy import Connection, bindparam, delete, inspect, select, text

from archive.db.models import Photo
from archive.search import pg_index, schema
from archive.search.document import build_docs, tsvector_literal
from archive.search.fts import COLUMNS
from archive.search.vocab import write_words

CHUNK = 1000

_SQLITE_INSERT = text(
    f"INSERT INTO {schema.TABLE} (rowid, {', '.join(COLUMNS)}) "
    f"VALUES (:id, {', '.join(':' + c for c in COLUMNS)})"
)


def delete_docs(conn: Connection, ids: Collection[int]) -> None:
    if not ids:
        return
    ids = list(ids)
    sqlite = conn.dialect.name == "sqlite"
    key = schema.fts5_table.c.rowid
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        if not sqlite:
            pg_index.delete_rows(conn, chunk)
            continue
        conn.execute(delete(schema.fts5_table).where(key.in_(chunk)))
        facets = schema.facets_table
        conn.execute(delete(facets).where(facets.c.photo_id.in_(chunk)))


def write_docs(conn: Connection, ids: Collection[int], replace: bool = True) -> int:
    """(Re)write the documents of *ids*, in the caller's transaction; returns how many."""
    ids = sorted(set(ids))
    written = 0
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        if replace:
            delete_docs(conn, chunk)
        written += _insert(conn, chunk)
    return written


def _insert(
    conn: Connection,
    ids: Sequence[int],
    seen: set[tuple[str, str]] | None = None,
    counted: bool = True,
) -> int:
    docs = build_docs(conn, ids)
    if not docs:
        return 0
    if conn.dialect.name == "sqlite":
        conn.execute(_SQLITE_INSERT, [{"id": pid, **doc} for pid, doc in docs.items()])
        write_words(conn, docs.values(), seen)
        _insert_facets(conn, list(docs))
    else:
        tsvs = {pid: tsvector_literal(doc) for pid, doc in docs.items()}
        pg_index.insert_rows(conn, tsvs, counted)
    return len(docs)


_FACETS_INSERT = text(
    f"INSERT INTO {schema.FACETS} (photo_id, year, facets) "
    "SELECT p.id, CAST(strftime('%Y', p.taken_at) AS INTEGER), "
    "ifnull(p.event_id, '') || ',' || ifnull(p.agency_id, '') || ',' "
    "|| ifnull(p.photographer_id, '') || ',' || ifnull(strftime('%Y', p.taken_at) + 0, '') "
    "|| ',' || ifnull((SELECT group_concat(l.person_id, ' ') FROM photo_person l "
    "WHERE l.photo_id = p.id), '') "
    "FROM photo p WHERE p.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def _insert_facets(conn: Connection, ids: Sequence[int]) -> None:
    """The facet rows of *ids*, from their photo rows and people links (SQLite)."""
    conn.execute(_FACETS_INSERT, {"ids": list(ids)})


def rebuild(conn: Connection, progress: Callable[[int, int], None] | None = None) -> int:
    """Drop and refill the whole index from the catalogue, in the caller's transaction.

    Dropping beats deleting: FTS5 would otherwise remove every row's words one by one.
    """
    schema.drop(conn)
    schema.ensure(conn, indexes=False)  # PostgreSQL: indexes built after the fill
    ids = list(conn.scalars(select(Photo.id).order_by(Photo.id)))
    done = 0
    seen: set[tuple[str, str]] = set()  # vocabulary already written
    for i in range(0, len(ids), CHUNK):
        done += _insert(conn, ids[i : i + CHUNK], seen, counted=False)
        if progress is not None:
            progress(done, len(ids))
    if conn.dialect.name == "sqlite":
        # Merge the b-trees written chunk by chunk into one: faster queries from now on.
        conn.execute(text(f"INSERT INTO {schema.TABLE}({schema.TABLE}) VALUES ('optimize')"))
    else:
        schema.ensure_indexes(conn)
        pg_index.recount(conn)
    schema.set_layout(conn)
    return done


def migrate_postgresql_layout(conn: Connection, version: int) -> None:
    """A migration to a layout that changes PostgreSQL's documents only (0024, 0026):
    rebuild the PostgreSQL index; SQLite's is the same, only its recorded layout moves.
    Nothing when there is no index yet (the first reindex builds the current layout)."""
    if not inspect(conn).has_table(schema.LAYOUT_TABLE):
        return
    if conn.dialect.name == "postgresql":
        rebuild(conn)
    else:
        record_layout(conn, version)


def record_layout(conn: Connection, version: int) -> None:
    """Record *version* as the index's layout, when there is an index (a downgrade back
    to a layout whose readers accept these documents)."""
    if inspect(conn).has_table(schema.LAYOUT_TABLE):
        conn.execute(text(f"UPDATE {schema.LAYOUT_TABLE} SET version = :v"), {"v": version})
