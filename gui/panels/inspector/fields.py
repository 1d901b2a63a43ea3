"""Form fields that know three things: their value, "‹multiple values›", and whether the
user changed them (only changed fields are written)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from archive.captions import CodeReplacements
from gui.panels.inspector.selection import MULTIPLE, MULTIPLE_VALUES


class TextField(QLineEdit):
    """One line; `committed` when the user leaves it or presses Enter after changing it."""

    committed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder
        self.dirty = False
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finish)

    def show_value(self, value: Any) -> None:
        self.dirty = False
        multiple = value is MULTIPLE
        self.setText("" if multiple or value is None else str(value))
        self.setPlaceholderText(MULTIPLE_VALUES if multiple else self._placeholder)
        self.setCursorPosition(0)
        self._tip()

    def _tip(self) -> None:
        # A long value (instructions run to paragraphs) is read whole in the tooltip.
        self.setToolTip(self.text() if len(self.text()) > 40 else "")

    @property
    def multiple(self) -> bool:
        return self.placeholderText() == MULTIPLE_VALUES

    def _edited(self, _text: str) -> None:
        self.dirty = True
        self._tip()

    def _finish(self) -> None:
        if self.dirty:
            self.committed.emit()


class CaptionField(QPlainTextEdit):
    """The caption: code replacement as you type (`=kw=` → Kate Winslet), `committed` on
    focus-out when changed."""

    committed = Signal()

    def __init__(self, codes: CodeReplacements | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionEdit")
        self.codes = codes
        self.dirty = False
        self._loading = False
        self.unknown_codes: tuple[str, ...] = ()
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._changed)

    def show_value(self, value: Any) -> None:
        self._loading = True
        self.dirty = False
        multiple = value is MULTIPLE
        self.setPlainText("" if multiple or value is None else str(value))
        self.setPlaceholderText(MULTIPLE_VALUES if multiple else "Caption")
        self._loading = False

    @property
    def multiple(self) -> bool:
        return self.placeholderText() == MULTIPLE_VALUES

    @property
    def text(self) -> str:
        return self.toPlainText()

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._replace_codes()

    def _replace_codes(self) -> None:
        if self.codes is None:
            return
        text = self.toPlainText()
        replaced = self.codes.apply(text)
        self.unknown_codes = replaced.unknown
        if replaced.text == text:
            return
        cursor = self.textCursor()
        from_end = len(text) - cursor.position()
        self._loading = True
        self.setPlainText(replaced.text)
        self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(max(0, len(replaced.text) - from_end))
        self.setTextCursor(cursor)
        self.moveCursor(QTextCursor.MoveOperation.NoMove)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.dirty:
            self.committed.emit()
