"""Live checking (issue 17 item 5): what import, edits, undo/redo, licence edits and
overrides write is checked against the default profile in the same transaction, so the
stored check state (`status:`, the grid's badges, the sidebar's counts) is right at once.
Also issue 18 items 7 and 9: one finding per problem, and hard rules nobody overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import UsageError
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.search import SearchService
from archive.services.compliance import ComplianceService
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.licences import LicenceChange, LicenceService
from archive.services.photos import PhotoService
from archive.services.profiles import ProfileService
from tests.factories import desk_ready

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample"


def import_sample(archive: Archive, ready: bool = True) -> dict[str, int]:
    files = sorted(SAMPLE.glob("*.jpg"))
    session = ImportSession(archive, files, ImportOptions(event="Sample", jobs=1))
    list(session.run())
    assert not session.report.failed
    if ready:
        desk_ready(archive, list(session.report.photo_ids))
    photos = PhotoService(archive.sessions)
    return {
        Path(photos.detail(pid)["source_paths"][0]).stem: pid for pid in session.report.photo_ids
    }


def blocked(archive: Archive) -> set[int]:
    return set(SearchService(archive).search("status:blocked", limit=None).ids)


def test_import_checks_every_picture_and_blocked_matches_the_check(archive: Archive) -> None:
    ids = import_sample(archive, ready=False)
    photos = PhotoService(archive.sessions)
    statuses = photos.statuses(list(ids.values()))
    assert set(statuses) == set(ids.values())  # nothing "Not checked yet" after import
    assert SearchService(archive).search("status:unchecked", limit=0).total == 0
    assert photos.detail(ids["04-uk-out"])["check"]["profile"] == "editorial-web-GB"

    report = ComplianceService(archive.sessions).check(sorted(ids.values()), record=False)
    assert blocked(archive) == {p.id for p in report.photos if p.status == "blocked"}
    # As imported: the rights problems, and the credits the engine flags (issue 12: sample 03
    # drops WireImage; Getty's own "Getty Images" + By-line drops the photographer).
    assert {ids[s] for s in ("03-wireimage-short", "04-uk-out", "05-embargo", "09-no-credit")} <= (
        blocked(archive)
    )
    assert ids["06-reuters"] not in blocked(archive)
    assert {p.id: p.status for p in report.photos} == statuses
    # Once the desk applies the proposed credits, only the rights problems block.
    desk_ready(archive, list(ids.values()))
    assert blocked(archive) == {ids["04-uk-out"], ids["05-embargo"], ids["09-no-credit"]}


def test_edits_undo_redo_and_licence_edits_are_checked_at_once(archive: Archive) -> None:
    ids = import_sample(archive)
    photos = PhotoService(archive.sessions)
    bare, getty = ids["09-no-credit"], ids["01-getty"]
    assert photos.statuses([bare]) == {bare: "blocked"}

    EditService(archive.sessions).edit([bare], EditRequest(credit="Sara Lind/Getty Images"))
    assert photos.statuses([bare])[bare] != "blocked"
    assert bare not in blocked(archive)

    history = HistoryService(archive.sessions)
    history.undo()
    assert photos.statuses([bare]) == {bare: "blocked"}
    history.redo()
    assert photos.statuses([bare])[bare] != "blocked"

    LicenceService(archive.sessions).edit([getty], LicenceChange(add_restrictions=("UK OUT",)))
    assert photos.statuses([getty]) == {getty: "blocked"}
    findings = photos.detail(getty)["check"]
    assert findings["status"] == "blocked"
    history.undo()
    assert photos.statuses([getty]) == {getty: "clear"}


def test_an_override_is_checked_at_once(archive: Archive) -> None:
    ids = import_sample(archive)
    uk = ids["04-uk-out"]
    ComplianceService(archive.sessions).override(uk, "territory", "Cleared with Shutterstock")
    assert PhotoService(archive.sessions).statuses([uk]) == {uk: "clear"}
    assert uk not in blocked(archive)


def test_one_finding_per_problem_when_licence_and_agency_say_the_same(archive: Archive) -> None:
    ids = import_sample(archive)
    report = ComplianceService(archive.sessions).check([ids["04-uk-out"], ids["05-embargo"]])
    uk, embargo = report.photos
    assert [f.rule for f in uk.findings] == ["territory"]
    assert "'UK OUT'" in uk.findings[0].message  # the agency's own words are kept
    assert [f.rule for f in embargo.findings] == ["embargo"]
    assert "EMBARGOED UNTIL" in embargo.findings[0].message


def test_hard_rules_cannot_be_overridden_unless_the_profile_says_so(archive: Archive) -> None:
    ids = import_sample(archive)
    pid = ids["05-embargo"]
    compliance = ComplianceService(archive.sessions)
    assert ProfileService(archive.sessions).show("editorial-web-GB")["hard_rules"] == [
        "ai-generated",
        "embargo",
        "licence-expired",
    ]
    with pytest.raises(UsageError, match="embargo cannot be overridden"):
        compliance.override(pid, "embargo", "Desk test only")
    with pytest.raises(UsageError, match="cannot be overridden"):
        compliance.check([pid], extra_overrides={"embargo": "Desk test only"})
    finding = compliance.check([pid]).photos[0].findings[0]
    assert finding.hard and finding.as_json()["hard"] is True

    ProfileService(archive.sessions).edit("editorial-web-GB", severities={"embargo": "error"})
    compliance.override(pid, "embargo", "Cleared with the agency in writing")
    assert compliance.check([pid]).photos[0].status == "clear"
    # And any rule can be made hard.
    ProfileService(archive.sessions).edit("editorial-web-GB", severities={"territory": "hard"})
    with pytest.raises(UsageError):
        compliance.override(ids["04-uk-out"], "territory", "Cleared")
