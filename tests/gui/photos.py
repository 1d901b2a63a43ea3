"""Test helpers: an archive in tmp_path, filled straight through the ORM (fast, and
independent of the importer)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import select

from archive.db.models import Event, Person, Photo, PhotoPerson
from archive.handle import Archive
from archive.text import fold

_serial = itertools.count(1)


def add_photos(
    archive: Archive,
    count: int,
    *,
    caption: str = "Photo {n}",
    taken: datetime | None = datetime(2024, 5, 1, 12, 0),
    people: tuple[str, ...] = (),
    event: str | None = None,
    credit_line: str | None = "Jane Doe/Agency",
) -> None:
    """Insert *count* photos; each is a minute older than the one before it."""
    with archive.sessions.begin() as s:
        event_row = None
        if event:
            event_row = s.scalars(select(Event).where(Event.folded == fold(event))).first()
            event_row = event_row or Event(name=event, folded=fold(event))
        person_rows = []
        for name in people:
            found = s.scalars(select(Person).where(Person.folded == fold(name))).first()
            person_rows.append(found or Person(name=name, folded=fold(name)))
        for i in range(count):
            n = next(_serial)
            photo = Photo(
                sha256=f"{n:064x}",
                format="jpeg",
                file_size=1000 + n,
                stored_path=f"originals/{n:064x}.jpg",
                caption=caption.format(n=n),
                credit_line=credit_line,
                taken_at=None if taken is None else taken - timedelta(minutes=i),
                event=event_row,
            )
            photo.person_links = [
                PhotoPerson(person=person, position=pos) for pos, person in enumerate(person_rows)
            ]
            s.add(photo)
