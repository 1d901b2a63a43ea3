"""Keeping the index true inside the writer's own transaction (session hooks).

``after_flush`` notes what a flush touched: photos, their people and keyword links, and
renamed people, aliases, events, agencies, photographers and keywords. ``before_commit``
flushes what is left, turns the notes into photo ids (a renamed person → all their
photos) and rewrites those documents on the session's connection, so the edit and its
index entry commit or roll back together. Rewriting once per transaction (not per
flush) lets an import batch of 200 photos be indexed with a handful of queries.

Not seen by the hooks: Core/bulk ``UPDATE`` statements. Callers that use them tell the
index with ``mark_dirty(session, ids)``; ``creditdesk reindex`` repairs anything else.
Deleted photos leave the index by trigger (SQLite) or ON DELETE CASCADE (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from archive.db.models import (
    Agency,
    Event,
    Keyword,
    Person,
    PersonAlias,
    Photo,
    Photographer,
    PhotoKeyword,
    PhotoPerson,
)
from archive.search.index import delete_docs, write_docs

_KEY = "creditdesk.search.pending"
# Which attribute changes of an entity change the documents of its photos.
_WATCHED: dict[type, tuple[str, ...]] = {
    Person: ("name",),
    Event: ("name", "venue", "city", "country"),
    Agency: ("name", "parent_id"),
    Photographer: ("name",),
    Keyword: ("name",),
}


@dataclass
class Pending:
    photos: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)
    entities: dict[type, set[int]] = field(default_factory=dict)

    def entity(self, kind: type, ident: int | None) -> None:
        if ident is not None:
            self.entities.setdefault(kind, set()).add(ident)

    def __bool__(self) -> bool:
        return bool(self.photos or self.deleted or self.entities)


def pending(session: Session) -> Pending:
    found = session.info.get(_KEY)
    if found is None:
        found = session.info[_KEY] = Pending()
    return found  # type: ignore[no-any-return]


def mark_dirty(session: Session, photo_ids: Iterable[int]) -> None:
    """Have these photos' documents rewritten when *session* commits."""
    pending(session).photos.update(photo_ids)


def _changed(obj: Any, attrs: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[a].history.has_changes() for a in attrs)


def _link_photo_ids(obj: Any) -> set[int]:
    # The old photo too, if a link was moved from one photo to another.
    hist = inspect(obj).attrs.photo_id.history
    return {i for i in (obj.photo_id, *hist.deleted) if i is not None}


def _before_flush(session: Session, _ctx: UOWTransaction, _objects: object) -> None:
    # PostgreSQL: a deleted photo's index row goes by ON DELETE CASCADE during the flush,
    # too late to take it off the facet counts: take it off first, in the same transaction.
    gone = [o.id for o in session.deleted if isinstance(o, Photo) and o.id is not None]
    if gone and session.get_bind().dialect.name == "postgresql":
        from archive.search.pg_index import uncount

        uncount(session.connection(), gone)


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    note = pending(session)
    for obj in session.deleted:
        if isinstance(obj, Photo):
            note.deleted.add(obj.id)
        elif isinstance(obj, PhotoPerson | PhotoKeyword):
            note.photos.update(_link_photo_ids(obj))
        elif isinstance(obj, PersonAlias):
            note.entity(Person, obj.person_id)
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Photo):
            note.photos.add(obj.id)
        elif isinstance(obj, PhotoPerson | PhotoKeyword):
            note.photos.update(_link_photo_ids(obj))
        elif isinstance(obj, PersonAlias):
            note.entity(Person, obj.person_id)
            for old in inspect(obj).attrs.person_id.history.deleted:  # moved to someone else
                note.entity(Person, old)
        elif type(obj) in _WATCHED and obj in session.dirty and _changed(obj, _WATCHED[type(obj)]):
            note.entity(type(obj), obj.id)


def _photos_of(session: Session, note: Pending) -> set[int]:
    ids = set(note.photos)
    ents = note.entities
    if people := ents.get(Person):
        ids.update(
            session.scalars(select(PhotoPerson.photo_id).where(PhotoPerson.person_id.in_(people)))
        )
    if keywords := ents.get(Keyword):
        ids.update(
            session.scalars(
                select(PhotoKeyword.photo_id).where(PhotoKeyword.keyword_id.in_(keywords))
            )
        )
    if agencies := ents.get(Agency):
        agencies = _with_brands(session, agencies)
    for kind, column in (
        (Event, Photo.event_id),
        (Photographer, Photo.photographer_id),
        (Agency, Photo.agency_id),
    ):
        wanted = agencies if kind is Agency else ents.get(kind)
        if wanted:
            ids.update(session.scalars(select(Photo.id).where(column.in_(wanted))))
    return ids - note.deleted


def _with_brands(session: Session, agencies: set[int]) -> set[int]:
    """The agencies and every brand under them: renaming Getty touches WireImage photos."""
    children: dict[int, list[int]] = {}
    for aid, parent in session.execute(select(Agency.id, Agency.parent_id)):
        if parent is not None:
            children.setdefault(parent, []).append(aid)
    out, todo = set(agencies), list(agencies)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def _before_commit(session: Session) -> None:
    session.flush()  # commit flushes only after this hook: collect the last changes first
    note = session.info.pop(_KEY, None)
    if not note:
        return
    with session.no_autoflush:
        ids = _photos_of(session, note)
        conn = session.connection()
        delete_docs(conn, note.deleted)
        write_docs(conn, ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def install(sessions: sessionmaker[Session]) -> None:
    """Index every commit made through *sessions* (called once by Archive.open)."""
    # Marked on the factory itself, not asked of SQLAlchemy's event registry: that registry
    # is keyed by id(), and a new factory can reuse the id of a collected one — then
    # event.contains() answers yes and the new archive would never be indexed.
    if getattr(sessions, "_creditdesk_search_sync", False):
        return
    sessions._creditdesk_search_sync = True  # type: ignore[attr-defined]
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_rollback", _after_rollback)
