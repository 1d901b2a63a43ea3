"""Where the eye already is: which fields are modified (tinted), and whether the edit was
saved — a line under the inspector's title, not a message at the bottom of the panel
(issue 18 item 3).

    ● 2 fields modified — saved when you leave the field, or Ctrl+S
    Saving…
    ✓ Saved at 21:14:03 · version 5 · Ctrl+Z undoes
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from archive.text import plural

if TYPE_CHECKING:
    from gui.panels.inspector.inspector import Inspector

MODIFIED = "modified"
STYLE = (
    '*[modified="true"] { background-color: #fff4d6; }'
    ' QListWidget[modified="true"] { border: 1px solid #e0a800; }'
)
DIRTY_STYLE = "color: #8a5a00;"
SAVED_STYLE = "color: #2e7d32;"


class SaveState:
    """Tints modified fields and keeps the state line in step with the editors."""

    def __init__(self, label: QLabel, fields: Callable[[], list[tuple[QWidget, bool]]]) -> None:
        self.label = label
        self.fields = fields  # (widget, dirty) of every editor, asked afresh each time
        self.label.setObjectName("saveState")
        self.label.setWordWrap(True)
        self._saving = False
        self._saved: str | None = None

    def modified(self) -> list[QWidget]:
        return [widget for widget, dirty in self.fields() if dirty]

    def refresh(self) -> None:
        changed = 0
        for widget, dirty in self.fields():
            if bool(widget.property(MODIFIED)) != dirty:
                widget.setProperty(MODIFIED, dirty)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            changed += dirty
        if self._saving:
            self._show("Saving…", "")
        elif changed:
            self._saved = None
            self._show(
                f"● {plural(changed, 'field')} modified — saved when you leave the field, "
                "or Ctrl+S",
                DIRTY_STYLE,
            )
        elif self._saved:
            self._show(self._saved, SAVED_STYLE)
        else:
            self._show("", "")

    def saving(self) -> None:
        self._saving = True
        self.refresh()

    def saved(self, version: int | None, changes: int) -> None:
        self._saving = False
        at = datetime.now().strftime("%H:%M:%S")
        what = f"version {version}" if version is not None else plural(changes, "change")
        self._saved = (
            f"✓ Saved at {at} · {what} · Ctrl+Z undoes" if changes else f"✓ Nothing to save ({at})"
        )
        self.refresh()

    def failed(self) -> None:
        self._saving = False
        self._saved = None
        self.refresh()

    def loaded(self) -> None:
        """A new selection: its own state (a save's ✓ stays if it is the same photo)."""
        self.refresh()

    def forget(self) -> None:
        self._saved = None
        self.refresh()

    def _show(self, text: str, style: str) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(style)
        self.label.setVisible(bool(text))


def mount_save_state(inspector: Inspector) -> SaveState:
    """The state line under the check line, and the tint on the form's modified fields."""
    form = inspector.form
    label = QLabel()
    layout = form.layout()
    layout.insertWidget(layout.indexOf(form.status) + 1, label)  # type: ignore[attr-defined]
    label.hide()
    form.setStyleSheet(STYLE)

    def fields() -> list[tuple[QWidget, bool]]:
        credit = form.credit
        return [
            (form.caption, form.caption.dirty),
            (form.headline, form.headline.dirty),
            (form.event_field, form.event_field.dirty),
            (form.instructions, form.instructions.dirty),
            (form.people.list, form.people.dirty),
            (form.keywords.list, form.keywords.dirty),
            (credit.agency, credit.agency_dirty),
            (credit.photographer, credit.photographer.dirty),
            (credit.line, credit.line.dirty),
        ]

    return SaveState(label, fields)
