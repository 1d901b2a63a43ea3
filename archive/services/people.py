"""The people registry: names with aliases, rename and merge of duplicates.

A renamed person keeps the old name as an alias so agency files that still say
"Kate Elizabeth Winslet" attach to the same person on import.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from archive.db.base import utcnow
from archive.db.models import AuditEvent, Person, PersonAlias, Photo, PhotoPerson
from archive.errors import NotFoundError, UsageError
from archive.services.entities import EntityResolver
from archive.text import fold
from archive.users import current_user


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    aliases: tuple[str, ...]
    photos: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "photos": self.photos,
        }


class PeopleService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.user = current_user()

    def listing(self) -> list[PersonRecord]:
        with self.sessions() as s:
            counts = dict(
                s.execute(
                    select(PhotoPerson.person_id, func.count()).group_by(PhotoPerson.person_id)
                ).all()
            )
            people = s.scalars(
                select(Person).options(selectinload(Person.aliases)).order_by(Person.folded)
            )
            return [_record(p, counts.get(p.id, 0)) for p in people]

    def add(self, name: str, aliases: list[str] | None = None) -> PersonRecord:
        name = name.strip()
        if not name:
            raise UsageError("a person needs a name")
        with self.sessions.begin() as s:
            resolver = EntityResolver(s)
            if resolver.person(name, create=False) is not None:
                raise UsageError(f"{name!r} is already in the people registry")
            person = Person(name=name, folded=fold(name))
            s.add(person)
            try:
                s.flush()
            except IntegrityError:  # another desk added the same name a moment ago
                raise UsageError(f"{name!r} is already in the people registry") from None
            for alias in aliases or []:
                self._add_alias(s, person, alias)
            self._audit(
                s,
                uuid.uuid4().hex,
                "add",
                person.id,
                None,
                {"name": name, "aliases": aliases or []},
            )
            return _record(person, 0)

    def alias(self, name: str, alias: str) -> PersonRecord:
        with self.sessions.begin() as s:
            person = self._require(s, name)
            self._add_alias(s, person, alias)
            self._audit(s, uuid.uuid4().hex, "alias", person.id, None, {"alias": alias})
            return _record(person, self._count(s, person.id))

    def rename(self, old: str, new: str) -> PersonRecord:
        new = new.strip()
        with self.sessions.begin() as s:
            person = self._require(s, old)
            clash = EntityResolver(s).person(new, create=False)
            if clash is not None and clash is not person:
                raise UsageError(f"{new!r} is another person already: merge them instead")
            previous = person.name
            person.name, person.folded = new, fold(new)
            if fold(previous) != fold(new) and not _has_alias(person, previous):
                s.add(PersonAlias(person=person, alias=previous, folded=fold(previous)))
            for alias in list(person.aliases):
                if alias.folded == person.folded:
                    s.delete(alias)
            self._touch_photos(s, [person.id])
            self._audit(s, uuid.uuid4().hex, "rename", person.id, previous, new)
            return _record(person, self._count(s, person.id))

    def merge(self, keep: str, others: list[str]) -> PersonRecord:
        """Move every tag of *others* to *keep*; their names become aliases; audited."""
        batch = uuid.uuid4().hex
        with self.sessions.begin() as s:
            target = self._require(s, keep)
            for name in others:
                dup = self._require(s, name)
                if dup is target:
                    raise UsageError(f"{name!r} and {keep!r} are the same person")
                self._merge_one(s, batch, target, dup)
            s.flush()
            return _record(target, self._count(s, target.id))

    def _merge_one(self, s: Session, batch: str, target: Person, dup: Person) -> None:
        links = s.scalars(select(PhotoPerson).where(PhotoPerson.person_id == dup.id)).all()
        for link in links:
            photo = s.get(Photo, link.photo_id, options=[selectinload(Photo.person_links)])
            assert photo is not None
            before = [pl.person.name for pl in photo.person_links]
            if any(pl.person_id == target.id for pl in photo.person_links):
                photo.person_links.remove(link)
            else:
                link.person = target
            photo.updated_at = utcnow()
            s.flush()
            after = [pl.person.name for pl in photo.person_links]
            s.add(
                AuditEvent(
                    user=self.user,
                    batch=batch,
                    action="merge",
                    entity="photo",
                    entity_id=photo.id,
                    field="people",
                    old=before,
                    new=after,
                )
            )
        names = [dup.name, *(a.alias for a in dup.aliases)]
        s.execute(delete(PersonAlias).where(PersonAlias.person_id == dup.id))
        dup_id = dup.id
        s.delete(dup)
        s.flush()
        for name in names:
            if fold(name) != target.folded and not _has_alias(target, name):
                s.add(PersonAlias(person=target, alias=name, folded=fold(name)))
        self._audit(s, batch, "merge", target.id, {"merged": dup.name, "id": dup_id}, target.name)

    def suggest(self, text: str | None) -> list[str]:
        """People of the registry named in free text (a caption), in order of appearance."""
        if not text:
            return []
        with self.sessions() as s:
            names: dict[str, str] = dict(s.execute(select(Person.folded, Person.name)).all())
            for alias_folded, person_name in s.execute(
                select(PersonAlias.folded, Person.name).join(
                    Person, PersonAlias.person_id == Person.id
                )
            ):
                names.setdefault(alias_folded, person_name)
        return suggest_from(text, names)

    def _require(self, s: Session, name: str) -> Person:
        person = EntityResolver(s).person(name, create=False)
        if person is None:
            raise NotFoundError(f"no person called {name!r}")
        return person

    def _add_alias(self, s: Session, person: Person, alias: str) -> None:
        alias = alias.strip()
        other = EntityResolver(s).person(alias, create=False)
        if other is not None and other is not person:
            raise UsageError(f"{alias!r} already names {other.name}: merge them instead")
        if fold(alias) != person.folded and not _has_alias(person, alias):
            s.add(PersonAlias(person=person, alias=alias, folded=fold(alias)))
            s.flush()

    def _count(self, s: Session, person_id: int) -> int:
        return s.scalar(select(func.count()).where(PhotoPerson.person_id == person_id)) or 0

    def _touch_photos(self, s: Session, person_ids: list[int]) -> None:
        ids = s.scalars(
            select(PhotoPerson.photo_id).where(PhotoPerson.person_id.in_(person_ids))
        ).all()
        for photo in s.scalars(select(Photo).where(Photo.id.in_(ids))):
            photo.updated_at = utcnow()

    def _audit(self, s: Session, batch: str, action: str, pid: int, old: Any, new: Any) -> None:
        s.add(
            AuditEvent(
                user=self.user,
                batch=batch,
                action=action,
                entity="person",
                entity_id=pid,
                old=old,
                new=new,
            )
        )


def _has_alias(person: Person, name: str) -> bool:
    return any(a.folded == fold(name) for a in person.aliases)


def _record(p: Person, photos: int) -> PersonRecord:
    return PersonRecord(p.id, p.name, tuple(a.alias for a in p.aliases), photos)


_WORD = re.compile(r"\w+(?:['’-]\w+)*")
MAX_NAME_WORDS = 6


def suggest_from(text: str, names: dict[str, str]) -> list[str]:
    """Match word n-grams of the folded text against folded names: linear in the text,
    whatever the size of the registry (20k people is normal on a celebrity desk)."""
    words = [fold(m.group()) for m in _WORD.finditer(text)]
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            hit = names.get(" ".join(words[i : i + n]))
            if hit is not None:
                if hit not in found:
                    found.append(hit)
                i += n
                break
        else:
            i += 1
    return found
