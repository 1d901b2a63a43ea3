"""Editing the licence of the selected photos: kind, allowed uses, excluded territories,
validity and restrictions, written with LicenceService.edit on the single writer thread.

With several photos selected a field that differs shows "‹multiple values›" and only the
fields the user changes are written. Values the core refuses (an unknown use, a country
it does not know) are shown under their field in the core's own words and keep OK
disabled; an error from the write itself is shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.compliance.facts import LICENCE_KINDS, USES
from archive.errors import ArchiveError
from archive.services.licences import LicenceService
from gui.panels.inspector.date_field import OptionalDateTimeEdit
from gui.panels.inspector.licence_change import (
    LicenceEdits,
    ShownLicence,
    build_change,
    errors,
    shown_licence,
)
from gui.panels.inspector.selection import MULTIPLE, MULTIPLE_VALUES, SelectionData
from gui.workers import TaskRunner

NOT_STATED = "(not stated)"
ERROR_STYLE = "color: #c62828;"


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def _show_list(edit: QLineEdit, value: Any) -> None:
    edit.setText("" if value is MULTIPLE else ", ".join(value or []))


class LicenceDialog(QDialog):
    edited = Signal(list)  # the ids whose licence was written

    def __init__(
        self,
        service: LicenceService,
        writer: TaskRunner,
        data: SelectionData,
        parent: QWidget | None = None,
        versions: Callable[[], dict[int, int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("licenceDialog")
        # The versions the selection is at when OK is pressed (the inspector's own save
        # may have moved them since the dialog opened): a change by another desk meanwhile
        # is a conflict, shown here, never overwritten.
        self.versions = versions
        self.setWindowTitle("Edit licence")
        self.service = service
        self.writer = writer
        self.ids = list(data.ids)
        self.shown: ShownLicence = shown_licence(data)
        self._saving = False
        count = len(self.ids)
        title = QLabel(
            f"Licence of photo {self.ids[0]}"
            if count == 1
            else f"Licence of {count:,} photos — only the fields you change are written"
        )
        title.setWordWrap(True)

        self.kind = QComboBox()
        self.kind.setObjectName("licenceKind")
        self._build_kinds()
        self.uses = self._line("licenceUses", self.shown.uses, "e.g. editorial, web")
        self.uses.setToolTip("Allowed uses, comma-separated: " + ", ".join(USES))
        self.uses_error = _error_label("licenceUsesError")
        self.territories = self._line(
            "licenceTerritories", self.shown.territories, "ISO codes or countries: GB, FR"
        )
        self.territories.setToolTip("Territories where the picture may not be published")
        self.territories_error = _error_label("licenceTerritoriesError")
        self.valid_from = OptionalDateTimeEdit()
        self.valid_from.setObjectName("licenceValidFrom")
        self.valid_from.show_value(self.shown.valid_from)
        self.valid_until = OptionalDateTimeEdit()
        self.valid_until.setObjectName("licenceValidUntil")
        self.valid_until.show_value(self.shown.valid_until)
        self.dates_error = _error_label("licenceDatesError")
        self.restrictions = QPlainTextEdit()
        self.restrictions.setObjectName("licenceRestrictions")
        self.restrictions.setTabChangesFocus(True)
        self.restrictions.setMaximumHeight(90)
        multiple = self.shown.restrictions is MULTIPLE
        self.restrictions.setPlainText("" if multiple else "\n".join(self.shown.restrictions))
        self.restrictions.setPlaceholderText(
            MULTIPLE_VALUES if multiple else "One a line, as agencies write them: UK OUT"
        )
        self.restrictions_dirty = False
        note = QLabel(
            "Each change is recorded in the photos' history; Ctrl+Z undoes it like any other edit."
        )
        note.setWordWrap(True)
        note.setEnabled(False)  # greyed: a remark, not a field
        self.message = _error_label("licenceMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("licenceOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Kind", self.kind)
        form.addRow("Allowed uses", self.uses)
        form.addRow("", self.uses_error)
        form.addRow("Not in territories", self.territories)
        form.addRow("", self.territories_error)
        form.addRow("Valid from", self.valid_from)
        form.addRow("Valid until (expiry)", self.valid_until)
        form.addRow("", self.dates_error)
        form.addRow("Restrictions", self.restrictions)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(lambda _i: self._update())
        self.uses.textEdited.connect(lambda _t: self._update())
        self.territories.textEdited.connect(lambda _t: self._update())
        self.valid_from.edited.connect(self._update)
        self.valid_until.edited.connect(self._update)
        self.restrictions.textChanged.connect(self._restrictions_typed)
        self.resize(480, self.sizeHint().height())
        self._update()

    # -- building -------------------------------------------------------------------------
    def _build_kinds(self) -> None:
        kind = self.shown.kind
        if kind is MULTIPLE:
            self.kind.addItem(MULTIPLE_VALUES, None)
        elif kind not in LICENCE_KINDS:  # none yet, or one the core no longer offers
            self.kind.addItem(kind or NOT_STATED, None)
        for name in LICENCE_KINDS:
            self.kind.addItem(name, name)
        if kind in LICENCE_KINDS:
            self.kind.setCurrentIndex(self.kind.findData(kind))

    def _line(self, name: str, value: Any, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        _show_list(edit, value)
        edit.setPlaceholderText(MULTIPLE_VALUES if value is MULTIPLE else placeholder)
        edit.setProperty("dirty", False)
        edit.textEdited.connect(lambda _t: edit.setProperty("dirty", True))
        return edit

    # -- state ----------------------------------------------------------------------------
    def edits(self) -> LicenceEdits:
        """What the user changed (and nothing else)."""
        kind = self.kind.currentData()
        return LicenceEdits(
            kind=kind if kind is not None and kind != self.shown.kind else None,
            uses=self.uses.text() if self.uses.property("dirty") else None,
            territories=self.territories.text() if self.territories.property("dirty") else None,
            valid_from=self.valid_from.iso() if self.valid_from.dirty else None,
            valid_until=self.valid_until.iso() if self.valid_until.dirty else None,
            restrictions=self.restrictions.toPlainText() if self.restrictions_dirty else None,
        )

    def field_errors(self) -> dict[str, str]:
        return errors(self.edits(), self.shown)

    @property
    def saving(self) -> bool:
        return self._saving

    def _restrictions_typed(self) -> None:
        self.restrictions_dirty = True
        self._update()

    def _update(self) -> None:
        found = self.field_errors()
        for key, label in (
            ("uses", self.uses_error),
            ("territories", self.territories_error),
            ("dates", self.dates_error),
        ):
            label.setText(found.get(key, ""))
            label.setVisible(key in found)
        self.ok_button.setEnabled(not found and not self.edits().empty and not self._saving)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setEnabled(not self._saving)

    # -- writing --------------------------------------------------------------------------
    def accept(self) -> None:
        """OK (or Enter): write on the writer thread; close when the core has said yes."""
        edits = self.edits()
        if self._saving or edits.empty or self.field_errors():
            return
        try:
            change = build_change(edits)
        except (ArchiveError, ValueError) as exc:  # shown in the dialog, never raised
            self._failed(exc)
            return
        ids, service = self.ids, self.service
        expected = self.versions() if self.versions is not None else None
        self._saving = True
        self._say("Saving…", error=False)
        self._update()
        self.writer.submit(
            lambda: service.edit(ids, change, expected_versions=expected),
            self._done,
            self._failed,
        )

    def _done(self, result: dict[str, Any]) -> None:
        self._saving = False
        self.edited.emit(list(result.get("photo_ids", self.ids)))
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self._say(f"Not saved: {exc}", error=True)
        self._update()

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text()

    def reject(self) -> None:
        # Cancel or Escape while saving would close the dialog but not stop the write,
        # and its answer (refresh the inspector, the tiles) would have nowhere to go.
        if not self._saving:
            super().reject()
