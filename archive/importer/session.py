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
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.credits import load_registry
from archive.handle import Archive
from archive.importer.persist import Persisted, Persister
from archive.importer.scanner import scan
from archive.importer.stages import (
    Catalogued,
    Failure,
    Stored,
    catalogue_file,
    init_worker,
    store_file,
)
from archive.maintenance.files import temp_owner_alive
from archive.metadata.reader import init_worker as init_reader
from archive.parallel import mp_context
from archive.progress import FailedFile, ImportProgress, ImportReport

BATCH_SIZE = 200
FLUSH_SECONDS = 0.25


@dataclass
class ImportOptions:
    event: str | None = None
    reference: bool = False  # leave files where they are instead of copying them in
    jobs: int | None = None  # worker processes; default: every core
    thumbnails: bool = True


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
        state = _Counters(total=len(files) + len(self.report.failed), start=start)
        state.failed = len(self.report.failed)
        yield state.event("started")
        for failure in self.report.failed:
            yield state.event("failed", path=failure.path, error=failure.error)
        if not files:
            yield state.event("finished")
            return

        jobs = self.options.jobs or os.cpu_count() or 1
        # Loaded once here so forked workers inherit it instead of each importing it.
        init_reader()
        archive_dir = None if self.options.reference else str(self.archive.folder)
        # The archive's own agency pack (if any) extends the bundled rules; a malformed
        # one stops the import here, before anything is read.
        registry = load_registry(self.archive.folder)
        persister = Persister(self.archive.sessions, self.options.event, uuid.uuid4().hex, registry)
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(files)), mp_context=mp_context(), initializer=init_worker
        )
        try:
            yield from self._drive(pool, files, archive_dir, persister, state)
        except KeyboardInterrupt:
            self.report.interrupted = True
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        yield state.event("finished")

    def _drive(
        self,
        pool: ProcessPoolExecutor,
        files: list[Path],
        archive_dir: str | None,
        persister: Persister,
        state: _Counters,
    ) -> Iterator[ImportProgress]:
        pipe = _Pipeline(self, pool, archive_dir, persister, state)
        for f in files:
            pipe.reading[pool.submit(catalogue_file, str(f))] = str(f)
        yield from pipe.run()

    def _record(self, item: Persisted) -> None:
        if item.duplicate:
            self.report.duplicates += 1
        else:
            self.report.imported += 1
        if item.photo_id not in self.report.photo_ids:
            self.report.photo_ids.append(item.photo_id)


