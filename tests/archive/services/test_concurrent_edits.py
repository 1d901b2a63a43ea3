"""Two processes edit the same photo at once: every edit lands or is a conflict, none is lost.

Each round both editors read the same version, meet at a barrier, then save: they collide
every time, so with the version check exactly one of each pair lands and the other is
refused. Without it both would land and the counts below would say so (a test that counted
only "lost" edits would pass either way).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from archive.db.models import AuditEvent
from archive.errors import ConflictError
from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.photos import PhotoService
from tests.factories import winslet_getty, write_photo

EDITS = 24
FIRST = (None, "alice", "bob")  # who saves first in a round; None: both at once


def editor(
    folder: str,
    db_url: str | None,
    name: str,
    photo_id: int,
    out: multiprocessing.Queue,
    start: Any,
) -> None:
    landed, conflicts = [], 0
    with Archive.open(folder, db_url) as archive:
        photos, edits = PhotoService(archive.sessions), EditService(archive.sessions)
        start.wait(timeout=60)  # both editors are at their desks before anyone types
        for i in range(EDITS):
            seen = photos.detail(photo_id)["version"]
            start.wait(timeout=60)  # both read the same version: their saves collide
            # Round kinds: both save at once (the catalogue's row version decides), or one
            # saves after the other has landed (only the version the editor saw can tell).
            first = FIRST[i % len(FIRST)]
            if first is not None and first != name:
                start.wait(timeout=60)  # the other editor's save has landed
            caption = f"{name} edit {i}"
            try:
                edits.edit(
                    [photo_id], EditRequest(caption=caption, expected_versions={photo_id: seen})
                )
                landed.append(caption)
            except ConflictError:
                conflicts += 1
            if first is not None and first == name:
                start.wait(timeout=60)
            start.wait(timeout=60)  # both saves are over before the next round reads
    out.put((name, landed, conflicts))


def test_no_update_is_ever_lost(archive: Archive, tmp_path: Path, db_url: str | None) -> None:
    from archive.importer.session import ImportOptions, ImportSession

    photo = write_photo(tmp_path / "p.jpg", winslet_getty(), seed=77)
    session = ImportSession(archive, [photo], ImportOptions(jobs=1))
    list(session.run())
    pid = session.report.photo_ids[0]
    start_version = PhotoService(archive.sessions).detail(pid)["version"]

    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue = ctx.Queue()
    start = ctx.Barrier(2)
    procs = [
        ctx.Process(target=editor, args=(str(archive.folder), db_url, name, pid, out, start))
        for name in ("alice", "bob")
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    landed = [c for _, caps, _ in results for c in caps]
    conflicts = sum(c for *_, c in results)
    assert len(landed) + conflicts == 2 * EDITS
    # Every collision was noticed: one edit of each round landed, the other was refused.
    assert conflicts == EDITS
    for i in range(EDITS):
        won = {f"alice edit {i}", f"bob edit {i}"} & set(landed)
        assert len(won) == 1, i
        if (first := FIRST[i % len(FIRST)]) is not None:
            assert won == {f"{first} edit {i}"}, i  # the later save saw a stale version
    final = PhotoService(archive.sessions).detail(pid)
    # Every landed edit moved the version by one and is in the audit trail; nothing else did.
    assert final["version"] == start_version + len(landed)
    with archive.sessions() as s:
        audited = s.scalars(
            select(AuditEvent.new)
            .where(AuditEvent.entity_id == pid, AuditEvent.field == "caption")
            .order_by(AuditEvent.id)
        ).all()
        assert s.scalar(select(func.count()).where(AuditEvent.field == "caption")) == len(landed)
    assert sorted(audited) == sorted(landed)
    # The photo shows the last edit that landed, in the order the audit trail recorded them.
    assert [int(c.rsplit(" ", 1)[1]) for c in audited] == list(range(EDITS))
    assert final["caption"] == audited[-1]
