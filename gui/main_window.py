"""The main window: the archive's photos in a paged table, with an empty-state hint.

The window knows nothing about catalogues or sessions: it is handed a ready model and the
folder to name in the status bar by the composition root (`gui/app.py`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QWidget,
)

from gui.models.photo_table import PhotoTableModel

WINDOW_TITLE = "Creditdesk"
EMPTY_HINT = "No photos yet — import some with: creditdesk import FOLDER"

# Starting widths for ID, Taken, People, Event, Credit line; Caption takes the rest.
_COLUMN_WIDTHS = (60, 190, 200, 200, 240)


def photo_count_text(total: int, folder: Path | str) -> str:
    noun = "photo" if total == 1 else "photos"
    return f"{total:,} {noun} in {folder}"


class MainWindow(QMainWindow):
    def __init__(
        self, model: PhotoTableModel, archive_folder: Path | str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._folder = archive_folder
        # The window owns its model, so closing and deleting the window frees both.
        model.setParent(self)

        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1200, 700)

        self.table = self._build_table(model)
        self.empty_hint = QLabel(EMPTY_HINT)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # One slot in the window, two faces: the hint for an empty archive, else the table.
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_hint)
        self._stack.addWidget(self.table)
        self.setCentralWidget(self._stack)

        # A normal (left) status widget: temporary messages such as errors cover it for
        # their timeout, then the count shows again.
        self._count_label = QLabel()
        self.statusBar().addWidget(self._count_label, 1)

        self._build_actions()
        model.totalChanged.connect(self._show_total)
        model.loadFailed.connect(self._show_error)
        self.refresh()

    # -- construction ----------------------------------------------------------------------

    def _build_table(self, model: PhotoTableModel) -> QTableView:
        table = QTableView()
        table.setObjectName("photoTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Sorting belongs to the service (it pages in its own order); a view-side sort
        # would only sort the loaded pages.
        table.setSortingEnabled(False)
        table.verticalHeader().setVisible(False)
        # Fixed row heights: Qt then never measures rows, which keeps big lists fast.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate(_COLUMN_WIDTHS):
            table.setColumnWidth(column, width)
        return table

    def _build_actions(self) -> None:
        self.refresh_action = QAction("&Refresh", self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setStatusTip("Read the catalogue again")
        self.refresh_action.triggered.connect(self.refresh)
        # Also on the window itself, so F5 works wherever focus is, menu bar shown or not.
        self.addAction(self.refresh_action)

        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.refresh_action)

    # -- behaviour -------------------------------------------------------------------------

    @property
    def model(self) -> PhotoTableModel:
        return self._model

    @property
    def status_text(self) -> str:
        return self._count_label.text()

    @property
    def showing_empty_state(self) -> bool:
        return self._stack.currentWidget() is self.empty_hint

    def refresh(self) -> None:
        """Re-query the catalogue (F5): picks up imports made by the CLI or another desk."""
        self._model.reload()
        # A successful reload already emitted totalChanged; a failed one did not, and the
        # window must still show a count and a face (the first load may be the one failing).
        self._show_total(self._model.total)

    def _show_total(self, total: int) -> None:
        self._count_label.setText(photo_count_text(total, self._folder))
        self._stack.setCurrentWidget(self.empty_hint if total == 0 else self.table)

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(f"Could not read the catalogue: {message}", 15_000)
