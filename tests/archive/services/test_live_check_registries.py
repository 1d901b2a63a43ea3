"""Issue 22 item 2, the part live checking missed: renaming or merging an agency and editing
an event change photo rows with one bulk UPDATE, which no ORM hook sees — so those photos
kept a check made before the change. They are now checked in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from archive.db.licensing import CheckResult
from archive.handle import Archive
from archive.services.registries import AgencyService, EventService
from tests.archive.services.test_live_check import import_sample


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
