"""The import's two stages on one process pool, and the single writer between them.

(1) read → catalogue rows; (2) copy + thumbnail → move rows to the copies. Stage-2 work is
submitted as stage-1 rows commit, so it queues behind the reading still to do: every photo
is searchable before the first copy slows anything down. Results that arrive together are
handled in the order the files were given, so with one worker (--jobs 1) the same folder
always gets the same photo ids.
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from archive.db.models import Photo
from archive.filetypes.wording import ODD
from archive.importer.persist import Persisted, Persister
from archive.importer.stages import (
    Catalogued,
    Failure,
    Stored,
    catalogue_files,
    store_file,
)
from archive.maintenance.files import fsync_paths
from archive.progress import FailedFile, ImportProgress

if TYPE_CHECKING:
    from archive.importer.session import ImportSession

BATCH_SIZE = 200
FLUSH_SECONDS = 0.25
# Files read per worker task: each task costs the parent a future, a wake-up and a
# pickle round trip (~0.3 ms, a tenth of the reading itself), so files go in small
# groups — small enough that the last groups still share out evenly between workers.
MAX_GROUP = 8


def read_groups(paths: list[str], jobs: int) -> list[list[str]]:
    """The first file alone (the GUI shows it at once), then groups of up to MAX_GROUP."""
    size = max(1, min(MAX_GROUP, len(paths) // (jobs * 8)))
    groups = [paths[:1]]
    groups.extend(paths[i : i + size] for i in range(1, len(paths), size))
    return [g for g in groups if g]


class Pipeline:
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
        state: Counters,
    ) -> None:
        self.session = session
        self.pool = pool
        self.archive_dir = archive_dir
        self.persister = persister
        self.state = state
        self.reading: dict[Future[Any], list[str]] = {}
        self.storing: dict[Future[Any], Persisted] = {}
        self.catalogue_buffer: list[Catalogued] = []
        self.store_buffer: list[tuple[Persisted, Stored]] = []
        self._seq: dict[Future[Any], int] = {}
        # Finished futures arrive here from their done-callbacks: waiting on the whole
        # pending set each time (concurrent.futures.wait) costs O(pending) per result.
        self._done: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
        # Copies this run wrote whose rows do not point at them yet (sha → path).
        self.unrecorded: dict[str, Path] = {}
        # The archive's C2PA trust list (PEM), handed to each reading task.
        self.trust_anchors: str | None = None

    def submit_read(self, paths: list[str]) -> None:
        fut = self.pool.submit(catalogue_files, paths, self.trust_anchors)
        self._seq[fut] = len(self._seq)
        self.reading[fut] = paths
        fut.add_done_callback(self._done.put)

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
            done = self._finished() if (self.reading or self.storing) else []
            for fut in sorted(done, key=lambda f: self._seq.pop(f, 0)):
                if fut in self.reading:
                    paths = self.reading.pop(fut)
                    for result in _group_result(fut, paths):
                        if isinstance(result, Failure):
                            report.failed.append(FailedFile(result.path, result.error))
                            state.failed += 1
                            yield state.event("failed", path=result.path, error=result.error)
                        else:
                            self._note_odd(result)
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

    def _finished(self) -> list[Future[Any]]:
        """Futures done since the last call: wait up to FLUSH_SECONDS for one, take all."""
        try:
            done = [self._done.get(timeout=FLUSH_SECONDS)]
        except queue.Empty:
            return []
        with contextlib.suppress(queue.Empty):
            while True:
                done.append(self._done.get_nowait())
        # Cancelled futures (a cancelled run) also call back; they are not results.
        return [f for f in done if f in self.reading or f in self.storing]

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
                self._seq[fut] = len(self._seq)
                self.storing[fut] = item
                fut.add_done_callback(self._done.put)
                self.state.thumbnails_total += 1

    def _stored(self, item: Persisted, result: Stored | Failure) -> Iterator[ImportProgress]:
        report = self.session.report
        error = result.error if isinstance(result, Failure) else result.copy_error
        if error is not None:
            # The row stays valid: it points at the file where it is (never modified), and
            # the next import of it makes the copy. A note, not a failure: it is catalogued.
            if self.archive_dir is None:  # --reference: nothing to copy, only to read
                message = f"catalogued, but not read again for its thumbnail: {error}"
            else:
                message = (
                    f"catalogued where it is, not copied into the archive: {error} "
                    "(import it again to copy it)"
                )
                report.not_copied += 1
            report.warnings.append(FailedFile(item.path, message))
        if not isinstance(result, Failure):
            if result.thumbnail_error:
                report.thumbnail_failures.append(FailedFile(item.path, result.thumbnail_error))
            if result.created and result.stored_path:
                self._note_copy(result)
            if result.stored_path or result.dhash is not None or result.fingerprint:
                self.store_buffer.append((item, result))
        self.state.thumbnails += 1
        yield self.state.event("stored", path=item.path, photo_id=item.photo_id)

    def _note_odd(self, result: Catalogued) -> None:
        for warning in result.meta.warnings:
            if warning.startswith(ODD):
                self.session.report.warnings.append(FailedFile(result.path, warning))

    def _flush_stored(self) -> Iterator[ImportProgress]:
        if not self.store_buffer:
            return
        buffer, self.store_buffer = self.store_buffer, []
        copies = [
            Path(self.archive_dir, result.stored_path)
            for _, result in buffer
            if result.stored_path and self.archive_dir is not None
        ]
        fsync_paths(copies)  # the copies are durable before any row points at them
        self.persister.mark_stored(
            [(item.photo_id, result.stored_path, result.dhash) for item, result in buffer],
            [(item.photo_id, result.fingerprint) for item, result in buffer if result.fingerprint],
        )
        for _, result in buffer:
            self.unrecorded.pop(result.sha256, None)
        yield from ()

    def _note_copy(self, result: Stored) -> None:
        assert result.stored_path is not None
        self.unrecorded[result.sha256] = Path(self.archive_dir or "", result.stored_path)

    def remove_unrecorded_copies(self) -> None:
        """After a failed run (the pool shut down): delete copies no row points at.

        Also collects stage-2 work that finished while the run was failing. A copy is only
        removed when the catalogue can confirm no row uses it (another import may have
        recorded the same content meanwhile); when it cannot be asked, the copy stays for
        `creditdesk verify` to report, rather than risking a file a row needs.
        """
        for fut, _item in list(self.storing.items()):
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                result = fut.result()
                if isinstance(result, Stored) and result.created and result.stored_path:
                    self.unrecorded[result.sha256] = Path(
                        self.archive_dir or "", result.stored_path
                    )
        if not self.unrecorded or self.archive_dir is None:
            return
        try:
            with self.persister.sessions() as session:
                rels = [str(p.relative_to(self.archive_dir)) for p in self.unrecorded.values()]
                used = set(
                    session.scalars(select(Photo.stored_path).where(Photo.stored_path.in_(rels)))
                )
        except Exception:  # the catalogue is what failed: leave the files for verify
            return
        for path in self.unrecorded.values():
            if str(path.relative_to(self.archive_dir)) not in used:
                with contextlib.suppress(OSError):
                    path.unlink()
        self.unrecorded.clear()


def _group_result(fut: Future[Any], paths: list[str]) -> list[Catalogued | Failure]:
    found = _result(fut, ", ".join(paths))
    if isinstance(found, Failure):  # the worker itself failed: every file of the group
        return [Failure(path, found.error) for path in paths]
    return found  # type: ignore[no-any-return]


def _result(fut: Future[Any], path: str) -> Any:
    try:
        return fut.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # a worker bug must still be one line in `failed`, not a crash
        return Failure(path, f"internal error while reading: {type(exc).__name__}: {exc}")


@dataclass
class Counters:
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
