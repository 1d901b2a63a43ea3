"""What an export wrote: the bundle, its files and warnings, and a button to open it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.services.exports import SIDE_FILES, ExportResult
from archive.text import plural


def open_url(url: QUrl) -> bool:
    """Open a folder in the desktop's file manager (replaced in tests)."""
    return bool(QDesktopServices.openUrl(url))


def bundle_files(result: ExportResult, sheets: tuple[str, ...]) -> list[str]:
    """The pictures, then the side files the bundle carries (contact sheets as asked)."""
    wanted = {f"contact-sheet.{kind}" for kind in sheets}
    side = [n for n in SIDE_FILES if not n.startswith("contact-sheet") or n in wanted]
    return [f["file"] for f in result.files] + side


class ExportResultView(QWidget):
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportResult")
        self.result: ExportResult | None = None
        self.label = QLabel()
        self.label.setObjectName("resultLabel")
        self.label.setWordWrap(True)
        self.files_list = QListWidget()
        self.files_list.setObjectName("filesList")
        self.warnings_list = QListWidget()
        self.warnings_list.setObjectName("warningsList")
        self.warnings_list.setWordWrap(True)
        self.open_button = QPushButton("Open bundle folder")
        self.open_button.setObjectName("openBundleButton")
        self.open_button.clicked.connect(self.open_bundle)
        back = QPushButton("Back to the report")
        back.clicked.connect(self.back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(back)
        buttons.addStretch(1)
        self.skipped_list = QListWidget()
        self.skipped_list.setObjectName("skippedList")
        self.skipped_list.setWordWrap(True)
        lists = QHBoxLayout()
        for title, widget, stretch in (
            ("Files", self.files_list, 2),
            ("Warnings", self.warnings_list, 3),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget, 1)
            lists.addLayout(column, stretch)
        self.skipped_box = QWidget()
        skipped = QVBoxLayout(self.skipped_box)
        skipped.setContentsMargins(0, 0, 0, 0)
        skipped.addWidget(QLabel("Left out: blocked"))
        skipped.addWidget(self.skipped_list, 1)
        self.skipped_box.hide()
        lists.addWidget(self.skipped_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(lists, 1)
        layout.addLayout(buttons)

    def show_result(
        self,
        result: ExportResult,
        sheets: tuple[str, ...],
        photos: Mapping[int, Any] | None = None,
    ) -> None:
        """*photos*: what the report knows of each photo (a `.title`), to name them."""
        self.result = result
        count, bundle = len(result.files), result.bundle
        self.label.setText(
            f"Exported {plural(count, 'photo')} to {bundle}"
            + (f" · {plural(len(result.warnings), 'warning')}" if result.warnings else "")
            + (
                f" · {plural(len(result.overrides), 'override')} recorded"
                if result.overrides
                else ""
            )
            + (f" · {len(result.skipped):,} blocked left out" if result.skipped else "")
        )
        self.files_list.clear()
        # File ↔ photo at a glance (issue 18 item 11): each file with the photo it is.
        names = {f["file"]: f["photo_id"] for f in result.files}
        for name in bundle_files(result, sheets):
            pid = names.get(name)
            title = getattr((photos or {}).get(pid), "title", "") if pid is not None else ""
            label = (
                name if pid is None else f"{name}  ← photo {pid}" + (f" · {title}" if title else "")
            )
            self.files_list.addItem(label)
        self.warnings_list.clear()
        self.warnings_list.addItems(result.warnings or ["No warnings."])
        self.skipped_list.clear()
        for left in result.skipped:
            pid = left["photo_id"]
            title = getattr((photos or {}).get(pid), "title", "")
            why = "; ".join(left["reasons"]) or ", ".join(left["rules"])
            self.skipped_list.addItem(
                f"photo {pid}" + (f" · {title}" if title else "") + f": {why}"
            )
        self.skipped_box.setVisible(bool(result.skipped))

    def open_bundle(self) -> None:
        if self.result is None or self.result.bundle is None:
            return
        bundle = self.result.bundle
        open_url(QUrl.fromLocalFile(str(bundle if bundle.is_dir() else bundle.parent)))
