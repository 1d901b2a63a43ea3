"""Preview a caption template before it replaces anything (issue 18 items 1 and 2): the new
caption of each selected photo as a diff against the current one, the variables that have
no value said at the top (not below the fold), and the event's venue, city and country to
fill in right here. Apply saves the place on the event, then writes the captions — one
edit, undone with Ctrl+Z. The previews are read off the GUI thread."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from archive.services.template_preview import (
    PLACE_FIELDS,
    CaptionPreview,
    pretty_name,
    said_country,
    word_diff,
)
from archive.text import plural
from gui.workers import TaskRunner

Preview = Callable[[dict[str, str]], list[CaptionPreview]]
# (place to save on the event or {}, then) write the template: runs on the writer.
Apply = Callable[[dict[str, str]], Any]


def diff_html(old: str, new: str) -> str:
    parts = []
    for op, text in word_diff(old, new):
        t = html.escape(text)
        if op == "-":
            parts.append(f'<span style="color:#c62828;text-decoration:line-through">{t}</span>')
        elif op == "+":
            parts.append(f'<span style="color:#2e7d32;font-weight:bold">{t}</span>')
        else:
            parts.append(t)
    return "".join(parts)


class TemplatePreviewDialog(QDialog):
    applied = Signal(object)  # the EditResult

    def __init__(
        self,
        name: str,
        template: str,
        event: dict[str, Any] | None,
        preview: Preview,
        apply: Apply,
        reader: TaskRunner,
        writer: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatePreview")
        self.setWindowTitle(f"Caption template: {pretty_name(name)}")
        self.resize(640, 460)
        self.preview_fn, self.apply_fn, self.reader, self.writer = preview, apply, reader, writer
        self.event_info = event
        self.previews: list[CaptionPreview] = []
        self._generation = 0
        self.template_label = QLabel(f"<code>{html.escape(template)}</code>")
        self.template_label.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828; font-weight: bold;")
        self.problem.hide()
        self.note = QLabel()
        self.note.setObjectName("templateNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00;")
        self.note.hide()
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in PLACE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"{key}Fill")
            current = (event or {}).get(key) or ""
            edit.setText(current)
            edit.setPlaceholderText(f"the event's {key}" if event else "several events selected")
            edit.setEnabled(event is not None)
            edit.textEdited.connect(lambda _t: self._again.start())
            self.fields[key] = edit
            form.addRow(key.capitalize(), edit)
        self.diffs = QTextBrowser()
        self.diffs.setObjectName("templateDiffs")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText("Replace the captions")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_label)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.diffs, 1)
        layout.addWidget(self.buttons)
        self._again = QTimer(self, singleShot=True, interval=250)
        self._again.timeout.connect(self.refresh)
        self._prefilled = False
        self.refresh()

    def place(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.fields.items() if e.isEnabled()}

    def refresh(self) -> None:
        self._generation += 1
        generation, place, preview = self._generation, self.place(), self.preview_fn
        self.reader.submit(
            lambda: preview(place), lambda found: self._shown(generation, found), self._failed
        )

    def _shown(self, generation: int, previews: list[CaptionPreview]) -> None:
        if generation != self._generation:
            return
        if self._prefill_country(previews):
            return
        self.previews = previews
        missing = sorted({m for p in previews for m in p.missing})
        ready = [p for p in previews if p.new is not None]
        if missing:
            names = ", ".join(f"{{{m}}}" for m in missing)
            fill = [m for m in missing if m in PLACE_FIELDS]
            hint = f" — fill in the event's {', '.join(fill)} below" if fill else ""
            blocked = len(previews) - len(ready)
            self.problem.setText(
                f"{names} has no value for {plural(blocked, 'photo')}: "
                f"their captions stay as they are{hint}."
            )
        else:
            self.problem.setText("")
        self.problem.setVisible(bool(missing))
        notes = list(dict.fromkeys(p.note for p in previews if p.note))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        rows = []
        for p in previews:
            if p.new is None:
                body = f"<i>unchanged: no value for {', '.join(p.missing)}</i>"
            elif not p.changes:
                body = "<i>no change</i>"
            else:
                body = diff_html(p.old or "", p.new)
            rows.append(f"<p><b>Photo {p.photo_id}</b><br>{body}</p>")
        self.diffs.setHtml("".join(rows))
        changing = sum(1 for p in ready if p.changes)
        self.apply_button.setEnabled(changing > 0)
        self.apply_button.setText(f"Replace {plural(changing, 'caption')}")

    def _prefill_country(self, previews: list[CaptionPreview]) -> bool:
        """Once: an event without a country takes the one the current captions give after
        the city ("London, England"), so the template agrees with them unless changed."""
        field = self.fields["country"]
        if self._prefilled or not field.isEnabled() or field.text().strip():
            self._prefilled = True
            return False
        self._prefilled = True
        city = self.fields["city"].text().strip()
        for p in previews:
            city_of = city or p.city
            said = said_country(p.old, city_of) if city_of else None
            if said:
                field.setText(said)
                self.refresh()
                return True
        return False

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(f"Cannot preview: {exc}")
        self.problem.show()

    def apply(self) -> None:
        self.apply_button.setEnabled(False)
        place, apply = self.place(), self.apply_fn
        self.writer.submit(lambda: apply(place), self._applied, self._failed)

    def _applied(self, result: Any) -> None:
        self.applied.emit(result)
        self.accept()
