"""Watched drop folders: what arrives is ingested once it is completely written.

watchdog's native observer (inotify, FSEvents, ReadDirectoryChangesW) reports changes as
they happen; on network shares (NFS, SMB/CIFS, sshfs), where those see nothing written
by other machines, a polling observer re-reads the folders instead. On start the watcher
catches up with what arrived while nothing watched: every picture in the folders that the
catalogue has not imported from that path since it last changed. A picture already in
the archive is never imported twice (content hash); a bad file is one failure event and
the watcher goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive.errors import UsageError
from archive.handle import Archive
from archive.ingest.batch import BatchIngester, Emit, IngestSettings, WatchEvent
from archive.ingest.settle import DEFAULT_QUIET, Settler, is_candidate

NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "afpfs", "9p", "davfs"}
)
TICK = 0.1  # seconds between looks at the waiting files
MAX_BATCH = 64  # files per import run: a burst is ingested in steps, each searchable at once


@dataclass
class WatchStatus:
    folders: tuple[str, ...]
    waiting: int = 0
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    last_ingest: float | None = None  # time.time()
    last_path: str | None = None
    paused: bool = False
    polling: bool = False

    def line(self) -> str:
        """The desktop app's status line."""
        last = "never"
        if self.last_ingest is not None:
            last = time.strftime("%H:%M:%S", time.localtime(self.last_ingest))
        state = "paused" if self.paused else "watching"
        return (
            f"{state}: {self.waiting} waiting, {self.ingested} ingested (last {last}), "
            f"{self.duplicates} duplicates, {self.failed} failed"
        )


def network_share(folder: Path) -> bool:
    """Whether *folder* lives on a network file system (Linux: /proc/mounts)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, kind = "", ""
    target = str(folder.resolve())
    for line in mounts:
        parts = line.split()
        if (
            len(parts) >= 3
            and (target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"))
            and len(parts[1]) > len(best)
        ):
            best, kind = parts[1], parts[2]
    return kind in NETWORK_FS


class FolderWatcher:
    def __init__(
        self,
        archive: Archive,
        folders: Iterable[str | Path],
        settings: IngestSettings | None = None,
        emit: Emit | None = None,
        quiet: float = DEFAULT_QUIET,
        polling: bool | None = None,  # None: poll network shares, native events elsewhere
        poll_interval: float = 1.0,
    ) -> None:
        self.archive = archive
        self.folders = [Path(f).expanduser().resolve() for f in folders]
        for folder in self.folders:
            if not folder.is_dir():
                raise UsageError(f"cannot watch {folder}: no such folder")
        self.settings = settings or IngestSettings()
        self._emit_to = emit or (lambda ev: None)
        self.settler = Settler(quiet)
        self.polling = polling if polling is not None else any(map(network_share, self.folders))
        self.poll_interval = poll_interval
        self.status = WatchStatus(tuple(str(f) for f in self.folders), polling=self.polling)
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._observer: object | None = None
        self.ingester = BatchIngester(archive, self.settings, self._emit)

    # -- control (any thread) --------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    def pause(self) -> None:
        self._paused.set()
        self.status.paused = True

    def resume(self) -> None:
        self._paused.clear()
        self.status.paused = False

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    # -- the loop --------------------------------------------------------------------
    def run(self) -> WatchStatus:
        """Watch until stop(): catch up, then ingest whatever settles. Returns the totals."""
        self.ingester.open_pool()
        self._start_observer()
        try:
            self._emit(
                WatchEvent(
                    "started",
                    time.time(),
                    detail={"folders": self.status.folders, "polling": self.polling},
                )
            )
            queued = self.catch_up()
            self._emit(WatchEvent("caught-up", time.time(), detail={"queued": queued}))
            while not self._stop.is_set():
                self.step()
                self._stop.wait(TICK)
        finally:
            self._stop_observer()
            self.ingester.close()
            self._emit(WatchEvent("stopped", time.time()))
        return self.status

    def step(self) -> int:
        """Ingest what has settled (unless paused); how many files were handed over."""
        self.status.waiting = len(self.settler)
        if self._paused.is_set():
            return 0
        ready = self.settler.poll()
        for start in range(0, len(ready), MAX_BATCH):
            if self._stop.is_set():  # stopping: what has not started waits for the next run
                break
            self.ingester.ingest(ready[start : start + MAX_BATCH])
        self.status.waiting = len(self.settler)
        return len(ready)

    def catch_up(self) -> int:
        """Queue every picture in the folders not imported from its path since it changed."""
        known = self._imported_paths()
        queued = 0
        for folder in self.folders:
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = Path(root, name)
                    if not is_candidate(path):
                        continue
                    try:
                        mtime = path.stat().st_mtime
                    except OSError:
                        continue
                    imported = known.get(str(path))
                    if imported is not None and mtime <= imported:
                        continue
                    self.settler.touch(path)
                    queued += 1
        self.status.waiting = len(self.settler)
        return queued

    def _imported_paths(self) -> dict[str, float]:
        """Source path → when it was last imported (POSIX seconds), for the watched folders."""
        from sqlalchemy import func, or_, select

        from archive.db.models import SourcePath

        out: dict[str, float] = {}
        with self.archive.sessions() as s:
            prefixes = [SourcePath.path.startswith(str(f) + os.sep) for f in self.folders]
            rows = s.execute(
                select(SourcePath.path, func.max(SourcePath.imported_at))
                .where(or_(*prefixes))
                .group_by(SourcePath.path)
            )
            for path, at in rows:
                out[path] = at.replace(tzinfo=UTC).timestamp() if isinstance(at, datetime) else 0
        return out

    # -- events ----------------------------------------------------------------------
    def _emit(self, ev: WatchEvent) -> None:
        st = self.status
        if ev.kind == "ingested":
            st.ingested += 1
            st.last_ingest, st.last_path = ev.at, ev.path
        elif ev.kind == "duplicate":
            st.duplicates += 1
        elif ev.kind == "failed":
            st.failed += 1
        self._emit_to(ev)

    def _start_observer(self) -> None:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        from archive.ingest.events import SettleHandler

        handler = SettleHandler(self.settler)
        observer = PollingObserver(timeout=self.poll_interval) if self.polling else Observer()
        try:
            for folder in self.folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.start()
        except OSError as exc:  # inotify watch limit, or a file system without events
            observer = PollingObserver(timeout=self.poll_interval)
            for folder in self.folders:
                observer.schedule(handler, str(folder), recursive=True)
            observer.start()
            self.polling = self.status.polling = True
            self._emit(WatchEvent("warning", time.time(), error=f"watching by polling: {exc}"))
        self._observer = observer

    def _stop_observer(self) -> None:
        observer = self._observer
        if observer is not None:
            observer.stop()  # type: ignore[attr-defined]
            observer.join(timeout=5)  # type: ignore[attr-defined]
        self._observer = None
