"""Import: choose files or folders (or drop them), an event, copy or reference; watch it go.

The import runs on its own thread (the session uses a process pool inside). The grid
is told about catalogued photos in batches (`catalogued`), so new tiles appear while
the import is still running.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.handle import Archive
from archive.importer.session import ImportOptions
from archive.progress import ImportProgress, ImportReport
from gui.import_worker import ImportJob, describe
from gui.widgets.drops import dropped_paths


def _preset_names(archive: Archive) -> list[str]:
    from archive.ingest.presets_store import PresetService

    return PresetService(archive.sessions).names()


class ImportDialog(QDialog):
    catalogued = Signal(list)  # photo ids, in batches
    finished_import = Signal(object)  # ImportReport

    def __init__(
        self,
        archive: Archive,
        events: list[str],
        paths: list[str] | None = None,
        jobs: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import photos")
        self.setAcceptDrops(True)
        self.resize(640, 480)
        self.archive = archive
        self.jobs = jobs
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: ImportJob | None = None
        self.report: ImportReport | None = None

        self.paths = QListWidget()
        self.paths.setObjectName("importPaths")
        add_files = QPushButton("Add files…")
        add_folder = QPushButton("Add folder…")
        clear = QPushButton("Clear")
        add_files.clicked.connect(self._pick_files)
        add_folder.clicked.connect(self._pick_folder)
        clear.clicked.connect(self.paths.clear)
        self.event_combo = QComboBox()
        self.event_combo.setEditable(True)
        self.event_combo.addItem("")
        self.event_combo.addItems(events)
        self.event_combo.lineEdit().setPlaceholderText("Event to attach (optional)")
        self.preset_combo = QComboBox()  # ingest presets (archive.ingest), none by default
        self.preset_combo.setObjectName("importPreset")
        self.preset_combo.addItem("")
        self.preset_combo.addItems(_preset_names(archive))
        self.copy = QRadioButton("Copy into the archive")
        self.reference = QRadioButton("Leave the files where they are (reference)")
        self.copy.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.counts = QLabel("Drop files or folders here, or add them with the buttons.")
        self.counts.setObjectName("importCounts")
        self.failures = QTreeWidget()
        self.failures.setObjectName("importFailures")
        self.failures.setHeaderLabels(["File", "Why it failed"])
        self.failures.setColumnWidth(0, 260)
        self.failures.hide()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)

        row = QHBoxLayout()
        for button in (add_files, add_folder, clear):
            row.addWidget(button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("Event", self.event_combo)
        form.addRow("Preset", self.preset_combo)
        form.addRow("", self.copy)
        form.addRow("", self.reference)
        layout = QVBoxLayout(self)
        layout.addWidget(self.paths, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.counts)
        layout.addWidget(self.failures, 1)
        layout.addWidget(self.buttons)
        for path in paths or []:
            self.add_path(path)

    # -- choosing --------------------------------------------------------------------------
    def add_path(self, path: str) -> None:
        if path and path not in self.chosen():
            self.paths.addItem(path)

    def chosen(self) -> list[str]:
        return [self.paths.item(i).text() for i in range(self.paths.count())]

    def _pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Photos to import",
            "",
            "Images (*.jpg *.jpeg *.tif *.tiff *.png *.heic);;All files (*)",
        )
        for f in files:
            self.add_path(f)

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to import")
        self.add_path(folder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event) and self.job is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in dropped_paths(event):
            self.add_path(path)
        event.acceptProposedAction()

    # -- running ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None and self.report is None

    def start(self) -> None:
        paths = self.chosen()
        if not paths or self.job is not None:
            return
        options = ImportOptions(
            event=self.event_combo.currentText().strip() or None,
            reference=self.reference.isChecked(),
            jobs=self.jobs,
        )
        preset = None
        if self.preset_combo.currentText():
            from archive.ingest.presets_store import PresetService

            preset = PresetService(self.archive.sessions).get(self.preset_combo.currentText())
        self.job = ImportJob(self.archive, [Path(p) for p in paths], options, preset)
        signals = self.job.signals
        signals.progress.connect(self._progress)
        signals.catalogued.connect(self.catalogued)
        signals.failed.connect(self._failed)
        signals.crashed.connect(lambda msg: self.counts.setText(f"The import stopped: {msg}"))
        signals.finished.connect(self._finished)
        self.start_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the scan says how many
        self.counts.setText("Looking for pictures…")
        self.pool.start(self.job)

    def cancel(self) -> None:
        if self.running and self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.counts.setText("Stopping after the files in hand…")
        elif self.job is None:
            self.reject()

    def wait(self) -> None:
        """Block until the import thread ended (window closing, tests)."""
        if self.running and self.job is not None:
            self.job.cancel()
        self.pool.waitForDone()

    def _progress(self, event: ImportProgress) -> None:
        self.progress.setRange(0, max(1, event.total))
        self.progress.setValue(event.processed)
        self.counts.setText(describe(event))

    def _failed(self, failures: list[tuple[str, str]]) -> None:
        self.failures.show()
        for path, reason in failures:
            QTreeWidgetItem(self.failures, [path, reason]).setToolTip(1, reason)

    def _finished(self, report: ImportReport) -> None:
        self.report = report
        # The report is the full list (storage failures come after cataloguing).
        self.failures.clear()
        # Catalogued files with a note (no thumbnail, not copied, an odd file) follow.
        notes = [(f.path, f.error) for f in report.thumbnail_failures + report.warnings]
        self._failed([(f.path, f.error) for f in report.failed] + notes)
        self.failures.setVisible(bool(report.failed or notes))
        done = f"Imported {report.imported:,}"
        if report.duplicates:
            done += f", {report.duplicates:,} already in the archive"
        if report.failed:
            done += f", {len(report.failed):,} failed (listed below)"
        if notes:
            done += f", {len(notes):,} with a warning (listed below)"
        if report.interrupted:
            done += " — cancelled; what was catalogued stays"
        self.counts.setText(done)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.cancel_button.hide()
        self.close_button.show()
        self.finished_import.emit(report)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.wait()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.running:
            self.cancel()
            return
        super().reject()
