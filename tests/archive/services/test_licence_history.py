"""Licence edits are edit batches like any other: undone and redone by HistoryService (terms,
tags and search follow), ordered with caption batches, and refused when a photo is stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from archive.db.models import AuditEvent, LicenceTag, Photo
from archive.errors import ConflictError
from archive.handle import Archive
from archive.search import SearchService
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.licences import LicenceChange, LicenceService
from archive.services.photos import PhotoService
from tests.archive.services.helpers import import_example

EXPIRED_UK_OUT = LicenceChange(
    kind="rights-managed",
    uses="editorial,web",
    exclude_territories=("GB",),
    valid_until="2020-01-01",
    reference="INV-2211",
    add_restrictions=("NO SALES",),
)


@pytest.fixture
def ids(archive: Archive, tmp_path: Path) -> list[int]:
    """Getty and WireImage photos (each its own editorial-only licence), one with none."""
    return import_example(archive, tmp_path / "in")


def detail(archive: Archive, pid: int) -> dict[str, Any]:
    return PhotoService(archive.sessions).detail(pid)


def terms(licence: dict[str, Any] | None) -> dict[str, Any] | None:
    """licence_json without the row's identity (id, shared)."""
    if licence is None:
        return None
    return {k: v for k, v in licence.items() if k not in ("id", "shared")}


def tags(archive: Archive, pid: int) -> set[str]:
    with archive.sessions() as s:
        licence_id = s.scalar(select(Photo.licence_id).where(Photo.id == pid))
        return set(s.scalars(select(LicenceTag.tag).where(LicenceTag.licence_id == licence_id)))


def found(archive: Archive, query: str) -> set[int]:
    return set(SearchService(archive).search(query, limit=None).ids)


def batch_fields(archive: Archive, batch: str) -> list[str | None]:
    with archive.sessions() as s:
        return list(
            s.scalars(
                select(AuditEvent.field).where(AuditEvent.batch == batch).order_by(AuditEvent.id)
            )
        )


def test_licence_edit_is_undone_and_redone_with_tags_and_search(
    archive: Archive, ids: list[int]
) -> None:
    getty, wire, _bare = ids
    history = HistoryService(archive.sessions)
    before = detail(archive, getty)
    before_tags = tags(archive, getty)
    assert before_tags == {"editorial-only"}
    assert found(archive, "restriction:uk-out") == set()
    assert found(archive, "licence:expired") == set()

    result = LicenceService(archive.sessions).edit([getty], EXPIRED_UK_OUT)
    edited = detail(archive, getty)
    fields = batch_fields(archive, result["batch"])
    assert set(fields) == {
        "licence.kind",
        "licence.uses",
        "licence.excluded_territories",
        "licence.valid_until",
        "licence.reference",
        "licence.restrictions",
    }
    # Edited in place (the row is the photo's own): only photo.updated_at changed on the photo
    # row, and that alone moved the version counter (Photo's version_id_col).
    assert edited["licence"]["id"] == before["licence"]["id"]
    assert edited["version"] == before["version"] + 1 == result["versions"][getty]
    edited_tags = tags(archive, getty)
    assert {"uk-out", "gb-out", "no-sales", "rights-managed"} <= edited_tags
    assert found(archive, "restriction:uk-out") == {getty}
    assert found(archive, "restriction:no-sales") == {getty}
    assert found(archive, "licence:expired") == {getty}

    undone = history.undo()
    assert undone.photo_ids == [getty] and undone.changes == len(fields)
    restored = detail(archive, getty)
    assert restored["licence"] == before["licence"]
    assert restored["version"] == before["version"] + 2
    assert tags(archive, getty) == before_tags
    assert found(archive, "restriction:uk-out") == set()
    assert found(archive, "restriction:no-sales") == set()
    assert found(archive, "licence:expired") == set()
    assert found(archive, "restriction:editorial-only") == {getty, wire}
    last = [h for h in history.history(getty) if h.batch == undone.batch]
    assert {h.action for h in last} == {"undo"}
    assert {h.field for h in last} == set(fields)

    redone = history.redo()
    assert redone.photo_ids == [getty] and redone.changes == len(fields)
    assert detail(archive, getty)["licence"] == edited["licence"]
    assert tags(archive, getty) == edited_tags
    assert found(archive, "restriction:uk-out") == {getty}
    assert found(archive, "licence:expired") == {getty}

    # The redo is an edit again: the next undo takes it back.
    history.undo()
    assert detail(archive, getty)["licence"] == before["licence"]
    assert found(archive, "restriction:uk-out") == set()


