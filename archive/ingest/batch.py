"""Ingest one group of settled files: import, apply the preset, check — as one piece of work.

Everything the import does (content hash, duplicates, per-file failures, copies, thumbnails)
is the import session's; this adds the preset and the check on the photos each commit
brings, so a picture is captioned, credited and checked the moment it is searchable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archive.handle import Archive
from archive.ingest.presets import Preset
from archive.progress import ImportProgress


@dataclass(frozen=True)
class WatchEvent:
    """One thing the watcher did. ``at`` is the wall-clock time (time.time())."""

    kind: str  # ingested, duplicate, failed, thumbnail, warning, started, caught-up, stopped
    at: float
    path: str | None = None
    photo_id: int | None = None
    error: str | None = None
    status: str | None = None  # the check's verdict for ingested photos
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": self.kind, "at": round(self.at, 3)}
        for key in ("path", "photo_id", "error", "status"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out.update(self.detail)
        return out


@dataclass(frozen=True)
class IngestSettings:
    preset: Preset | None = None
    event: str | None = None  # replaces the preset's event
    reference: bool = False
    jobs: int | None = None
    check: bool = True  # check against the preset's profile (else the archive's default)


Emit = Callable[[WatchEvent], None]


class BatchIngester:
    def __init__(self, archive: Archive, settings: IngestSettings, emit: Emit) -> None:
        from archive.captions import CodeReplacements
        from archive.credits import load_registry
        from archive.ingest.apply import PresetApplier
        from archive.services.compliance import ComplianceService

        self.archive = archive
        self.settings = settings
        self.emit = emit
        codes_file = archive.folder / "codes.txt"
        codes = CodeReplacements.load(codes_file) if codes_file.is_file() else None
        self.applier = PresetApplier(archive.sessions, codes)
        self.checker = ComplianceService(archive.sessions, load_registry(archive.folder))
        self._pool: Any = None

    def open_pool(self) -> None:
        """Start the worker processes once (before any thread, so they fork cheaply)."""
        import os
        from concurrent.futures import ProcessPoolExecutor

        from archive.importer.stages import init_worker
        from archive.metadata.reader import init_worker as init_reader
        from archive.parallel import mp_context

        init_reader()
        if self._pool is None:
            jobs = self.settings.jobs or min(2, os.cpu_count() or 1)
            self._pool = ProcessPoolExecutor(jobs, mp_context=mp_context(), initializer=init_worker)
            # Workers start on first use: start them now, so the first arrival does not wait.
            for fut in [self._pool.submit(os.getpid) for _ in range(jobs)]:
                fut.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def ingest(self, paths: list[str]) -> None:
        """Ingest *paths*; whatever goes wrong is reported per file, never raised."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            self._ingest(paths)
        except BrokenProcessPool:
            self.close()  # a worker died (out of memory, killed): start afresh next time
            self.open_pool()
            self._fail(paths, "a worker process died while reading; the file is tried again")
        except Exception as exc:
            self._fail(paths, f"not ingested: {type(exc).__name__}: {exc}")

    def _fail(self, paths: list[str], error: str) -> None:
        for path in paths:
            self.emit(WatchEvent("failed", time.time(), path, error=error))

    def _ingest(self, paths: list[str]) -> None:
        from archive.importer.session import ImportOptions, ImportSession

        if self._pool is None:
            self.open_pool()
        s = self.settings
        # With a preset, its event is applied by the preset (fill or always); an explicit
        # --event is attached by the import itself, as `import --event` does.
        options = ImportOptions(
            event=s.event, reference=s.reference, jobs=s.jobs or 2, pool=self._pool
        )
        session = ImportSession(self.archive, paths, options)
        fresh: list[tuple[int, str]] = []
        for ev in session.run():
            if ev.kind == "catalogued" and ev.photo_id is not None and ev.path:
                fresh.append((ev.photo_id, ev.path))
                if ev.catalogued + ev.failed < ev.total:
                    continue  # more of this commit may follow; finish them together
                # Every file is catalogued: finish now, not after the thumbnails.
            if fresh:  # the commit's photos: caption, credit and check them before going on
                self._finish(fresh)
                fresh = []
            if ev.kind != "catalogued":
                self._progress(ev)
        if fresh:
            self._finish(fresh)
        for failure in session.report.thumbnail_failures + session.report.warnings:
            self.emit(WatchEvent("warning", time.time(), failure.path, error=failure.error))

    def _progress(self, ev: ImportProgress) -> None:
        now = time.time()
        if ev.kind == "duplicate":
            self.emit(WatchEvent("duplicate", now, ev.path, ev.photo_id))
        elif ev.kind == "failed":
            self.emit(WatchEvent("failed", now, ev.path, error=ev.error))
        elif ev.kind == "stored":
            self.emit(WatchEvent("thumbnail", now, ev.path, ev.photo_id))

    def _finish(self, fresh: list[tuple[int, str]]) -> None:
        ids = [pid for pid, _ in fresh]
        preset = self.settings.preset
        warnings: list[str] = []
        if preset is not None:
            try:
                result = self.applier.apply(ids, preset, event=self.settings.event)
                warnings = result.warnings
            except Exception as exc:  # a preset that cannot apply must not stop the watcher
                warnings = [f"preset {preset.name} not applied: {exc}"]
        statuses: dict[int, str] = {}
        if self.settings.check:
            try:
                profile = preset.profile if preset is not None else None
                report = self.checker.check(ids, profile)
                statuses = {p.id: p.status for p in report.photos}
            except Exception as exc:
                warnings.append(f"check not run: {exc}")
        now = time.time()
        for pid, path in fresh:
            self.emit(WatchEvent("ingested", now, path, pid, status=statuses.get(pid)))
        for warning in warnings:
            self.emit(WatchEvent("warning", now, error=warning))
