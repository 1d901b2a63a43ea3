"""Issue 22 item 2, the parts live checking missed: renaming or merging an agency and editing
an event change photo rows with one bulk UPDATE, which no ORM hook sees, and a credit edit
changes the duplicate-credit finding of the picture's other copies — so those photos kept a
check made before the change. They are now checked in the same transaction."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from archive.db.licensing import CheckResult
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.edits import EditRequest, EditService
from archive.services.photos import PhotoService
from archive.services.registries import AgencyService, EventService
from tests.archive.services.test_live_check import import_sample
from tests.factories import winslet_getty, write_photo


def checked_at(archive: Archive, ids: list[int]) -> dict[int, datetime]:
    with archive.sessions() as s:
        rows = s.execute(
            select(CheckResult.photo_id, CheckResult.at).where(CheckResult.photo_id.in_(ids))
        )
        return {pid: at for pid, at in rows}


def test_rename_merge_and_event_edit_recheck_their_photos(archive: Archive) -> None:
    ids = import_sample(archive)
    every = sorted(ids.values())
    first = checked_at(archive, every)
    assert set(first) == set(every)

    AgencyService(archive.sessions).rename("Getty Images", "Getty Pix")
    after_rename = checked_at(archive, every)
    moved = {pid for pid in every if after_rename[pid] > first[pid]}
    assert ids["01-getty"] in moved
    assert ids["06-reuters"] not in moved  # only the agency's own photos are checked again

    AgencyService(archive.sessions).merge("Getty Pix", ["Reuters"])
    after_merge = checked_at(archive, every)
    assert after_merge[ids["06-reuters"]] > after_rename[ids["06-reuters"]]

    EventService(archive.sessions).edit("Sample", venue="The Royal Festival Hall")
    after_edit = checked_at(archive, every)
    assert all(after_edit[pid] > after_merge[pid] for pid in every)


def test_a_credit_edit_rechecks_the_other_copies_of_the_picture(
    archive: Archive, tmp_path: Path
) -> None:
    """duplicate-credit reads the other copies' credit lines: editing one copy changes the
    other's check, so the other copy is checked again in the same transaction."""
    first = dataclasses.replace(winslet_getty(), credit="Joe Maher/Getty Images")
    second = dataclasses.replace(winslet_getty(), credit="J. Maher/Getty Images", caption="x")
    # Same pixels (same seed), different metadata: two files, one picture.
    write_photo(tmp_path / "in" / "a.jpg", first, seed=77)
    write_photo(tmp_path / "in" / "b.jpg", second, seed=77)
    session = ImportSession(archive, [tmp_path / "in"], ImportOptions(jobs=1))
    list(session.run())
    a, b = sorted(session.report.photo_ids)

    def rules(pid: int) -> set[str]:
        check = PhotoService(archive.sessions).detail(pid)["check"]
        return {f["rule"] for f in check["findings"]}

    assert "duplicate-credit" in rules(a) and "duplicate-credit" in rules(b)
    EditService(archive.sessions).edit([b], EditRequest(credit="Joe Maher/Getty Images"))
    assert "duplicate-credit" not in rules(b)
    assert "duplicate-credit" not in rules(a)  # the other copy's stored check followed