def test_a_photo_without_a_licence_has_none_again_after_undo(
    archive: Archive, ids: list[int]
) -> None:
    *_, bare = ids
    history = HistoryService(archive.sessions)
    assert detail(archive, bare)["licence"] is None
    assert found(archive, "licence:none") == {bare}

    LicenceService(archive.sessions).edit(
        [bare], LicenceChange(exclude_territories=("GB",), valid_until="2020-06-30T12:00")
    )
    edited = detail(archive, bare)["licence"]
    assert edited["excluded_territories"] == ["GB"]
    assert found(archive, "licence:none") == set()
    assert found(archive, "restriction:uk-out") == {bare}
    assert found(archive, "licence:expired") == {bare}

    history.undo()
    assert detail(archive, bare)["licence"] is None  # licence_json as before: no licence
    assert found(archive, "licence:none") == {bare}
    assert found(archive, "restriction:uk-out") == set()
    assert found(archive, "licence:expired") == set()

    history.redo()
    assert terms(detail(archive, bare)["licence"]) == terms(edited)
    assert found(archive, "licence:none") == set()
    assert found(archive, "restriction:uk-out") == {bare}
    assert found(archive, "licence:expired") == {bare}


def test_undo_takes_the_licence_batch_then_the_caption_batch(
    archive: Archive, ids: list[int]
) -> None:
    getty, wire, _bare = ids
    history = HistoryService(archive.sessions)
    original = {pid: detail(archive, pid) for pid in (getty, wire)}
    EditService(archive.sessions).edit([getty], EditRequest(caption="Arrivals, London"))
    LicenceService(archive.sessions).edit([getty, wire], LicenceChange(exclude_territories=("GB",)))

    first = history.undo()
    assert sorted(first.photo_ids) == sorted([getty, wire])
    assert detail(archive, getty)["caption"] == "Arrivals, London"
    for pid in (getty, wire):
        assert detail(archive, pid)["licence"] == original[pid]["licence"]
    assert found(archive, "restriction:uk-out") == set()

    second = history.undo()
    assert second.photo_ids == [getty]
    assert detail(archive, getty)["caption"] == original[getty]["caption"]
    assert detail(archive, getty)["licence"] == original[getty]["licence"]

    # Redo walks forward again: the caption first, then the licence.
    history.redo()
    assert detail(archive, getty)["caption"] == "Arrivals, London"
    assert found(archive, "restriction:uk-out") == set()
    history.redo()
    assert found(archive, "restriction:uk-out") == {getty, wire}
    assert detail(archive, getty)["caption"] == "Arrivals, London"


def test_undo_takes_a_later_caption_batch_before_the_licence_batch(
    archive: Archive, ids: list[int]
) -> None:
    getty, *_ = ids
    history = HistoryService(archive.sessions)
    original = detail(archive, getty)
    LicenceService(archive.sessions).edit([getty], LicenceChange(kind="royalty-free"))
    EditService(archive.sessions).edit([getty], EditRequest(headline="Red carpet"))

    history.undo()
    d = detail(archive, getty)
    assert d["headline"] == original["headline"] and d["licence"]["kind"] == "royalty-free"
    history.undo()
    assert detail(archive, getty)["licence"] == original["licence"]


