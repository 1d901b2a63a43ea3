"""PhotoService.statuses: each photo's last check status in one query (the grid's badges)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete

from archive.db.models import CheckResult
from archive.handle import Archive
from archive.search import SearchService
from archive.services.compliance import ComplianceService
from archive.services.photos import PhotoService
from tests.factories import winslet_getty, write_photo

from .helpers import import_example


def test_statuses_are_the_last_check_and_unchecked_photos_are_absent(
    archive: Archive, tmp_path: Path
) -> None:
    getty, wire, bare = import_example(archive, tmp_path / "in")
    photos = PhotoService(archive.sessions)
    # Checked live at import against the default profile (issue 17 item 5).
    assert photos.statuses([getty, wire, bare]) == {
        getty: "clear",
        wire: "warning",  # IIM cuts the 36-byte WireImage credit
        bare: "blocked",
    }
    assert photos.statuses([]) == {}
    with archive.sessions.begin() as s:  # a photo never checked (an older catalogue)
        s.execute(delete(CheckResult).where(CheckResult.photo_id == wire))

    ComplianceService(archive.sessions).check([getty, bare], "editorial-web-GB")
    found = photos.statuses([getty, wire, bare, 999_999])
    assert set(found) == {getty, bare}  # wire was never checked; 999999 does not exist
    assert found[getty] == "clear" and found[bare] == "blocked"

    # The same answer as the search language's status: field, which the grid used before.
    search = SearchService(archive)
    for status in ("blocked", "warning", "clear"):
        ids = set(search.search(f"status:{status}", limit=None).ids)
        assert {i for i, s in found.items() if s == status} == ids


def test_statuses_follow_a_recheck_and_many_ids(archive: Archive, tmp_path: Path) -> None:
    meta = winslet_getty()
    meta.instructions = "EDITORIAL USE ONLY. UK OUT"
    uk = write_photo(tmp_path / "in" / "uk.jpg", meta, seed=901)
    from archive.importer.session import ImportOptions, ImportSession

    session = ImportSession(archive, [uk], ImportOptions(jobs=1))
    list(session.run())
    (pid,) = session.report.photo_ids
    compliance = ComplianceService(archive.sessions)
    compliance.check([pid], "editorial-web-GB")
    photos = PhotoService(archive.sessions)
    assert photos.statuses([pid]) == {pid: "blocked"}
    compliance.override(pid, "territory", "Cleared with the agency", "editorial-web-GB")
    compliance.check([pid], "editorial-web-GB")
    assert photos.statuses([pid]) == {pid: "clear"}
    # More ids than one query takes: chunked, same answer.
    assert photos.statuses([*range(100_000, 101_200), pid]) == {pid: "clear"}
