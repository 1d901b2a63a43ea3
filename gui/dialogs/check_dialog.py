"""Check photos against a publishing profile: the compliance report as a table, overrides
with a written reason, re-check. The check and the overrides run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.compliance.facts import LAPSED
from archive.services.compliance import CheckReport, ComplianceService
from archive.services.profiles import ProfileService
from archive.text import plural
from gui.dialogs.report_photos import THUMB, Describe, ReportPhoto
from gui.workers import TaskRunner

COLUMNS = ("Photo", "Status", "Rule", "Severity", "Message", "Fix")
SEVERITY_COLOURS = {"error": QColor("#c62828"), "warning": QColor("#b26a00")}
RowRole = Qt.ItemDataRole.UserRole + 1

# Asks for the reason of an override; replaced in tests (a modal dialog would block).
AskReason = Callable[[QWidget, str], tuple[str, bool]]


def ask_reason(parent: QWidget, what: str) -> tuple[str, bool]:
    return QInputDialog.getText(parent, "Override", f"Why is it acceptable to publish?\n\n{what}")


class CheckDialog(QDialog):
    checked = Signal(list)  # ids whose stored status changed

    def __init__(
        self,
        compliance: ComplianceService,
        profiles: ProfileService,
        ids_source: Callable[[], list[int]],
        runner: TaskRunner,
        writer: TaskRunner,
        ask: AskReason = ask_reason,
        parent: QWidget | None = None,
        *,
        describe: Describe | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle("Check before publishing")
        self.resize(980, 520)
        self.compliance, self.profiles = compliance, profiles
        self.ids_source, self.runner, self.writer, self.ask = ids_source, runner, writer, ask
        self.report: CheckReport | None = None
        self._rows: list[tuple[int, str, Any]] = []  # (photo id, status, finding or None)
        self.describe = describe
        self.report_photos: dict[int, ReportPhoto] = {}  # thumbnail, people, credit of each photo
        # Each photo keeps the place it had in the first report: an override (and the
        # re-check after it) never re-sorts the rows under the editor's eyes.
        self._order: dict[int, int] = {}

        self.profile = QComboBox()
        self.profile.setObjectName("profileCombo")
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("checkButton")
        self.override_button = QPushButton("Override…")
        self.override_button.setEnabled(False)
        self.summary = QLabel("Choose a profile and check.")
        self.summary.setObjectName("checkSummary")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("checkTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setIconSize(QSize(THUMB, THUMB))
        header = self.table.horizontalHeader()
        for column, width in enumerate((200, 80, 150, 70)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(QLabel("Profile"))
        top.addWidget(self.profile, 1)
        top.addWidget(self.check_button)
        # Kept so a dialog built on this one (export) can add its own rows and buttons.
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.summary, 1)
        self.bottom.addWidget(self.override_button)
        self.bottom.addWidget(self.close_button)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(top)
        self.main_layout.addWidget(self.table, 1)
        self.main_layout.addLayout(self.bottom)

        self.check_button.clicked.connect(self.check)
        self.override_button.clicked.connect(self.override_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.runner.submit(self.profiles.listing, self._profiles_in, self._error)

    def _profiles_in(self, profiles: list[dict[str, Any]]) -> None:
        for p in profiles:
            self.profile.addItem(p["name"])
            self.profile.setItemData(
                self.profile.count() - 1, _profile_tip(p), Qt.ItemDataRole.ToolTipRole
            )
        default = self.profile.findText("editorial-web-GB")
        if default >= 0:
            self.profile.setCurrentIndex(default)

    # -- checking -----------------------------------------------------------------------
    def check(self) -> None:
        profile = self.profile.currentText() or None
        self.check_button.setEnabled(False)
        self.summary.setText("Checking…")
        ids_source, compliance, describe = self.ids_source, self.compliance, self.describe
        known = set(self.report_photos)

        def run() -> tuple[CheckReport, dict[int, ReportPhoto]]:
            report = compliance.check(ids_source(), profile)
            new = [p.id for p in report.photos if p.id not in known]
            return report, describe(new) if describe is not None and new else {}

        # A check records each photo's status: a write, so on the writer thread.
        self.writer.submit(run, self._checked_in, self._error)

    def _checked_in(self, result: tuple[CheckReport, dict[int, ReportPhoto]]) -> None:
        report, photos = result
        self.report_photos.update(photos)
        self._report_in(report)

    def _report_in(self, report: CheckReport) -> None:
        kept = self._current_key()
        self.report = report
        self.check_button.setEnabled(True)
        self._rows = []
        order = {"blocked": 0, "warning": 1, "clear": 2}
        for photo in sorted(report.photos, key=lambda p: (order.get(p.status, 3), p.id)):
            self._order.setdefault(photo.id, len(self._order))
        for photo in sorted(report.photos, key=lambda p: self._order[p.id]):
            if not photo.findings:
                self._rows.append((photo.id, photo.status, None))
            for finding in photo.findings:
                self._rows.append((photo.id, photo.status, finding))
        self.table.setRowCount(len(self._rows))
        for row, (photo_id, status, finding) in enumerate(self._rows):
            self._fill(row, photo_id, status, finding)
        self.table.resizeRowsToContents()
        self._reselect(kept)
        blocked = sum(1 for p in report.photos if p.status == "blocked")
        self.summary.setText(
            f"{plural(len(report.photos), 'photo')} · {blocked:,} blocked · "
            f"{plural(report.errors, 'error')} · {plural(report.warnings, 'warning')} "
            f"({report.profile.name})"
        )
        self.checked.emit([p.id for p in report.photos])

    def _current_key(self) -> tuple[int, str | None] | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows):
            return None
        photo_id, _status, finding = self._rows[row]
        return photo_id, finding.rule if finding is not None else None

    def _reselect(self, key: tuple[int, str | None] | None) -> None:
        """The row selected before a re-check again (same photo and rule, else same photo)."""
        if key is None:
            return
        rows = [r for r, (pid, _s, _f) in enumerate(self._rows) if pid == key[0]]
        same = [r for r in rows if (f := self._rows[r][2]) is not None and f.rule == key[1]]
        target = (same or rows or [None])[0]
        if target is not None:
            self.table.selectRow(target)

    def _fill(self, row: int, photo_id: int, status: str, finding: Any) -> None:
        photo = self.report_photos.get(photo_id)
        values = [photo.label if photo else str(photo_id), status]
        if finding is None:
            values += ["", "", "no findings", ""]
        else:
            message = finding.message + (
                f" — overridden: {finding.override_reason}" if finding.overridden else ""
            )
            if finding.override_lapsed:  # issue 22 item 1: the facts changed since
                message += (
                    f" — {LAPSED} (given for {finding.lapsed_given_for}: {finding.lapsed_reason})"
                )
            severity = "error (hard)" if finding.hard else finding.severity
            values += [finding.rule, severity, message, finding.fix]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if column == 0 and photo is not None:
                if not photo.image.isNull():
                    item.setIcon(QIcon(QPixmap.fromImage(photo.image)))
                item.setToolTip(
                    f"Photo {photo_id}: {photo.title}\n{photo.credit}" + self._rights_tip(photo_id)
                )
            if finding is not None and column == 3 and not finding.overridden:
                colour = SEVERITY_COLOURS.get(finding.severity)
                if colour is not None:
                    item.setForeground(QBrush(colour))
            if finding is not None and finding.overridden:
                item.setForeground(QBrush(QColor("gray")))
            item.setData(RowRole, row)
            self.table.setItem(row, column, item)

    def _rights_tip(self, photo_id: int) -> str:
        """What export will write about the rights (issue 22 item 3), as the check says it."""
        report = self.report
        found = next((p for p in report.photos if p.id == photo_id), None) if report else None
        rights = found.export_rights if found is not None else None
        if rights is None:
            return ""
        lines = []
        if rights.usage_terms_added:
            lines.append(f"Export writes usage terms: {rights.usage_terms}")
        if rights.copyright_added:
            lines.append(f"Export writes copyright: {rights.copyright} (agency default)")
        return "".join(f"\n{line}" for line in lines)

    def _selection_changed(self) -> None:
        row = self.table.currentRow()
        finding = self._rows[row][2] if 0 <= row < len(self._rows) else None
        hard = finding is not None and finding.hard
        self.override_button.setEnabled(finding is not None and not finding.overridden and not hard)
        profile = self.report.profile.name if self.report is not None else "this profile"
        self.override_button.setToolTip(
            f"{finding.rule} is a hard rule of {profile}: it cannot be overridden. Fix the "
            "picture's licence or choose another picture."
            if hard
            else "Accept this finding for this photo, with a written reason"
        )

    # -- overriding --------------------------------------------------------------------
    def override_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows) or self._rows[row][2] is None:
            return
        photo_id, _status, finding = self._rows[row]
        if finding.hard:
            return
        reason, ok = self.ask(self, f"Photo {photo_id}: {finding.rule} — {finding.message}")
        if not ok or not reason.strip():
            return
        profile = self.profile.currentText() or None
        # The finding as this check saw it: the same publication time.
        at = self.report.profile.at if self.report is not None else None
        compliance = self.compliance
        self.writer.submit(
            lambda: compliance.override(photo_id, finding.rule, reason, profile, at),
            lambda _r: self.check(),
            self._error,
            owner=self,
        )

    def _error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.summary.setText(f"Could not check: {exc}")


def _profile_tip(profile: dict[str, Any]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in profile.items() if v not in (None, "", [], {}))