def test_undo_on_a_shared_licence_leaves_the_other_photo_alone(
    archive: Archive, ids: list[int]
) -> None:
    getty, wire, _bare = ids
    service, history = LicenceService(archive.sessions), HistoryService(archive.sessions)
    original = {pid: detail(archive, pid)["licence"] for pid in (getty, wire)}
    service.edit(
        [getty, wire], LicenceChange(kind="agency-subscription", reference="C-7"), shared=True
    )
    contract = detail(archive, wire)["licence"]
    assert contract["shared"] and detail(archive, getty)["licence"]["id"] == contract["id"]
    wire_version, wire_tags = detail(archive, wire)["version"], tags(archive, wire)

    # Changing one photo of a contract gives it its own copy; the other keeps the contract.
    service.edit([getty], LicenceChange(exclude_territories=("GB",), valid_until="2020-01-01"))
    assert detail(archive, getty)["licence"]["id"] != contract["id"]
    assert found(archive, "restriction:uk-out") == {getty}

    undone = history.undo()
    assert undone.photo_ids == [getty]
    assert terms(detail(archive, getty)["licence"]) == terms(contract)
    assert detail(archive, wire)["licence"] == contract
    assert detail(archive, wire)["version"] == wire_version
    assert tags(archive, wire) == wire_tags
    assert found(archive, "restriction:uk-out") == set()
    assert found(archive, "licence:expired") == set()

    history.redo()
    assert found(archive, "restriction:uk-out") == {getty}
    assert detail(archive, wire)["licence"] == contract

    # Undo the redo, then the contract itself: each photo gets its own terms back.
    history.undo()
    history.undo()
    for pid in (getty, wire):
        assert terms(detail(archive, pid)["licence"]) == terms(original[pid])
    assert found(archive, "restriction:editorial-only") == {getty, wire}


def test_undo_copies_a_licence_row_another_photo_has_joined_since(
    archive: Archive, ids: list[int]
) -> None:
    getty, wire, _bare = ids
    before = detail(archive, getty)["licence"]
    LicenceService(archive.sessions).edit([getty], LicenceChange(exclude_territories=("GB",)))
    edited = detail(archive, getty)["licence"]
    with archive.sessions.begin() as s:  # the wire photo now uses getty's (edited) row too
        s.get(Photo, wire).licence_id = edited["id"]  # type: ignore[union-attr]
    wire_before = detail(archive, wire)

    HistoryService(archive.sessions).undo()
    restored = detail(archive, getty)["licence"]
    assert terms(restored) == terms(before) and restored["id"] != edited["id"]
    assert detail(archive, wire) == wire_before  # still the edited row, untouched
    assert found(archive, "restriction:uk-out") == {wire}


def test_stale_version_is_a_conflict_and_nothing_is_saved(archive: Archive, ids: list[int]) -> None:
    getty, wire, _bare = ids
    service = LicenceService(archive.sessions)
    seen = {pid: detail(archive, pid)["version"] for pid in (getty, wire)}
    result = service.edit([getty], LicenceChange(kind="rights-managed"), expected_versions=seen)
    assert result["versions"] == {getty: seen[getty] + 1}

    with pytest.raises(ConflictError, match=f"photo {getty} was changed"):
        service.edit([getty], LicenceChange(kind="royalty-free"), expected_versions=seen)
    assert detail(archive, getty)["licence"]["kind"] == "rights-managed"
    # One stale photo refuses the whole batch: the fresh one is not changed either.
    wire_before = detail(archive, wire)
    with pytest.raises(ConflictError):
        service.edit([getty, wire], LicenceChange(kind="royalty-free"), expected_versions=seen)
    assert detail(archive, wire) == wire_before
    # The licence edit moved the version, so a caption edit read before it is refused too.
    with pytest.raises(ConflictError):
        EditService(archive.sessions).edit(
            [getty], EditRequest(caption="Stale", expected_versions={getty: seen[getty]})
        )
    # The refused edits wrote nothing: undo takes back the one that landed.
    HistoryService(archive.sessions).undo()
    assert detail(archive, getty)["licence"]["kind"] == "editorial-only"
