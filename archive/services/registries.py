"""Events, photographers and agencies: list with counts, add, rename, merge (audited)."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from archive.credits import load_registry
from archive.db.base import utcnow
from archive.db.models import Agency, AuditEvent, Event, Photo, Photographer
from archive.errors import NotFoundError, UsageError
from archive.search.sync import mark_dirty
from archive.services.live_check import mark_for_check
from archive.text import fold
from archive.users import current_user

EVENT_FIELDS = ("start_date", "end_date", "venue", "city", "country")


class _NamedService(ABC):
    """Shared rename/merge for entities a photo points at through one foreign key."""

    model: Any
    kind: str
    fk_name: str  # the Photo column pointing at this entity

    @property
    def fk(self) -> Any:
        # Looked up on demand: a mapped attribute stored on a plain class would be
        # treated as a descriptor of that class.
        return getattr(Photo, self.fk_name)

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.user = current_user()

    @abstractmethod
    def _find(self, s: Session, name: str) -> Any:
        """The entity this name means (each registry matches names its own way)."""

    def _require(self, s: Session, name: str) -> Any:
        found = self._find(s, name)
        if found is None:
            raise NotFoundError(f"no {self.kind} called {name!r}")
        return found

    def _counts(self, s: Session) -> dict[int, int]:
        return dict(
            s.execute(
                select(self.fk, func.count()).where(self.fk.is_not(None)).group_by(self.fk)
            ).all()
        )

    def _audit(
        self, s: Session, batch: str, action: str, entity_id: int, old: Any, new: Any
    ) -> None:
        s.add(
            AuditEvent(
                user=self.user,
                batch=batch,
                action=action,
                entity=self.kind,
                entity_id=entity_id,
                old=old,
                new=new,
            )
        )

    def rename(self, old: str, new: str) -> dict[str, Any]:
        new = new.strip()
        with self.sessions.begin() as s:
            entity = self._require(s, old)
            clash = self._find(s, new)
            if clash is not None and clash is not entity:
                raise UsageError(f"{new!r} is another {self.kind} already: merge them instead")
            previous = entity.name
            entity.name = new
            if hasattr(entity, "folded"):
                entity.folded = fold(new)
            self._touch(s, [entity.id])
            self._audit(s, uuid.uuid4().hex, "rename", entity.id, previous, new)
            s.flush()
            return self._json(entity, self._counts(s).get(entity.id, 0))

    def merge(self, keep: str, others: list[str]) -> dict[str, Any]:
        batch = uuid.uuid4().hex
        with self.sessions.begin() as s:
            target = self._require(s, keep)
            for name in others:
                dup = self._require(s, name)
                if dup is target:
                    raise UsageError(f"{name!r} and {keep!r} are the same {self.kind}")
                photo_ids = s.scalars(select(Photo.id).where(self.fk == dup.id)).all()
                # A bulk UPDATE bypasses the search index's session hooks: say which changed.
                mark_dirty(s, photo_ids)
                mark_for_check(s, photo_ids)  # nor does the live check see it: no stale badge
                for pid in photo_ids:
                    s.add(
                        AuditEvent(
                            user=self.user,
                            batch=batch,
                            action="merge",
                            entity="photo",
                            entity_id=pid,
                            field=self.kind,
                            old=dup.name,
                            new=target.name,
                        )
                    )
                # Bumping the version makes a concurrent editor of these photos see a conflict.
                s.execute(
                    update(Photo)
                    .where(self.fk == dup.id)
                    .values(
                        {
                            self.fk.key: target.id,
                            "updated_at": utcnow(),
                            "version": Photo.version + 1,
                        }
                    )
                    .execution_options(synchronize_session=False)
                )
                self._before_delete(s, dup, target)
                self._audit(
                    s, batch, "merge", target.id, {"merged": dup.name, "id": dup.id}, target.name
                )
                s.delete(dup)
            s.flush()
            return self._json(target, self._counts(s).get(target.id, 0))

    def _before_delete(self, s: Session, dup: Any, target: Any) -> None:  # noqa: B027
        """Hook for references other than photos (agency parents); most have none."""

    def _touch(self, s: Session, ids: list[int]) -> None:
        # The bulk UPDATE is invisible to the live check's hooks; a renamed agency or an
        # edited event changes what the rules see, so those photos are checked at commit.
        mark_for_check(s, s.scalars(select(Photo.id).where(self.fk.in_(ids))).all())
        s.execute(
            update(Photo)
            .where(self.fk.in_(ids))
            .values(updated_at=utcnow(), version=Photo.version + 1)
            .execution_options(synchronize_session=False)
        )

    def _json(self, entity: Any, photos: int) -> dict[str, Any]:
        return {"id": entity.id, "name": entity.name, "photos": photos}


class EventService(_NamedService):
    model, kind, fk_name = Event, "event", "event_id"

    def _find(self, s: Session, name: str) -> Event | None:
        return s.scalars(select(Event).where(Event.folded == fold(name))).first()

    def listing(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            counts = self._counts(s)
            events = s.scalars(
                select(Event).order_by(Event.start_date.desc().nulls_last(), Event.folded)
            )
            return [self._json(e, counts.get(e.id, 0)) for e in events]

    def add(self, name: str, **fields: Any) -> dict[str, Any]:
        name = name.strip()
        if not name:
            raise UsageError("an event needs a name")
        with self.sessions.begin() as s:
            if self._find(s, name) is not None:
                raise UsageError(f"{name!r} is already an event")
            event = Event(name=name, folded=fold(name))
            _set_event_fields(event, fields)
            s.add(event)
            s.flush()
            self._audit(s, uuid.uuid4().hex, "add", event.id, None, self._json(event, 0))
            return self._json(event, 0)

    def edit(self, name: str, **fields: Any) -> dict[str, Any]:
        with self.sessions.begin() as s:
            event = self._require(s, name)
            old = self._json(event, 0)
            _set_event_fields(event, fields)
            self._touch(s, [event.id])
            s.flush()
            new = self._json(event, self._counts(s).get(event.id, 0))
            self._audit(s, uuid.uuid4().hex, "edit", event.id, old, new)
            return new

    def _json(self, entity: Any, photos: int) -> dict[str, Any]:
        e: Event = entity
        return {
            "id": e.id,
            "name": e.name,
            "date": e.start_date.isoformat() if e.start_date else None,
            "end_date": e.end_date.isoformat() if e.end_date else None,
            "venue": e.venue,
            "city": e.city,
            "country": e.country,
            "photos": photos,
        }


def _set_event_fields(event: Event, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if key not in EVENT_FIELDS:
            raise UsageError(f"events have no field {key!r}")
        if value is None:
            continue
        if key.endswith("_date") and isinstance(value, str):
            try:
                value = date.fromisoformat(value) if value else None
            except ValueError:
                raise UsageError(
                    f"{key.replace('_', ' ')} must be YYYY-MM-DD, not {value!r}"
                ) from None
        setattr(event, key, value or None)
    if event.start_date and event.end_date and event.end_date < event.start_date:
        raise UsageError("the event ends before it starts")


class PhotographerService(_NamedService):
    model, kind, fk_name = Photographer, "photographer", "photographer_id"

    def _find(self, s: Session, name: str) -> Photographer | None:
        return s.scalars(select(Photographer).where(Photographer.folded == fold(name))).first()

    def listing(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            counts = self._counts(s)
            rows = s.scalars(select(Photographer).order_by(Photographer.folded))
            return [self._json(p, counts.get(p.id, 0)) for p in rows]

    def add(self, name: str) -> dict[str, Any]:
        with self.sessions.begin() as s:
            if self._find(s, name) is not None:
                raise UsageError(f"{name!r} is already a photographer")
            p = Photographer(name=name.strip(), folded=fold(name))
            s.add(p)
            s.flush()
            self._audit(s, uuid.uuid4().hex, "add", p.id, None, p.name)
            return self._json(p, 0)


class AgencyService(_NamedService):
    model, kind, fk_name = Agency, "agency", "agency_id"

    def _find(self, s: Session, name: str) -> Agency | None:
        rows = s.scalars(select(Agency)).all()
        return next((a for a in rows if fold(a.name) == fold(name)), None)

    def listing(self) -> list[dict[str, Any]]:
        """Agencies in the catalogue, plus those the rule pack knows, with photo counts."""
        registry = load_registry()
        with self.sessions() as s:
            counts = self._counts(s)
            rows = {a.name: self._json(a, counts.get(a.id, 0)) for a in s.scalars(select(Agency))}
        for agency in registry:
            rows.setdefault(
                agency.name, {"id": None, "name": agency.name, "parent": agency.parent, "photos": 0}
            )
            rows[agency.name]["format"] = agency.format if hasattr(agency, "format") else None
        return sorted(rows.values(), key=lambda r: fold(r["name"]))

    def add(self, name: str, parent: str | None = None) -> dict[str, Any]:
        with self.sessions.begin() as s:
            if self._find(s, name) is not None:
                raise UsageError(f"{name!r} is already an agency")
            agency = Agency(name=name.strip())
            if parent:
                agency.parent = self._find(s, parent) or Agency(name=parent.strip())
            s.add(agency)
            s.flush()
            self._audit(
                s, uuid.uuid4().hex, "add", agency.id, None, {"name": agency.name, "parent": parent}
            )
            return self._json(agency, 0)

    def _before_delete(self, s: Session, dup: Any, target: Any) -> None:
        s.execute(update(Agency).where(Agency.parent_id == dup.id).values(parent_id=target.id))

    def _json(self, entity: Any, photos: int) -> dict[str, Any]:
        a: Agency = entity
        return {
            "id": a.id,
            "name": a.name,
            "parent": a.parent.name if a.parent else None,
            "photos": photos,
        }
