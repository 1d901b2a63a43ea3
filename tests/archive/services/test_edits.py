"""Batch editing: only named fields change, every change is audited, undo reverts a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.captions import CodeReplacements, load_templates
from archive.errors import ConflictError, NotFoundError, UsageError
from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.people import PeopleService
from archive.services.photos import PhotoService
from archive.services.registries import EventService
from tests.archive.services.helpers import import_example
from tests.factories import BAFTA

GOLDEN_TWO = (
    "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with P&O Cruises "
    "at The Royal Festival Hall on May 14, 2023 in London, England."
)
GOLDEN_ONE = (
    "Kate Winslet attends the 2023 BAFTA Television Awards with P&O Cruises at The Royal "
    "Festival Hall on May 14, 2023 in London, England."
)


@pytest.fixture
def ids(archive: Archive, tmp_path: Path) -> list[int]:
    return import_example(archive, tmp_path / "in")


def detail(archive: Archive, pid: int) -> dict:
    return PhotoService(archive.sessions).detail(pid)


def test_only_named_fields_change_and_each_change_is_audited(
    archive: Archive, ids: list[int]
) -> None:
    before = [detail(archive, i) for i in ids]
    result = EditService(archive.sessions).edit(ids, EditRequest(headline="Red carpet arrivals"))
    assert result.photo_ids == ids and result.changes == 3
    for old, pid in zip(before, ids, strict=True):
        new = detail(archive, pid)
        assert new["headline"] == "Red carpet arrivals"
        assert new["version"] == old["version"] + 1
        assert {
            k: v for k, v in new.items() if k not in ("headline", "version", "updated_at", "check")
        } == {  # "check": checked live again, so its time moves on
            k: v for k, v in old.items() if k not in ("headline", "version", "updated_at", "check")
        }
    history = HistoryService(archive.sessions).history(ids[0])
    assert [(h.action, h.field, h.new) for h in history][-1] == (
        "edit",
        "headline",
        "Red carpet arrivals",
    )
    again = EditService(archive.sessions).edit(ids, EditRequest(headline="Red carpet arrivals"))
    assert again.changes == 0 and again.photo_ids == []


def test_getty_template_gives_the_house_sentences(archive: Archive, ids: list[int]) -> None:
    EventService(archive.sessions).edit(
        BAFTA,
        start_date="2023-05-14",
        venue="The Royal Festival Hall",
        city="London",
        country="England",
    )
    template = load_templates(archive.folder)["getty-event"]
    EditService(archive.sessions).edit(ids[:2], EditRequest(template=template))
    assert detail(archive, ids[0])["caption"] == GOLDEN_TWO
    assert detail(archive, ids[1])["caption"] == GOLDEN_ONE


def test_unresolved_template_variable_is_an_error_and_nothing_changes(
    archive: Archive, ids: list[int]
) -> None:
    template = load_templates(archive.folder)["getty-event"]
    before = [detail(archive, i) for i in ids]
    # No venue or date on the event yet: the first photo cannot be captioned, so none is.
    with pytest.raises(UsageError, match="has no value"):
        EditService(archive.sessions).edit(ids, EditRequest(template=template))
    assert [detail(archive, i) for i in ids] == before


def test_people_by_alias_and_create(archive: Archive, ids: list[int]) -> None:
    PeopleService(archive.sessions).alias("Kate Winslet", "Kate Elizabeth Winslet")
    service = EditService(archive.sessions)
    service.edit([ids[2]], EditRequest(add_people=("kate elizabeth winslet",)))
    assert detail(archive, ids[2])["people"] == ["Kate Winslet"]
    with pytest.raises(NotFoundError, match="--create"):
        service.edit([ids[2]], EditRequest(add_people=("Olivia Colman",)))
    service.edit([ids[2]], EditRequest(add_people=("Olivia Colman",), create=True))
    service.edit([ids[2]], EditRequest(remove_people=("KATE WINSLET",)))
    assert detail(archive, ids[2])["people"] == ["Olivia Colman"]


def test_event_and_credit_edits(archive: Archive, ids: list[int]) -> None:
    service = EditService(archive.sessions)
    with pytest.raises(NotFoundError):
        service.edit([ids[2]], EditRequest(event="Met Gala 2024"))
    service.edit([ids[2]], EditRequest(event="Met Gala 2024", create=True))
    assert detail(archive, ids[2])["event"]["name"] == "Met Gala 2024"

    service.edit([ids[2]], EditRequest(photographer="Mike Marsland", agency="wireimage"))
    d = detail(archive, ids[2])
    assert d["credit_line"] == "Mike Marsland/WireImage/Getty Images"
    assert (d["photographer"], d["agency"], d["agency_parent"]) == (
        "Mike Marsland",
        "WireImage",
        "Getty Images",
    )

    service.edit([ids[2]], EditRequest(credit="REUTERS/Hannah McKay"))
    d = detail(archive, ids[2])
    assert (d["credit_line"], d["photographer"], d["agency"]) == (
        "REUTERS/Hannah McKay",
        "Hannah McKay",
        "Reuters",
    )


def test_code_replacements_and_unknown_codes(archive: Archive, ids: list[int]) -> None:
    codes = CodeReplacements.from_mapping({"kw": "Kate Winslet", "lz": "Łódź"})
    result = EditService(archive.sessions, codes).edit(
        [ids[2]], EditRequest(caption="=kw= arrives in =lz= with =zz=", add_keywords=("=lz=",))
    )
    d = detail(archive, ids[2])
    assert d["caption"] == "Kate Winslet arrives in Łódź with =zz="
    assert "Łódź" in d["keywords"]
    assert any("=zz=" in w or "zz" in w for w in result.warnings)


def test_undo_reverts_the_last_batch_only(archive: Archive, ids: list[int]) -> None:
    service = EditService(archive.sessions)
    original = [detail(archive, i) for i in ids]
    service.edit(ids, EditRequest(headline="First"))
    service.edit(
        ids[:2],
        EditRequest(caption="Second", add_keywords=("BAFTA",), remove_people=("Kate Winslet",)),
    )
    undone = HistoryService(archive.sessions).undo()
    assert sorted(undone.photo_ids) == sorted(ids[:2])
    for old, pid in zip(original, ids, strict=True):
        d = detail(archive, pid)
        assert d["headline"] == "First"
        assert (d["caption"], d["keywords"], d["people"]) == (
            old["caption"],
            old["keywords"],
            old["people"],
        )
    HistoryService(archive.sessions).undo()
    assert [detail(archive, i)["headline"] for i in ids] == [o["headline"] for o in original]
    actions = [h.action for h in HistoryService(archive.sessions).history(ids[0])]
    assert actions.count("undo") >= 2
    HistoryService(archive.sessions).redo()
    assert [detail(archive, i)["headline"] for i in ids] == ["First"] * 3
    with pytest.raises(UsageError):
        EditService(archive.sessions).edit(ids, EditRequest(title="New"))
        HistoryService(archive.sessions).redo()


def test_stale_version_is_a_conflict_not_a_lost_update(archive: Archive, ids: list[int]) -> None:
    seen = detail(archive, ids[0])["version"]
    service = EditService(archive.sessions)
    service.edit([ids[0]], EditRequest(caption="Editor A", expected_versions={ids[0]: seen}))
    with pytest.raises(ConflictError, match="changed"):
        service.edit([ids[0]], EditRequest(caption="Editor B", expected_versions={ids[0]: seen}))
    assert detail(archive, ids[0])["caption"] == "Editor A"


def test_bad_requests(archive: Archive, ids: list[int]) -> None:
    service = EditService(archive.sessions)
    with pytest.raises(UsageError):
        service.edit(ids, EditRequest())
    with pytest.raises(UsageError):
        service.edit(ids, EditRequest(caption="x", template="{people}"))
    with pytest.raises(NotFoundError):
        service.edit([9999], EditRequest(caption="x"))
