"""A date and time in UTC that may also be "no date" (or ‹multiple values›).

Qt's own idiom for an optional value: the minimum date stands for "none" and shows the
special value text. Licence dates are stored in UTC, so they are edited in UTC too.
"""

from __future__ import annotations

from datetime import UTC as PY_UTC
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QToolButton, QWidget

from gui.panels.inspector.selection import MULTIPLE, MULTIPLE_VALUES

UTC = QTimeZone.utc()
NO_DATE = QDateTime(QDate(1900, 1, 1), QTime(0, 0), UTC)
NO_DATE_TEXT = "No date"


def _today() -> QDateTime:
    return QDateTime(QDateTime.currentDateTimeUtc().date(), QTime(0, 0), UTC)


def from_iso(value: str) -> QDateTime | None:
    """The core's ISO text (any offset, or none = UTC) as a UTC QDateTime."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    when = (when if when.tzinfo else when.replace(tzinfo=PY_UTC)).astimezone(PY_UTC)
    return QDateTime(
        QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second), UTC
    )


class _DateTimeEdit(QDateTimeEdit):
    def stepBy(self, steps: int) -> None:
        # Stepping from "no date" starts at today, not at the 1900 that stands for it.
        if self.dateTime() == NO_DATE:
            self.setDateTime(_today())
            return
        super().stepBy(steps)


class OptionalDateTimeEdit(QWidget):
    """`edited` when the user changes the date or clears it; `dirty` until shown again."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _DateTimeEdit()
        self.edit.setTimeZone(UTC)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm 'UTC'")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(NO_DATE)
        self.edit.setSpecialValueText(NO_DATE_TEXT)
        self.edit.calendarWidget().installEventFilter(self)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("No date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.dirty = False
        self._loading = False
        self.edit.dateTimeChanged.connect(self._changed)
        self.clear_button.clicked.connect(self.clear)

    def show_value(self, value: Any) -> None:
        """An ISO date-time, None (no date) or MULTIPLE."""
        self._loading = True
        self.edit.setSpecialValueText(MULTIPLE_VALUES if value is MULTIPLE else NO_DATE_TEXT)
        when = from_iso(value) if isinstance(value, str) and value else None
        self.edit.setDateTime(NO_DATE if when is None else when)
        self._loading = False
        self.dirty = False

    def set_value(self, value: QDateTime) -> None:
        """As if the user picked *value* (tests, and the calendar)."""
        self.edit.setDateTime(value.toTimeZone(UTC))

    def clear(self) -> None:
        self.edit.setSpecialValueText(NO_DATE_TEXT)
        if self.edit.dateTime() == NO_DATE:
            self.dirty = True  # ‹multiple values› → no date on all: no dateTimeChanged
            self.edited.emit()
        else:
            self.edit.setDateTime(NO_DATE)

    @property
    def is_empty(self) -> bool:
        return self.edit.dateTime() == NO_DATE

    def iso(self) -> str:
        """The date as the core reads it; "" for no date."""
        if self.is_empty:
            return ""
        return self.edit.dateTime().toTimeZone(UTC).toString(Qt.DateFormat.ISODate)

    def _changed(self, _value: QDateTime) -> None:
        if self._loading:
            return
        if self.is_empty:
            self.edit.setSpecialValueText(NO_DATE_TEXT)
        self.dirty = True
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The calendar of "no date" opens on this month, not on January 1900.
        if event.type() == QEvent.Type.Show and self.is_empty:
            today = _today().date()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
