"""Find-or-create for the editorial entities, matched case- and accent-insensitively.

Used by the importer (embedded names) and by edits; one resolver lives for one
session and caches what it found, so a batch of 200 photos of the same event
asks the database once. New names are inserted race-safely (archive.db.upsert):
another desk importing the same new keyword at the same moment is the normal case.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db.models import Agency, Event, Keyword, Person, PersonAlias, Photographer
from archive.db.upsert import insert_missing
from archive.errors import CatalogueError
from archive.text import clean, fold

# IN lists stay well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


class EntityResolver:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[str, str], Any] = {}

    def preload(
        self,
        people: Iterable[str] = (),
        events: Iterable[str] = (),
        keywords: Iterable[str] = (),
    ) -> None:
        """Find or create a whole batch's names up front: one statement per kind, in key
        order, so concurrent importers lock the same rows in the same order."""
        self._preload_folded(Event, "event", events)
        self._preload_people(people)
        words = {w.strip() for w in keywords if clean(w)}
        missing = [w for w in words if ("keyword", w) not in self._cache]
        if missing:
            insert_missing(self.session, Keyword.__table__, "name", [{"name": w} for w in missing])  # type: ignore[arg-type]
            for chunk in _chunks(sorted(missing)):
                for kw in self.session.scalars(select(Keyword).where(Keyword.name.in_(chunk))):
                    self._cache[("keyword", kw.name)] = kw

    def person(self, name: str, create: bool = True) -> Person | None:
        key = ("person", fold(name))
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        found = self._find_person(key[1])
        if found is None and create:
            self._insert(Person, "folded", {"name": name.strip(), "folded": key[1]})
            found = self._find_person(key[1])
            if found is None:
                raise CatalogueError(f"person {name!r} was inserted but cannot be read back")
        if found is not None:
            self._cache[key] = found
        return found

    def _find_person(self, folded: str) -> Person | None:
        found = self.session.scalars(select(Person).where(Person.folded == folded)).first()
        if found is None:
            alias = self.session.scalars(
                select(PersonAlias).where(PersonAlias.folded == folded)
            ).first()
            found = alias.person if alias is not None else None
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
            self._insert(model, "folded", {"name": name.strip(), "folded": key[1]})
            found = self.session.scalars(select(model).where(model.folded == key[1])).one()
        if found is not None:
            self._cache[key] = found
        return found

    def agency(self, name: str, parent: str | None = None) -> Agency:
        key = ("agency", name)
        if key in self._cache:
            return self._cache[key]  # type: ignore[no-any-return]
        found = self.session.scalars(select(Agency).where(Agency.name == name)).first()
        if found is None:
            self._insert(Agency, "name", {"name": name})
            found = self.session.scalars(select(Agency).where(Agency.name == name)).one()
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
            self._insert(Keyword, "name", {"name": name})
            found = self.session.scalars(select(Keyword).where(Keyword.name == name)).one()
        self._cache[key] = found
        return found

    def _insert(self, model: Any, key: str, row: dict[str, Any]) -> None:
        insert_missing(self.session, model.__table__, key, [row])

    def _preload_folded(self, model: Any, kind: str, names: Iterable[str]) -> None:
        wanted = {fold(n): n.strip() for n in names if clean(n)}
        missing = {f: n for f, n in wanted.items() if (kind, f) not in self._cache}
        if not missing:
            return
        rows = [{"name": n, "folded": f} for f, n in missing.items()]
        insert_missing(self.session, model.__table__, "folded", rows)
        for chunk in _chunks(sorted(missing)):
            for row in self.session.scalars(select(model).where(model.folded.in_(chunk))):
                self._cache[(kind, row.folded)] = row

    def _preload_people(self, names: Iterable[str]) -> None:
        wanted = {fold(n): n.strip() for n in names if clean(n)}
        missing = {f: n for f, n in wanted.items() if ("person", f) not in self._cache}
        if not missing:
            return
        # A name or an alias of someone already there is never created again (the name
        # first, as person() matches).
        for chunk in _chunks(sorted(missing)):
            for person in self.session.scalars(select(Person).where(Person.folded.in_(chunk))):
                self._cache[("person", person.folded)] = person
                missing.pop(person.folded, None)
        for chunk in _chunks(sorted(missing)):
            for alias in self.session.scalars(
                select(PersonAlias).where(PersonAlias.folded.in_(chunk))
            ):
                self._cache[("person", alias.folded)] = alias.person
                missing.pop(alias.folded, None)
        rows = [{"name": n, "folded": f} for f, n in missing.items()]
        insert_missing(self.session, Person.__table__, "folded", rows)  # type: ignore[arg-type]
        for chunk in _chunks(sorted(missing)):
            for person in self.session.scalars(select(Person).where(Person.folded.in_(chunk))):
                self._cache[("person", person.folded)] = person


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]
