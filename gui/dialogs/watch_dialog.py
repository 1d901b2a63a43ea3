"""Watch folders…: drop folders ingested as pictures arrive, each with its own preset.

Each folder runs an archive.ingest FolderWatcher on its own Python thread (the watcher has
its own worker processes and event threads; nothing of it touches Qt). Its events are
collected under a lock and shown by a timer twice a second — never one GUI call per
event — as the live status line (files waiting, last ingest, failures), the failure list
and new tiles in the grid (`ingested`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.errors import ArchiveError
from archive.handle import Archive
from archive.ingest.batch import IngestSettings, WatchEvent
from archive.ingest.watcher import FolderWatcher

REFRESH_MS = 500
NO_PRESET = "(no preset)"


@dataclass
class Watched:
    folder: str
    preset: str | None
    watcher: FolderWatcher
    thread: threading.Thread
    events: list[WatchEvent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    error: str | None = None

    def take(self) -> list[WatchEvent]:
        with self.lock:
            out, self.events = self.events, []
        return out


class WatchDialog(QDialog):
    ingested = Signal(list)  # photo ids that arrived (a batch per refresh)

    def __init__(self, archive: Archive, presets: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchDialog")
        self.setWindowTitle("Watch folders")
        self.resize(720, 460)
        self.archive = archive
        self.watched: list[Watched] = []

        self.folders = QTreeWidget()
        self.folders.setObjectName("watchFolders")
        self.folders.setHeaderLabels(["Folder", "Preset", "State"])
        self.folders.setColumnWidth(0, 360)
        self.folders.itemSelectionChanged.connect(self._update_buttons)
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("watchPreset")
        self.preset_combo.addItems([NO_PRESET, *presets])
        self.reference = QCheckBox("Leave the files where they are (reference)")
        self.add_button = QPushButton("Add folder…")
        self.pause_button = QPushButton("Pause")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self._pick_folder)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.remove_button.clicked.connect(self.remove_selected)
        self.status = QLabel("No folder is watched. Add a drop folder to ingest what arrives.")
        self.status.setObjectName("watchStatus")
        self.status.setWordWrap(True)
        self.failures = QTreeWidget()
        self.failures.setObjectName("watchFailures")
        self.failures.setHeaderLabels(["File", "Why it failed"])
        self.failures.setColumnWidth(0, 300)
        self.failures.hide()
        close = QPushButton("Close")
        close.setToolTip("Folders stay watched while the window is open")
        close.clicked.connect(self.hide)

        form = QFormLayout()
        form.addRow("Preset for new folders", self.preset_combo)
        form.addRow("", self.reference)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.pause_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folders, 2)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.failures, 1)
        layout.addLayout(buttons)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._update_buttons()

    # -- folders ------------------------------------------------------------------------
    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Drop folder to watch")
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str, preset: str | None = None) -> Watched | None:
        """Start watching *folder* with *preset* (default: the one chosen in the dialog)."""
        if any(w.folder == folder for w in self.watched):
            self._say(f"{folder} is watched already")
            return None
        if preset is None and self.preset_combo.currentText() != NO_PRESET:
            preset = self.preset_combo.currentText()
        try:
            chosen = None
            if preset:
                from archive.ingest.presets_store import PresetService

                chosen = PresetService(self.archive.sessions).get(preset)
            settings = IngestSettings(preset=chosen, reference=self.reference.isChecked())
            holder: list[Watched] = []
            watcher = FolderWatcher(
                self.archive, [folder], settings, lambda ev: self._collect(holder, ev)
            )
        except ArchiveError as exc:
            self._say(str(exc), error=True)
            return None
        thread = threading.Thread(target=self._run, args=(holder,), daemon=True)
        watched = Watched(folder, preset, watcher, thread)
        holder.append(watched)
        self.watched.append(watched)
        QTreeWidgetItem(self.folders, [folder, preset or "—", "starting…"])
        thread.start()
        self.timer.start()
        self.refresh()
        return watched

    @staticmethod
    def _collect(holder: list[Watched], ev: WatchEvent) -> None:
        if holder:
            with holder[0].lock:
                holder[0].events.append(ev)

    @staticmethod
    def _run(holder: list[Watched]) -> None:
        watched = holder[0]
        try:
            watched.watcher.run()
        except Exception as exc:  # shown in the folder's row; the other folders go on
            watched.error = f"{type(exc).__name__}: {exc}"

    def _selected(self) -> Watched | None:
        item = self.folders.currentItem()
        if item is None:
            return None
        index = self.folders.indexOfTopLevelItem(item)
        return self.watched[index] if 0 <= index < len(self.watched) else None

    def toggle_pause(self) -> None:
        watched = self._selected()
        if watched is None:
            return
        if watched.watcher.status.paused:
            watched.watcher.resume()
        else:
            watched.watcher.pause()
        self.refresh()

    def remove_selected(self) -> None:
        watched = self._selected()
        if watched is None:
            return
        index = self.watched.index(watched)
        watched.watcher.stop()  # its thread ends after the file in hand
        del self.watched[index]
        self.folders.takeTopLevelItem(index)
        self.refresh()

    def stop_all(self, wait: bool = True) -> None:
        """Stop every watcher (the window is closing); wait for their threads."""
        for watched in self.watched:
            watched.watcher.stop()
        if wait:
            for watched in self.watched:
                watched.thread.join(timeout=30)
        self.timer.stop()

    # -- showing ------------------------------------------------------------------------
    def refresh(self) -> None:
        arrived: list[int] = []
        for index, watched in enumerate(self.watched):
            for ev in watched.take():
                if ev.kind == "ingested" and ev.photo_id is not None:
                    arrived.append(ev.photo_id)
                elif ev.kind == "failed":
                    self.failures.show()
                    QTreeWidgetItem(self.failures, [ev.path or "", ev.error or ""]).setToolTip(
                        1, ev.error or ""
                    )
            item = self.folders.topLevelItem(index)
            if item is not None:
                item.setText(2, self._state(watched))
        if arrived:
            self.ingested.emit(arrived)
        self.status.setText(self.status_line())
        self._update_buttons()

    def _state(self, watched: Watched) -> str:
        if watched.error:
            return f"stopped: {watched.error}"
        if not watched.thread.is_alive() and watched.watcher.stopped:
            return "stopped"
        st = watched.watcher.status
        how = " (polling)" if st.polling else ""
        return ("paused" if st.paused else "watching") + how + f" · {st.waiting} waiting"

    def status_line(self) -> str:
        """Files waiting, last ingest, failures — over every watched folder."""
        if not self.watched:
            return "No folder is watched. Add a drop folder to ingest what arrives."
        statuses = [w.watcher.status for w in self.watched]
        waiting = sum(s.waiting for s in statuses)
        failed = sum(s.failed for s in statuses)
        ingested = sum(s.ingested for s in statuses)
        times = [s.last_ingest for s in statuses if s.last_ingest is not None]
        last = time.strftime("%H:%M:%S", time.localtime(max(times))) if times else "none yet"
        return (
            f"{len(self.watched)} folder(s) · {waiting} file(s) waiting · last ingest {last} · "
            f"{ingested} ingested · {failed} failed"
        )

    def _update_buttons(self) -> None:
        watched = self._selected()
        self.pause_button.setEnabled(watched is not None)
        self.remove_button.setEnabled(watched is not None)
        if watched is not None:
            self.pause_button.setText("Resume" if watched.watcher.status.paused else "Pause")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")
