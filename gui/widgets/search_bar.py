"""The search box: the archive's query language, completion, an inline error, history.

A malformed query is caught as it is typed (parsing is pure and fast) and shown under the
box with a caret at the place it went wrong; the grid keeps its last good result, greyed
(`errorChanged`). The error floats over the window below the box instead of taking a row
of the toolbar, so showing it never pushes the window's contents down (issue 18 item 12).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.search import QueryError, parse_query
from gui.widgets.query_completer import QueryCompleter

PLACEHOLDER = 'Search: kate  person:"Kate Winslet"  event:bafta  agency:getty  taken:2023'


class SearchBar(QWidget):
    """Emits `searched(text)` for a query that parses; shows the error otherwise."""

    searched = Signal(str)
    errorChanged = Signal(bool)  # a malformed query is shown (True) or gone (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.completer = QueryCompleter(self.edit)
        self.back = QToolButton(text="◀", toolTip="Previous search (Alt+Left)", autoRaise=True)
        self.forward = QToolButton(text="▶", toolTip="Next search (Alt+Right)", autoRaise=True)
        self.back.setShortcut("Alt+Left")
        self.forward.setShortcut("Alt+Right")
        self.error = QLabel()
        self.error.setObjectName("queryError")
        self.error.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.back)
        row.addWidget(self.forward)
        row.addWidget(self.edit, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        self.error.setAutoFillBackground(True)
        self.error.setStyleSheet(
            "QLabel#queryError { color: #c62828; background: palette(base);"
            " border: 1px solid #c62828; padding: 2px 4px; }"
        )

        self._history: list[str] = []
        self._position = -1
        self._validate = QTimer(self, singleShot=True, interval=250)
        self._validate.timeout.connect(self.validate)
        self.edit.textEdited.connect(lambda _t: self._validate.start())
        self.edit.returnPressed.connect(self.submit)
        self.back.clicked.connect(lambda: self._step(-1))
        self.forward.clicked.connect(lambda: self._step(1))
        self._update_buttons()

    # -- public --------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.edit.text()

    @property
    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() or self.error.text() else ""

    @property
    def history(self) -> list[str]:
        return list(self._history)

    def run(self, query: str) -> None:
        """Put *query* in the box and search (sidebar clicks, saved searches)."""
        self.edit.setText(query)
        self.submit()

    def submit(self) -> None:
        self.completer.popup().hide()
        query = self.edit.text().strip()
        if not self.validate():
            return
        if not self._history or self._history[self._position] != query:
            del self._history[self._position + 1 :]
            self._history.append(query)
            self._position = len(self._history) - 1
        self._update_buttons()
        self.searched.emit(query)

    def validate(self) -> bool:
        try:
            parse_query(self.edit.text())
        except QueryError as exc:
            self.show_error(exc)
            return False
        self.clear_error()
        return True

    def show_error(self, exc: QueryError) -> None:
        """The message and the query with a caret under the position (also for errors the
        archive finds while running the query, e.g. `status:bogus`)."""
        query = exc.query or self.edit.text()
        caret = " " * max(0, exc.position) + "^"
        self.error.setText(f"{query}\n{caret}  {exc.message}")
        self.error.setToolTip(exc.message)
        self._float_error()
        self.edit.setStyleSheet("QLineEdit { border: 1px solid #c62828; }")
        self.errorChanged.emit(True)

    def _float_error(self) -> None:
        """Over the window, just under the box: no layout moves for it."""
        window = self.window()
        if self.error.parent() is not window:
            self.error.setParent(window)
        self.error.adjustSize()
        self.error.move(self.edit.mapTo(window, self.edit.rect().bottomLeft()))
        self.error.raise_()
        self.error.show()

    def clear_error(self) -> None:
        had = bool(self.error.text())
        self.error.clear()
        self.error.hide()
        self.edit.setStyleSheet("")
        if had:
            self.errorChanged.emit(False)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    # -- history ------------------------------------------------------------------------
    def _step(self, delta: int) -> None:
        target = self._position + delta
        if not 0 <= target < len(self._history):
            return
        self._position = target
        self.edit.setText(self._history[target])
        self.clear_error()
        self._update_buttons()
        self.searched.emit(self._history[target])

    def _update_buttons(self) -> None:
        self.back.setEnabled(self._position > 0)
        self.forward.setEnabled(0 <= self._position < len(self._history) - 1)
