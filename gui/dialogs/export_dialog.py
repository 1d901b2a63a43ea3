"""Check & export: the check dialog's report (override with a written reason, re-check) plus
where, how big and which contact sheets; Export stays disabled while any error stands.

The export runs on the window's exporter thread, never the GUI thread. The archive's export
cannot be stopped part-way (it builds beside the target and renames into place), so Cancel
drops an export that has not started yet and otherwise says honestly that it is finishing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from archive.errors import ArchiveError
from archive.export.names import safe_filename
from archive.records import PhotoSummary
from archive.services.compliance import CheckReport, ComplianceService
from archive.services.exports import ExportRequest, ExportResult, ExportService
from archive.services.photos import PhotoService
from archive.services.profiles import ProfileService
from archive.text import plural
from gui.dialogs.check_dialog import AskReason, CheckDialog, ask_reason
from gui.dialogs.report_photos import Describe
from gui.widgets.export_result import ExportResultView
from gui.workers import Task, TaskRunner

SIZES = (
    ("Original (the agency's bytes)", "original"),
    ("Web (2048 px)", "web"),
    ("Custom long edge", "custom"),
)
ERROR_STYLE = "color: #c62828;"


def suggested_name(summaries: list[PhotoSummary], today: date | None = None) -> str:
    """A new bundle's name from the photos' event and date: `20230514 BAFTA Awards`."""
    events = Counter(s.event for s in summaries if s.event)
    dates = sorted(s.taken_at[:10] for s in summaries if s.taken_at)
    when = dates[0].replace("-", "") if dates else (today or date.today()).strftime("%Y%m%d")
    event = events.most_common(1)[0][0] if events else "creditdesk export"
    return safe_filename(f"{when} {event}", max_bytes=120)


def unique_target(folder: Path, name: str) -> Path:
    target, n = folder / name, 2
    while target.exists():
        target, n = folder / f"{name} ({n})", n + 1
    return target


class ExportDialog(CheckDialog):
    exported = Signal(list)  # ids of the photos in a bundle that landed
    folderUsed = Signal(str)  # the folder an export was started in (remembered)

    def __init__(
        self,
        compliance: ComplianceService,
        profiles: ProfileService,
        exports: ExportService,
        photos: PhotoService,
        ids_source: Callable[[], list[int]],
        runner: TaskRunner,
        writer: TaskRunner,
        exporter: TaskRunner,
        folder: Path,
        ask: AskReason = ask_reason,
        parent: QWidget | None = None,
        *,
        describe: Describe | None = None,
    ) -> None:
        super().__init__(
            compliance, profiles, ids_source, runner, writer, ask, parent, describe=describe
        )
        self.setObjectName("exportDialog")
        self.setWindowTitle("Check & export")
        self.resize(1020, 640)
        self.exports, self.photos, self.exporter, self.folder = exports, photos, exporter, folder
        self.export_result: ExportResult | None = None
        self.error: str | None = None
        self._task: Task | None = None
        self._named = False  # a destination was suggested or chosen: keep it
        self._sheets: tuple[str, ...] = ()
        self._build_options()
        self._build_result_page()
        self._build_progress()
        self.check_button.setText("Check again")
        self._update_export_button()

    # -- construction ---------------------------------------------------------------------
    def _build_options(self) -> None:
        self.destination = QLineEdit()
        self.destination.setObjectName("destinationEdit")
        self.destination.setPlaceholderText("A new folder, or a file ending in .zip")
        self.destination.textEdited.connect(lambda _t: self._destination_edited())
        folder_button = QPushButton("Folder…")
        folder_button.setToolTip("Export into a new folder inside the folder you choose")
        folder_button.clicked.connect(self.choose_folder)
        zip_button = QPushButton("Zip file…")
        zip_button.clicked.connect(self.choose_zip)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(folder_button)
        where.addWidget(zip_button)

        self.size_combo = QComboBox()
        self.size_combo.setObjectName("sizeCombo")
        for label, value in SIZES:
            self.size_combo.addItem(label, value)
        self.pixels = QSpinBox()
        self.pixels.setObjectName("pixelsSpin")
        self.pixels.setRange(200, 20_000)
        self.pixels.setValue(1600)
        self.pixels.setSuffix(" px")
        self.pixels.setEnabled(False)
        self.size_combo.currentIndexChanged.connect(
            lambda _i: self.pixels.setEnabled(self.size_combo.currentData() == "custom")
        )
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_combo)
        size_row.addWidget(self.pixels)
        size_row.addStretch(1)

        self.html_sheet = QCheckBox("HTML")
        self.pdf_sheet = QCheckBox("PDF")
        for box in (self.html_sheet, self.pdf_sheet):
            box.setChecked(True)
        sheets = QHBoxLayout()
        sheets.addWidget(self.html_sheet)
        sheets.addWidget(self.pdf_sheet)
        sheets.addStretch(1)

        form = QFormLayout()
        form.addRow("Export to", where)
        form.addRow("Size", size_row)
        form.addRow("Contact sheets", sheets)
        self.main_layout.insertLayout(1, form)

    def _build_result_page(self) -> None:
        # The report table and the result share the middle of the dialog.
        self.pages = QStackedWidget()
        self.main_layout.replaceWidget(self.table, self.pages)
        self.pages.addWidget(self.table)
        self.result_view = ExportResultView()
        self.result_view.back.connect(lambda: self.pages.setCurrentWidget(self.table))
        self.pages.addWidget(self.result_view)

    def _build_progress(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 0)  # indeterminate: the service reports no steps
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_export)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        # Not all or nothing (issue 18 item 8): the clear ones go, the blocked ones are
        # listed in the result.
        self.export_clear_button = QPushButton()
        self.export_clear_button.setObjectName("exportClearButton")
        self.export_clear_button.hide()
        self.export_clear_button.clicked.connect(lambda: self.export(skip_blocked=True))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        self.main_layout.insertLayout(self.main_layout.count() - 1, row)
        self.bottom.insertWidget(self.bottom.count() - 1, self.export_clear_button)
        self.bottom.insertWidget(self.bottom.count() - 1, self.export_button)

    # -- profiles and checking ------------------------------------------------------------
    def _profiles_in(self, profiles: list[dict[str, Any]]) -> None:
        super()._profiles_in(profiles)
        # Checked at once, and again whenever the profile changes: a stale report never
        # lets an export through.
        self.profile.currentIndexChanged.connect(lambda _i: self.check())
        self.check()

    def check(self) -> None:
        self.report = None
        self._update_export_button()
        super().check()

    def _report_in(self, report: CheckReport) -> None:
        super()._report_in(report)
        if not self.exporting:
            self.pages.setCurrentWidget(self.table)
            if report.errors:
                self._say(f"Export waits: {self._blocking_text(report.errors)}.", True)
            elif self.status.styleSheet():  # an earlier "waits" or refusal no longer holds
                self._say("Ready to export.")
        self._update_export_button()
        if not self._named and report.photos:
            ids, photos = [p.id for p in report.photos][:500], self.photos
            self.runner.submit(lambda: photos.summaries(ids), self._suggest, self._no_suggestion)

    def _suggest(self, summaries: list[PhotoSummary]) -> None:
        # Only into an empty field: a destination typed, chosen or set meanwhile wins.
        if not self._named and not self.destination.text().strip():
            self.destination.setText(str(unique_target(self.folder, suggested_name(summaries))))
        self._named = True

    def _no_suggestion(self, _exc: BaseException) -> None:
        """No name to suggest: the user types or chooses one."""

    def _update_export_button(self) -> None:
        report = self.report
        ready = report is not None and bool(report.photos) and report.errors == 0
        self.export_button.setEnabled(ready and not self.exporting)
        blocked = [p for p in report.photos if p.status == "blocked"] if report else []
        clear = len(report.photos) - len(blocked) if report else 0
        self.export_clear_button.setVisible(bool(blocked) and clear > 0)
        self.export_clear_button.setEnabled(not self.exporting)
        self.export_clear_button.setText(
            f"Export the {plural(clear, 'clear picture')}, leave the {len(blocked):,} blocked"
        )
        waiting = report is not None and report.errors > 0 and not self.exporting
        tip = self._blocking_text(report.errors) if report is not None and waiting else ""
        self.export_button.setToolTip(tip)

    @staticmethod
    def _blocking_text(errors: int) -> str:
        noun = "error stands" if errors == 1 else "errors stand"
        return f"{errors} {noun}: fix or override each one (with a reason) to export"

    # -- destination ----------------------------------------------------------------------
    def _destination_edited(self) -> None:
        self._named = True

    def _current_name(self) -> str:
        text = self.destination.text().strip()
        name = Path(text).name if text else "creditdesk export"
        return name[:-4] if name.lower().endswith(".zip") else name

    def choose_folder(self) -> None:
        start = str(self._parent_folder())
        chosen = QFileDialog.getExistingDirectory(self, "Export into which folder?", start)
        if chosen:
            self._named = True
            self.destination.setText(str(unique_target(Path(chosen), self._current_name())))

    def choose_zip(self) -> None:
        start = str(self._parent_folder() / f"{self._current_name()}.zip")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export to a zip file", start, "Zip files (*.zip)"
        )
        if chosen:
            self._named = True
            self.destination.setText(chosen if chosen.lower().endswith(".zip") else f"{chosen}.zip")

    def _parent_folder(self) -> Path:
        text = self.destination.text().strip()
        return Path(text).expanduser().parent if text else self.folder

    def request(self, skip_blocked: bool = False) -> ExportRequest | None:
        """What the form asks for, or None (and a message) when it is not usable."""
        report = self.report
        if report is None or (report.errors and not skip_blocked):
            return None
        text = self.destination.text().strip()
        if not text:
            self._say("Choose where to export: a new folder, or a file ending in .zip.", True)
            return None
        target = Path(text).expanduser()
        if target.exists():
            self._say(
                f"{target} already exists. Choose another name: an export never replaces "
                "an existing folder or file.",
                True,
            )
            return None
        size = self.size_combo.currentData()
        sheets = tuple(
            kind for kind, box in (("html", self.html_sheet), ("pdf", self.pdf_sheet))
            if box.isChecked()
        )  # fmt: skip
        return ExportRequest(
            ids=[p.id for p in report.photos],
            target=target,
            profile=report.profile.name,
            size=str(self.pixels.value()) if size == "custom" else size,
            contact_sheets=sheets or ("none",),
            at=datetime.now().astimezone(),
            skip_blocked=skip_blocked,
        )

    # -- exporting ------------------------------------------------------------------------
    @property
    def exporting(self) -> bool:
        return self._task is not None

    def export(self, skip_blocked: bool = False) -> None:
        if self.exporting:
            return
        request = self.request(skip_blocked)
        if request is None:
            return
        self.folderUsed.emit(str(request.target.parent))
        self.export_result, self.error = None, None
        self._sheets = request.contact_sheets
        exports = self.exports
        self._task = self.exporter.submit(
            lambda: exports.export(request), self._exported, self._export_failed
        )
        if self._task is None:  # the window is closing
            return
        self._set_busy(True)
        left = f" (leaving the {self._blocked_count():,} blocked)" if skip_blocked else ""
        self._say(f"Exporting to {request.target}{left}…")

    def cancel_export(self) -> None:
        task = self._task
        if task is None:
            return
        if self.exporter.cancel(task):
            self._task = None
            self._set_busy(False)
            self._say("Export cancelled before it started: nothing was written.")
            return
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Finishing…")
        self._say(
            "Finishing… an export cannot be stopped part-way. It completes, or — if it "
            "fails — leaves nothing behind."
        )

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel export")
        self.check_button.setEnabled(not busy)
        self.profile.setEnabled(not busy)
        if busy:
            self.override_button.setEnabled(False)
        else:
            self._selection_changed()
        self._update_export_button()

    def _blocked_count(self) -> int:
        report = self.report
        return sum(1 for p in report.photos if p.status == "blocked") if report else 0

    def _exported(self, result: ExportResult) -> None:
        self._task = None
        self._set_busy(False)
        self.export_result = result
        if result.blocked:
            self._report_in(result.report)
            self._say("Blocked when exporting: nothing was written. See the report.", True)
            return
        self._show_result(result)
        self.exported.emit([f["photo_id"] for f in result.files])

    def _export_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.error = str(exc)
        what = "Not exported" if isinstance(exc, ArchiveError) else "Export failed"
        self._say(f"{what}: {exc}", True)

    def _show_result(self, result: ExportResult) -> None:
        assert result.bundle is not None
        self.result_view.show_result(result, self._sheets, self.report_photos)
        self.pages.setCurrentWidget(self.result_view)
        self._say(f"Done: {result.bundle.name}")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
