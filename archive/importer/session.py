"""The import session: scan → (hash, read, copy) in worker processes → one writer → thumbnails.

``run()`` is a generator of ImportProgress events, so the CLI draws a progress bar and
the GUI updates its grid from the same stream. A photo is committed (catalogued and
searchable) as soon as its batch lands; thumbnails are made after, on the same pool,
queued behind the remaining catalogue work, so cataloguing is never slowed by them.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archive.credits import load_registry
from archive.db import statistics
from archive.handle import Archive
from archive.importer.persist import Persisted, Persister
from archive.importer.pipeline import Counters, Pipeline, read_groups
from archive.importer.scanner import scan
from archive.importer.stages import init_worker
from archive.maintenance.files import temp_owner_alive
from archive.parallel import mp_context
from archive.progress import FailedFile, ImportProgress, ImportReport
from archive.provenance.read import trust_anchors


@dataclass
class ImportOptions:
    event: str | None = None
    reference: bool = False  # leave files where they are instead of copying them in
    jobs: int | None = None  # worker processes; default: every core
    thumbnails: bool = True
    # A pool the caller keeps across imports (the folder watcher: one per watch, not one
    # per arriving file); it must run importer.stages.init_worker. Never shut down here.
    pool: ProcessPoolExecutor | None = None


def clean_partial_files(archive: Archive) -> int:
    """Remove temp files left by an import that was killed (its process no longer runs)."""
    removed = 0
    for folder in (archive.originals_dir, archive.thumbnails_dir):
        for part in folder.glob("*/.*.part"):
            if temp_owner_alive(part):
                continue
            with contextlib.suppress(OSError):
                part.unlink()
                removed += 1
    return removed


class ImportSession:
    def __init__(
        self, archive: Archive, paths: Iterable[str | Path], options: ImportOptions | None = None
    ) -> None:
        self.archive = archive
        self.paths = list(paths)
        self.options = options or ImportOptions()
        self.report = ImportReport()
        self._cancelled = False

    def cancel(self) -> None:
        """Ask a running import to stop after the batch in hand (GUI Cancel button)."""
        self._cancelled = True

    def run(self) -> Iterator[ImportProgress]:
        start = time.monotonic()
        clean_partial_files(self.archive)
        files: list[Path] = []
        for found in scan(self.paths):
            if isinstance(found, FailedFile):
                self.report.failed.append(found)
            else:
                files.append(found)
        state = Counters(total=len(files) + len(self.report.failed), start=start)
        state.failed = len(self.report.failed)
        yield state.event("started")
        for failure in self.report.failed:
            yield state.event("failed", path=failure.path, error=failure.error)
        if not files:
            yield state.event("finished")
            return

        jobs = self.options.jobs or os.cpu_count() or 1
        # The readers (exiv2, Pillow, pillow-heif) load in the workers (init_worker), not here:
        # the parent only plans and writes rows, and each worker's import overlaps
        # the parent's own start (scan, agency pack, catalogue) instead of preceding it.
        archive_dir = None if self.options.reference else str(self.archive.folder)
        # The archive's own agency pack (if any) extends the bundled rules; a malformed
        # one stops the import here, before anything is read.
        registry = load_registry(self.archive.folder)
        persister = Persister(self.archive.sessions, self.options.event, uuid.uuid4().hex, registry)
        own_pool = self.options.pool is None
        pool = self.options.pool or ProcessPoolExecutor(
            max_workers=min(jobs, len(files)), mp_context=mp_context(), initializer=init_worker
        )
        pipe = Pipeline(self, pool, archive_dir, persister, state)
        pipe.trust_anchors = trust_anchors(self.archive.folder)
        try:
            for group in read_groups([str(f) for f in files], jobs):
                pipe.submit_read(group)
            yield from pipe.run()
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                self.report.interrupted = True
            if own_pool:
                pool.shutdown(wait=True, cancel_futures=True)
            # Copies written for rows this failed run could not point at yet (disk full,
            # lost database): remove them, so the archive holds no file nobody refers to.
            pipe.remove_unrecorded_copies()
            raise
        if own_pool:
            pool.shutdown(wait=True)
        # A bulk import changes what the planners should choose: fresh statistics now,
        # not whenever autovacuum gets round to it (archive/db/statistics.py).
        statistics.after_import(self.archive.engine, self.report.imported)
        yield state.event("finished")

    def _record(self, item: Persisted) -> None:
        if item.duplicate:
            self.report.duplicates += 1
        else:
            self.report.imported += 1
        if item.photo_id not in self.report.photo_ids:
            self.report.photo_ids.append(item.photo_id)
