"""Runs an ImportSession on a worker thread and reports in time-budgeted batches.

The session yields an event per file (thousands a minute). Sending each to the GUI
thread would flood it (Picard PR #3188: 2,000 callbacks at once froze the UI), so the
worker forwards progress at most every PROGRESS_SECONDS and catalogued ids in batches.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.ingest.presets import Preset
from archive.progress import ImportProgress, ImportReport

PROGRESS_SECONDS = 0.1
BATCH_SECONDS = 0.3


class ImportSignals(QObject):
    progress = Signal(object)  # the latest ImportProgress
    catalogued = Signal(list)  # photo ids newly in the catalogue (a batch)
    failed = Signal(list)  # [(path, reason)] (a batch)
    finished = Signal(object)  # ImportReport
    crashed = Signal(str)


class ImportJob(QRunnable):
    def __init__(
        self,
        archive: Archive,
        paths: Iterable[str | Path],
        options: ImportOptions,
        preset: Preset | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.archive = archive
        self.session = ImportSession(archive, paths, options)
        self.signals = ImportSignals()
        self.preset = preset  # applied to the new photos once they are catalogued
        self.new_ids: list[int] = []

    def cancel(self) -> None:
        self.session.cancel()

    @property
    def report(self) -> ImportReport:
        return self.session.report

    def run(self) -> None:
        last_progress = last_batch = 0.0
        ids: list[int] = []
        failures: list[tuple[str, str]] = []
        latest: ImportProgress | None = None
        try:
            for event in self.session.run():
                latest = event
                if event.kind == "catalogued" and event.photo_id is not None:
                    ids.append(event.photo_id)
                    self.new_ids.append(event.photo_id)
                elif event.kind == "failed":
                    failures.append((event.path or "", event.error or ""))
                now = time.monotonic()
                if now - last_progress >= PROGRESS_SECONDS or event.kind in ("started", "finished"):
                    self.signals.progress.emit(event)
                    last_progress = now
                if (ids or failures) and (
                    now - last_batch >= BATCH_SECONDS or event.kind == "finished"
                ):
                    self._flush(ids, failures)
                    ids, failures = [], []
                    last_batch = now
        except Exception as exc:  # the pool broke, the disk filled: say so, never hang
            self._flush(ids, failures)
            self.signals.crashed.emit(f"{type(exc).__name__}: {exc}")
            self.signals.finished.emit(self.session.report)
            return
        self._flush(ids, failures)
        self._apply_preset()
        if latest is not None:
            self.signals.progress.emit(latest)
        self.signals.finished.emit(self.session.report)

    def _apply_preset(self) -> None:
        if self.preset is None or not self.new_ids:
            return
        from archive.ingest.apply import PresetApplier

        try:
            PresetApplier(self.archive.sessions).apply(
                self.new_ids, self.preset, event=self.session.options.event
            )
        except Exception as exc:  # the photos are imported; the preset can be applied later
            self.signals.failed.emit([("", f"preset {self.preset.name} not applied: {exc}")])
            return
        self.signals.catalogued.emit(list(self.new_ids))  # their tiles changed

    def _flush(self, ids: list[int], failures: list[tuple[str, str]]) -> None:
        if ids:
            self.signals.catalogued.emit(list(ids))
        if failures:
            self.signals.failed.emit(list(failures))


def describe(event: ImportProgress) -> str:
    """ "120 of 400 · 35.2/s · about 8 s left"."""
    text = f"{event.processed:,} of {event.total:,}"
    if event.rate > 0:
        text += f" · {event.rate:.1f}/s"
    eta = event.eta_seconds
    if eta is not None and event.kind != "finished":
        text += f" · about {eta:.0f} s left" if eta < 120 else f" · about {eta / 60:.0f} min left"
    if event.thumbnails_total:
        text += f" · thumbnails {event.thumbnails:,}/{event.thumbnails_total:,}"
    return text
