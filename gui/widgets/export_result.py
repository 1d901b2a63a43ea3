"""What an export wrote: the bundle, its files and warnings, and a button to open it."""

from __future__ import annotations

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
        lists = QHBoxLayout()
        for title, widget, stretch in (
            ("Files", self.files_list, 2),
            ("Warnings", self.warnings_list, 3),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget, 1)
            lists.addLayout(column, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(lists, 1)
        layout.addLayout(buttons)

    def show_result(self, result: ExportResult, sheets: tuple[str, ...]) -> None:
        self.result = result
        photos, bundle = len(result.files), result.bundle
        self.label.setText(
            f"Exported {photos:,} photo{'s' if photos != 1 else ''} to {bundle}"
            + (f" · {len(result.warnings):,} warnings" if result.warnings else "")
            + (f" · {len(result.overrides):,} overrides recorded" if result.overrides else "")
        )
        self.files_list.clear()
        self.files_list.addItems(bundle_files(result, sheets))
        self.warnings_list.clear()
        self.warnings_list.addItems(result.warnings or ["No warnings."])

    def open_bundle(self) -> None:
        if self.result is None or self.result.bundle is None:
            return
        bundle = self.result.bundle
        open_url(QUrl.fromLocalFile(str(bundle if bundle.is_dir() else bundle.parent)))
