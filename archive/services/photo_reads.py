"""Reading photos back: listing pages, summaries, the full detail.

The one home of these shapes: PhotoService (the GUI, export) runs them on its session's
connection, the read commands (`list`, `show`, `search`'s page) on a plain connection or,
for the archive's own SQLite catalogue, through the standard library alone
(archive/db/sqlite_direct.py), so that they never import the ORM, the models or SQLAlchemy
(archive/db/read_tables.py says why). The functions take a Reader, or a SQLAlchemy
connection that they wrap in the Core reader (archive/services/core_reads.py). Every query
and order is the one the ORM's loader options ran before: the photo rows, then for each
relationship one `IN` query per 500 photos, links in their `position` order, source paths in
id order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Protocol, runtime_checkable

from archive.db.read_columns import SUMMARY
from archive.provenance.vocab import badges
from archive.records import PhotoPage, PhotoSummary

CHUNK = 500  # ids per IN list, as the ORM's selectin loader batches them


@runtime_checkable
class Reader(Protocol):
    """The queries the reads run; rows have the columns as attributes, values converted."""

    def count(self) -> int: ...

    def listing(self, offset: int, limit: int | None) -> Sequence[Any]:
        """Summary rows, newest first by capture time, undated last, then import order."""
        ...

    def rows(
        self, table: str, key: str, ids: Sequence[int], columns: Sequence[str] | None = None
    ) -> Sequence[Any]:
        """Rows of *table* whose *key* is in *ids*: all its columns, or *columns*."""
        ...

    def linked(self, link: str, key: str, named: str, ids: Sequence[int]) -> Iterable[Any]:
        """(photo id, name) through the link table, in its `position` order."""
        ...

    def paths(self, ids: Sequence[int]) -> Iterable[Any]:
        """(photo id, source path), in the source paths' id order."""
        ...


def reader_of(conn: Any) -> Reader:
    if isinstance(conn, Reader):
        return conn
    from archive.services.core_reads import CoreReader  # SQLAlchemy: only when given it

    return CoreReader(conn)


def iso_taken(taken_at: datetime | None, offset_min: int | None) -> str | None:
    """Capture time as the camera's wall clock, with its UTC offset when the file gave one."""
    if taken_at is None:
        return None
    if offset_min is None:
        return taken_at.isoformat()
    return taken_at.replace(tzinfo=timezone(timedelta(minutes=offset_min))).isoformat()


def iso_utc(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=UTC).isoformat()


def overridden(status: str, findings: list[Any] | None) -> bool:
    """Not blocked only because an editor overrode an error (with a written reason)."""
    return status != "blocked" and any(
        isinstance(f, dict) and f.get("overridden") and f.get("severity") == "error"
        for f in findings or ()
    )


def list_page(conn: Any, offset: int = 0, limit: int | None = 100) -> PhotoPage:
    """A listing page (*conn*: a Reader or a SQLAlchemy connection)."""
    reader = reader_of(conn)
    total = reader.count()
    rows = reader.listing(offset, limit)
    return PhotoPage(total, tuple(_summaries(reader, rows)))


def summaries(conn: Any, ids: list[int]) -> list[PhotoSummary]:
    """The summaries of *ids* in that order (ids with no photo left out)."""
    reader = reader_of(conn)
    rows = [r for chunk in _chunks(ids) for r in reader.rows("photo", "id", chunk, SUMMARY)]
    found = {s.id: s for s in _summaries(reader, rows)}
    return [found[i] for i in ids if i in found]


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def _names(reader: Reader, table: str, ids: Iterable[int | None]) -> dict[int, Any]:
    """Rows of *table* by id, for the ids given (None: no row)."""
    out: dict[int, Any] = {}
    for chunk in _chunks(i for i in ids if i is not None):
        out.update({r.id: r for r in reader.rows(table, "id", chunk)})
    return out


def _linked(reader: Reader, ids: Sequence[int], link: str, key: str, named: str) -> Any:
    """photo id → the names linked to it (people, keywords), in their `position` order."""
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        for pid, name in reader.linked(link, key, named, chunk):
            out[pid].append(name)
    return out


def _people(reader: Reader, ids: Sequence[int]) -> dict[int, list[str]]:
    return _linked(reader, ids, "photo_person", "person_id", "person")  # type: ignore[no-any-return]


def _summaries(reader: Reader, rows: Sequence[Any]) -> list[PhotoSummary]:
    people = _people(reader, [r.id for r in rows])
    events = _names(reader, "event", (r.event_id for r in rows))
    return [
        PhotoSummary(
            id=r.id,
            sha256=r.sha256,
            taken_at=iso_taken(r.taken_at, r.taken_offset_min),
            caption=r.caption,
            credit_line=r.credit_line,
            people=tuple(people.get(r.id, ())),
            event=events[r.event_id].name if r.event_id in events else None,
            title=r.title,
            headline=r.headline,
            stored_path=r.stored_path,
            rating=r.rating,
            label=r.label,
            width=r.width,
            height=r.height,
            orientation=r.orientation,
            provenance=badges(r.digital_source_type, r.c2pa_state),
        )
        for r in rows
    ]


def details(conn: Any, ids: list[int]) -> list[dict[str, Any]]:
    """Everything known about each photo of *ids*, as the `show --json` contract spells it,
    in the order of *ids* (ids with no photo left out)."""
    from archive.services.photo_detail import detail_of

    reader = reader_of(conn)
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        rows = reader.rows("photo", "id", chunk)
        found = [r.id for r in rows]
        related = {
            "people": _people(reader, found),
            "keywords": _linked(reader, found, "photo_keyword", "keyword_id", "keyword"),
            "paths": _paths(reader, found),
            "events": _names(reader, "event", (r.event_id for r in rows)),
            "photographers": _names(reader, "photographer", (r.photographer_id for r in rows)),
            "agencies": _agencies(reader, (r.agency_id for r in rows)),
            "embedded": _by_photo(reader, "embedded_metadata", found),
            "licences": _names(reader, "licence", (r.licence_id for r in rows)),
            "checks": _by_photo(reader, "check_result", found),
        }
        for r in rows:
            out[r.id] = detail_of(r, related)
    return [out[i] for i in ids if i in out]


def _paths(reader: Reader, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        for pid, path in reader.paths(chunk):
            out[pid].append(path)
    return out


def _by_photo(reader: Reader, table: str, ids: Sequence[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        out.update({r.photo_id: r for r in reader.rows(table, "photo_id", chunk)})
    return out


def _agencies(reader: Reader, ids: Iterable[int | None]) -> dict[int, Any]:
    """Agencies by id, with their parents (WireImage → Getty Images) among them."""
    found = _names(reader, "agency", ids)
    found.update(_names(reader, "agency", (a.parent_id for a in list(found.values()))))
    return found
