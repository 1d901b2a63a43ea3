"""People, events, photographers and agencies: aliases, rename, merge, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import NotFoundError, UsageError
from archive.handle import Archive
from archive.services.history import HistoryService
from archive.services.people import PeopleService, suggest_from
from archive.services.photos import PhotoService
from archive.services.registries import AgencyService, EventService, PhotographerService
from archive.text import fold
from tests.archive.services.helpers import import_example
from tests.factories import BAFTA


@pytest.fixture
def ids(archive: Archive, tmp_path: Path) -> list[int]:
    return import_example(archive, tmp_path / "in")


def people(archive: Archive, pid: int) -> list[str]:
    return PhotoService(archive.sessions).detail(pid)["people"]


def test_import_attached_people_and_one_event(archive: Archive, ids: list[int]) -> None:
    listing = {p.name: p.photos for p in PeopleService(archive.sessions).listing()}
    assert listing == {"Kate Winslet": 2, "Mia Threapleton": 1}
    events = EventService(archive.sessions).listing()
    assert [(e["name"], e["photos"]) for e in events] == [(BAFTA, 2)]


def test_add_person_with_alias_then_import_matches_alias_accent_blind(
    archive: Archive, tmp_path: Path
) -> None:
    from archive.importer.session import ImportOptions, ImportSession
    from tests.factories import Agency, write_photo

    PeopleService(archive.sessions).add("Zoë Wanamaker", ["Zoe Wanamaker Sr"])
    photo = write_photo(tmp_path / "z.jpg", Agency(people=["ZOE WANAMAKER"], caption="x"), seed=5)
    session = ImportSession(archive, [photo], ImportOptions(jobs=1))
    list(session.run())
    assert people(archive, session.report.photo_ids[0]) == ["Zoë Wanamaker"]
    with pytest.raises(UsageError, match="already"):
        PeopleService(archive.sessions).add("zoe wanamaker")


def test_merge_moves_every_tag_keeps_aliases_and_audit(archive: Archive, ids: list[int]) -> None:
    service = PeopleService(archive.sessions)
    service.add("Kate E. Winslet")
    from archive.services.edits import EditRequest, EditService

    EditService(archive.sessions).edit([ids[2]], EditRequest(add_people=("Kate E. Winslet",)))
    merged = service.merge("Kate Winslet", ["Kate E. Winslet"])
    assert merged.photos == 3 and "Kate E. Winslet" in merged.aliases
    assert people(archive, ids[2]) == ["Kate Winslet"]
    assert [p.name for p in service.listing()] == ["Kate Winslet", "Mia Threapleton"]
    history = HistoryService(archive.sessions).history(ids[2])
    assert history[-1].action == "merge" and history[-1].new == ["Kate Winslet"]
    with pytest.raises(NotFoundError):
        service.merge("Kate Winslet", ["Nobody"])


def test_rename_keeps_the_old_name_as_alias(archive: Archive, ids: list[int]) -> None:
    service = PeopleService(archive.sessions)
    service.rename("Mia Threapleton", "Mia Honey Threapleton")
    assert people(archive, ids[0]) == ["Kate Winslet", "Mia Honey Threapleton"]
    record = next(p for p in service.listing() if p.name == "Mia Honey Threapleton")
    assert record.aliases == ("Mia Threapleton",)
    with pytest.raises(UsageError, match="merge"):
        service.rename("Kate Winslet", "Mia Threapleton")


def test_suggest_people_from_caption(archive: Archive, ids: list[int]) -> None:
    service = PeopleService(archive.sessions)
    service.add("Olivia Colman", ["Sarah Caroline Colman"])
    caption = "Kate Winslet attends, with Olivia  COLMAN and a guest, at the BAFTAs."
    assert service.suggest(caption) == ["Kate Winslet", "Olivia Colman"]
    names = {fold("Łukasz Żal"): "Łukasz Żal", fold("Jean-Luc Picard"): "Jean-Luc Picard"}
    assert suggest_from("Lukasz Zal and Jean-Luc Picard", names) == [
        "Łukasz Żal",
        "Jean-Luc Picard",
    ]
    assert suggest_from("", names) == []


def test_events_photographers_agencies(archive: Archive, ids: list[int]) -> None:
    events = EventService(archive.sessions)
    added = events.add("2022 BAFTA Television Awards", start_date="2022-05-08", city="London")
    assert added["date"] == "2022-05-08"
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        events.edit("2022 BAFTA Television Awards", start_date="8 May")
    events.merge(BAFTA, ["2022 BAFTA Television Awards"])
    assert [e["name"] for e in events.listing()] == [BAFTA]

    photographers = PhotographerService(archive.sessions)
    names = {p["name"]: p["photos"] for p in photographers.listing()}
    assert names == {"Joe Maher": 1, "Mike Marsland": 1}
    photographers.add("Joseph Maher")
    photographers.merge("Joe Maher", ["Joseph Maher"])

    agencies = {a["name"]: a for a in AgencyService(archive.sessions).listing()}
    assert (
        agencies["WireImage"]["parent"] == "Getty Images" and agencies["WireImage"]["photos"] == 1
    )
    assert agencies["Reuters"]["photos"] == 0  # known to the rule pack, not yet used
