"""Find-or-create for the editorial entities, matched case- and accent-insensitively.

Used by the importer (embedded names) and by edits; one resolver lives for one
session and caches what it found, so a batch of 200 photos of the same event
asks the database once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db.models import Agency, Event, Keyword, Person, PersonAlias, Photographer
from archive.text import fold


class EntityResolver:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[str, str], Any] = {}

    def person(self, name: str, create: bool = True) -> Person | None:
        key = ("person", fold(name))
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        found = self.session.scalars(select(Person).where(Person.folded == key[1])).first()
        if found is None:
            alias = self.session.scalars(
                select(PersonAlias).where(PersonAlias.folded == key[1])
            ).first()
            found = alias.person if alias is not None else None
        if found is None and create:
            found = Person(name=name.strip(), folded=key[1])
            self.session.add(found)
        if found is not None:
            self._cache[key] = found
        return found

    def event(self, name: str, create: bool = True) -> Event | None:
        return self._simple(Event, "event", name, create)  # type: ignore[return-value]

    def photographer(self, name: str, create: bool = True) -> Photographer | None:
        return self._simple(Photographer, "photographer", name, create)  # type: ignore[return-value]

    def _simple(self, model: Any, kind: str, name: str, create: bool) -> Any:
        key = (kind, fold(name))
        if key in self._cache:
            return self._cache[key]
        found = self.session.scalars(select(model).where(model.folded == key[1])).first()
        if found is None and create:
            found = model(name=name.strip(), folded=key[1])
            self.session.add(found)
        if found is not None:
            self._cache[key] = found
        return found

    def agency(self, name: str, parent: str | None = None) -> Agency:
        key = ("agency", name)
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        found = self.session.scalars(select(Agency).where(Agency.name == name)).first()
        if found is None:
            found = Agency(name=name)
            self.session.add(found)
        if parent and parent != name and found.parent is None:
            found.parent = self.agency(parent)
        self._cache[key] = found
        return found

    def keyword(self, name: str) -> Keyword:
        key = ("keyword", name)
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        found = self.session.scalars(select(Keyword).where(Keyword.name == name)).first()
        if found is None:
            found = Keyword(name=name)
            self.session.add(found)
        self._cache[key] = found
        return found
