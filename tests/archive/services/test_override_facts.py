"""Issue 22 item 1: an override answers a finding that exists, records the facts it was
given for, and lapses — the finding comes back, marked "override no longer applies" — when
those facts change. On the bundled sample (04 is UK OUT, 05 embargoed, 09 has no credit)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.db.licensing import Override
from archive.errors import UsageError
from archive.handle import Archive
from archive.services.compliance import ComplianceService
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.licences import LicenceChange, LicenceService
from archive.services.photos import PhotoService
from archive.services.profiles import ProfileService
from tests.archive.services.test_live_check import import_sample


def findings(archive: Archive, pid: int, rule: str) -> list[dict[str, object]]:
    report = ComplianceService(archive.sessions).check([pid], record=False)
    return [f.as_json() for f in report.photos[0].findings if f.rule == rule]


def test_an_override_without_a_finding_is_refused(archive: Archive) -> None:
    """The issue's story: photo 1 had no territory finding, an override was accepted, later GB
    was excluded on its licence and the photo checked clear. Now the override is refused, and
    the exclusion blocks the photo."""
    ids = import_sample(archive)
    getty = ids["01-getty"]
    compliance = ComplianceService(archive.sessions)
    with pytest.raises(UsageError, match=r"photo \d+ has no territory finding"):
        compliance.override(getty, "territory", "Cleared in advance")
    with archive.sessions() as s:
        assert s.scalars(select(Override).where(Override.photo_id == getty)).all() == []

    LicenceService(archive.sessions).edit([getty], LicenceChange(exclude_territories=("GB",)))
    assert PhotoService(archive.sessions).statuses([getty]) == {getty: "blocked"}


def test_a_territory_override_lapses_when_the_licence_changes(archive: Archive) -> None:
    ids = import_sample(archive)
    uk = ids["04-uk-out"]
    compliance = ComplianceService(archive.sessions)
    photos = PhotoService(archive.sessions)
    row = compliance.override(uk, "territory", "Cleared with Shutterstock for GB, ref 4471")
    assert row["facts"]["territory"] == "GB"
    assert [r["text"] for r in row["facts"]["restrictions"]] == ["UK OUT"]
    assert photos.statuses([uk]) == {uk: "clear"}

    # The licence now also excludes France: not what the desk cleared.
    LicenceService(archive.sessions).edit([uk], LicenceChange(exclude_territories=("FR",)))
    assert photos.statuses([uk]) == {uk: "blocked"}  # the stored (live) check knows at once
    (finding,) = findings(archive, uk, "territory")
    assert finding["overridden"] is False
    assert finding["override_lapsed"] is True
    assert finding["override_note"] == "override no longer applies"
    assert finding["lapsed_reason"] == "Cleared with Shutterstock for GB, ref 4471"
    assert "UK OUT" in str(finding["lapsed_given_for"])

    # Undo the licence change: the facts are the ones it was given for, it applies again.
    HistoryService(archive.sessions).undo()
    assert photos.statuses([uk]) == {uk: "clear"}
    (finding,) = findings(archive, uk, "territory")
    assert finding["overridden"] is True and "override_lapsed" not in finding


def test_an_embargo_override_lapses_when_the_embargo_moves(archive: Archive) -> None:
    ids = import_sample(archive)
    pid = ids["05-embargo"]
    ProfileService(archive.sessions).edit("editorial-web-GB", severities={"embargo": "error"})
    compliance = ComplianceService(archive.sessions)
    compliance.override(pid, "embargo", "The agency lifted it by phone")
    assert PhotoService(archive.sessions).statuses([pid]) == {pid: "clear"}

    LicenceService(archive.sessions).edit([pid], LicenceChange(valid_from="2099-01-01T00:00"))
    report = compliance.check([pid], record=False)
    assert report.photos[0].status == "blocked"
    lapsed = [f for f in report.photos[0].findings if f.override_lapsed]
    assert lapsed and lapsed[0].rule == "embargo"


def test_a_credit_override_lapses_when_the_credit_line_changes(archive: Archive) -> None:
    ids = import_sample(archive, ready=False)
    pid = ids["03-wireimage-short"]  # 'Mike Harlan/Getty': not in Getty Images' form
    compliance = ComplianceService(archive.sessions)
    row = compliance.override(pid, "credit-format", "The client's house style, agreed")
    assert row["facts"]["credit_line"] == "Mike Harlan/Getty"
    assert findings(archive, pid, "credit-format")[0]["overridden"] is True

    # Another line, still out of form: the override was not given for it.
    EditService(archive.sessions).edit([pid], EditRequest(credit="M. Harlan/Getty"))
    (finding,) = findings(archive, pid, "credit-format")
    assert finding["overridden"] is False and finding["override_lapsed"] is True
    assert "Mike Harlan/Getty" in str(finding["lapsed_given_for"])

    # Ctrl+Z brings the line back, and with it the override.
    HistoryService(archive.sessions).undo()
    assert findings(archive, pid, "credit-format")[0]["overridden"] is True


def test_overrides_written_before_facts_were_recorded_still_apply(archive: Archive) -> None:
    """Catalogues from before migration 0019: the override has no facts (NULL)."""
    ids = import_sample(archive)
    uk = ids["04-uk-out"]
    with archive.sessions.begin() as s:
        s.add(Override(photo_id=uk, rule="territory", reason="Old desk note", user="old"))
    (finding,) = findings(archive, uk, "territory")
    assert finding["overridden"] is True
