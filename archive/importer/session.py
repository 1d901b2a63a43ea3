"""The import session: scan → (hash, read, copy) in worker processes → one writer → thumbnails.

``run()`` is a generator of ImportProgress events, so the CLI draws a progress bar and
the GUI updates its grid from the same stream. A photo is committed (catalogued and
searchable) as soon as its batch lands; thumbnails are made after, on the same pool,
queued behind the remaining catalogue work, so cataloguing is never slowed by them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.handle import Archive
from archive.importer.persist import Persisted, Persister
from archive.importer.scanner import scan
from archive.importer.stages import (
    Catalogued,
    Failure,
    catalogue_file,
    init_worker,
    make_thumbnail,
)
from archive.progress import FailedFile, ImportProgress, ImportReport

BATCH_SIZE = 200
FLUSH_SECONDS = 0.25


@dataclass
class ImportOptions:
    event: str | None = None
    reference: bool = False  # leave files where they are instead of copying them in
    jobs: int | None = None  # worker processes; default: every core
    thumbnails: bool = True


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork is unsafe once Qt (or any threads) run in the parent; forkserver forks from a
    # clean single-threaded server, and spawn is the portable fallback.
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["archive.importer.stages", "archive.metadata.reader"])
        return ctx
    return multiprocessing.get_context("spawn")


def clean_partial_files(archive: Archive) -> int:
    """Remove temp files left by an import that was killed (its process no longer runs)."""
    removed = 0
    for folder in (archive.originals_dir, archive.thumbnails_dir):
        for part in folder.glob("*/.*.part"):
            try:
                pid = int(part.name.rsplit(".", 2)[-2])
            except (ValueError, IndexError):
                continue
            if _alive(pid):
                continue
            with contextlib.suppress(OSError):
                part.unlink()
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A worker killed with its parent can linger as a zombie (no init reaps it in a
    # container): it answers kill(0) but will never finish its temp file.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] not in {"Z", "X"}


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
        archive_dir = None if self.options.reference else str(self.archive.folder)
        persister = Persister(self.archive.sessions, self.options.event, uuid.uuid4().hex)
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(files)), mp_context=_mp_context(), initializer=init_worker
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
        reading: dict[Future[Any], str] = {
            pool.submit(catalogue_file, str(f), archive_dir): str(f) for f in files
        }
        thumbs: dict[Future[Any], str] = {}
        buffer: list[Catalogued] = []
        last_flush = time.monotonic()
        while reading or thumbs or buffer:
            if self._cancelled:
                self.report.interrupted = True
                for fut in list(reading) + list(thumbs):
                    fut.cancel()
                reading.clear()
                thumbs.clear()
                if buffer:  # what was read is still worth keeping
                    yield from self._flush(pool, buffer, persister, state, thumbs)
                    buffer = []
                thumbs.clear()
                return
            pending: set[Future[Any]] = set(reading) | set(thumbs)
            done = (
                wait(pending, timeout=FLUSH_SECONDS, return_when=FIRST_COMPLETED)[0]
                if pending
                else set()
            )
            for fut in done:
                if fut in reading:
                    path = reading.pop(fut)
                    result = _result(fut, path)
                    if isinstance(result, Failure):
                        self.report.failed.append(FailedFile(result.path, result.error))
                        state.failed += 1
                        yield state.event("failed", path=result.path, error=result.error)
                    else:
                        buffer.append(result)
                else:
                    path = thumbs.pop(fut)
                    failure = _result(fut, path)
                    if isinstance(failure, Failure):
                        self.report.thumbnail_failures.append(FailedFile(path, failure.error))
                    state.thumbnails += 1
                    yield state.event("thumbnail", path=path)
            due = time.monotonic() - last_flush >= FLUSH_SECONDS
            if buffer and (len(buffer) >= BATCH_SIZE or due or not reading):
                yield from self._flush(pool, buffer, persister, state, thumbs)
                buffer = []
                last_flush = time.monotonic()

    def _flush(
        self,
        pool: ProcessPoolExecutor,
        buffer: list[Catalogued],
        persister: Persister,
        state: _Counters,
        thumbs: dict[Future[Any], str],
    ) -> Iterator[ImportProgress]:
        for item in persister.persist(buffer):
            self._record(item)
            state.catalogued += 1
            if self.options.thumbnails and not self._cancelled:
                dest = self.archive.thumbnail_path(item.sha256)
                if not dest.exists():
                    source = str(self.archive.resolve_stored(item.stored_path))
                    thumbs[pool.submit(make_thumbnail, source, str(dest))] = item.path
                    state.thumbnails_total += 1
            kind = "duplicate" if item.duplicate else "catalogued"
            yield state.event(kind, path=item.path, photo_id=item.photo_id)

    def _record(self, item: Persisted) -> None:
        if item.duplicate:
            self.report.duplicates += 1
        else:
            self.report.imported += 1
        if item.photo_id not in self.report.photo_ids:
            self.report.photo_ids.append(item.photo_id)


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