class _Pipeline:
    """Two stages on one pool: (1) read → catalogue rows, (2) copy + thumbnail → move rows.

    Stage-2 work is submitted as stage-1 rows commit, so it queues behind the reading
    still to do: every photo is searchable before the first copy slows anything down.
    """

    def __init__(
        self,
        session: ImportSession,
        pool: ProcessPoolExecutor,
        archive_dir: str | None,
        persister: Persister,
        state: _Counters,
    ) -> None:
        self.session = session
        self.pool = pool
        self.archive_dir = archive_dir
        self.persister = persister
        self.state = state
        self.reading: dict[Future[Any], str] = {}
        self.storing: dict[Future[Any], Persisted] = {}
        self.catalogue_buffer: list[Catalogued] = []
        self.store_buffer: list[tuple[Persisted, Stored]] = []

    def run(self) -> Iterator[ImportProgress]:
        report, state = self.session.report, self.state
        last_flush = time.monotonic()
        while self.reading or self.storing or self.catalogue_buffer or self.store_buffer:
            if self.session._cancelled:
                report.interrupted = True
                for fut in list(self.reading) + list(self.storing):
                    fut.cancel()
                self.reading.clear()
                self.storing.clear()
                # What was read and stored is still worth keeping.
                yield from self._flush_catalogue(submit=False)
                yield from self._flush_stored()
                return
            pending: set[Future[Any]] = set(self.reading) | set(self.storing)
            done = (
                wait(pending, timeout=FLUSH_SECONDS, return_when=FIRST_COMPLETED)[0]
                if pending
                else set()
            )
            for fut in done:
                if fut in self.reading:
                    path = self.reading.pop(fut)
                    result = _result(fut, path)
                    if isinstance(result, Failure):
                        report.failed.append(FailedFile(result.path, result.error))
                        state.failed += 1
                        yield state.event("failed", path=result.path, error=result.error)
                    else:
                        self.catalogue_buffer.append(result)
                else:
                    item = self.storing.pop(fut)
                    yield from self._stored(item, _result(fut, item.path))
            # The first photo is committed at once (the GUI shows it), later ones in batches.
            due = time.monotonic() - last_flush >= FLUSH_SECONDS or state.catalogued == 0
            flushed = False
            if self.catalogue_buffer and (
                len(self.catalogue_buffer) >= BATCH_SIZE or due or not self.reading
            ):
                yield from self._flush_catalogue(submit=True)
                flushed = True
            if self.store_buffer and (
                len(self.store_buffer) >= BATCH_SIZE or due or not (self.reading or self.storing)
            ):
                yield from self._flush_stored()
                flushed = True
            if flushed:
                last_flush = time.monotonic()

    def _flush_catalogue(self, submit: bool) -> Iterator[ImportProgress]:
        if not self.catalogue_buffer:
            return
        buffer, self.catalogue_buffer = self.catalogue_buffer, []
        options, archive = self.session.options, self.session.archive
        for item in self.persister.persist(buffer):
            self.session._record(item)
            self.state.catalogued += 1
            kind = "duplicate" if item.duplicate else "catalogued"
            yield self.state.event(kind, path=item.path, photo_id=item.photo_id)
            copy_to = self.archive_dir if not item.managed else None
            thumb = archive.thumbnail_path(item.sha256)
            thumb_to = str(thumb) if options.thumbnails and not thumb.exists() else None
            if submit and (copy_to or thumb_to):
                fut = self.pool.submit(
                    store_file, item.path, item.sha256, item.format, copy_to, thumb_to
                )
                self.storing[fut] = item
                self.state.thumbnails_total += 1

    def _stored(self, item: Persisted, result: Stored | Failure) -> Iterator[ImportProgress]:
        report = self.session.report
        if isinstance(result, Failure):
            message = f"catalogued, but not stored in the archive: {result.error}"
            report.failed.append(FailedFile(item.path, message))
        else:
            if result.thumbnail_error:
                report.thumbnail_failures.append(FailedFile(item.path, result.thumbnail_error))
            if result.stored_path or result.dhash is not None:
                self.store_buffer.append((item, result))
        self.state.thumbnails += 1
        yield self.state.event("stored", path=item.path, photo_id=item.photo_id)

    def _flush_stored(self) -> Iterator[ImportProgress]:
        if not self.store_buffer:
            return
        buffer, self.store_buffer = self.store_buffer, []
        if any(result.stored_path for _, result in buffer):
            os.sync()  # the copies are durable before any row points at them
        self.persister.mark_stored(
            [(item.photo_id, result.stored_path, result.dhash) for item, result in buffer]
        )
        yield from ()


def _result(fut: Future[Any], path: str) -> Any:
    try:
        return fut.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # a worker bug must still be one line in `failed`, not a crash
        return Failure(path, f"internal error while reading: {type(exc).__name__}: {exc}")


@dataclass
class _Counters:
    total: int
    start: float
    catalogued: int = 0
    failed: int = 0
    thumbnails: int = 0
    thumbnails_total: int = 0

    def event(self, kind: str, **kw: object) -> ImportProgress:
        return ImportProgress(
            kind=kind,
            total=self.total,
            catalogued=self.catalogued,
            failed=self.failed,
            thumbnails=self.thumbnails,
            thumbnails_total=self.thumbnails_total,
            elapsed=time.monotonic() - self.start,
            **kw,  # type: ignore[arg-type]
        )
