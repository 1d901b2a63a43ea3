"""The four registries the entity editor shows, behind one plain-Python shape.

Each adapter only calls the archive's own services (PeopleService, EventService,
PhotographerService, AgencyService: audited, the merges undoable with Ctrl+Z), so the
window edits people and events exactly as ``creditdesk people/events …`` do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archive.services.people import PeopleService
from archive.services.registries import AgencyService, EventService, PhotographerService

# Event fields the editor shows: (EventService field, listing key, label).
EVENT_FIELDS = (
    ("start_date", "date", "Date"),
    ("end_date", "end_date", "Ends"),
    ("venue", "venue", "Venue"),
    ("city", "city", "City"),
    ("country", "country", "Country"),
)


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    photos: int
    aliases: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)  # events: date, venue, city…

    @property
    def label(self) -> str:
        noun = "photo" if self.photos == 1 else "photos"
        return f"{self.name} ({self.photos:,} {noun})"


@dataclass(frozen=True)
class Registry:
    title: str  # the tab
    kind: str  # "person", "event"… for messages
    listing: Callable[[], list[Entry]]
    rename: Callable[[str, str], Any]
    merge: Callable[[str, list[str]], Any]
    alias: Callable[[str, str], Any] | None = None  # people only
    edit: Callable[..., Any] | None = None  # events only: edit(name, **fields)


def _people(service: PeopleService) -> Registry:
    def listing() -> list[Entry]:
        return [Entry(p.id, p.name, p.photos, p.aliases) for p in service.listing()]

    return Registry("People", "person", listing, service.rename, service.merge, alias=service.alias)


def _events(service: EventService) -> Registry:
    def listing() -> list[Entry]:
        return [
            Entry(
                e["id"],
                e["name"],
                e["photos"],
                fields={key: e.get(key) or "" for _f, key, _l in EVENT_FIELDS},
            )
            for e in service.listing()
        ]

    return Registry("Events", "event", listing, service.rename, service.merge, edit=service.edit)


def _named(title: str, kind: str, service: PhotographerService | AgencyService) -> Registry:
    def listing() -> list[Entry]:
        # The rule pack's agencies with no photo yet have no row to rename or merge.
        return [
            Entry(r["id"], r["name"], r["photos"]) for r in service.listing() if r["id"] is not None
        ]

    return Registry(title, kind, listing, service.rename, service.merge)


def registries(
    people: PeopleService,
    events: EventService,
    photographers: PhotographerService,
    agencies: AgencyService,
) -> list[Registry]:
    return [
        _people(people),
        _events(events),
        _named("Photographers", "photographer", photographers),
        _named("Agencies", "agency", agencies),
    ]
