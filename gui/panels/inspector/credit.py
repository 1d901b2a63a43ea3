"""The credit: agency (from the rule pack), photographer, and the credit line, checked live
against the agency's format with the expected form shown.

`Mike Marsland/Getty` on a WireImage picture is flagged (WireImage credits read
'Name/WireImage/Getty Images'); `Mike Marsland/WireImage/Getty Images` is accepted.
Choosing an agency or a photographer proposes the agency's line; typing a line is saved
as the line (the archive parses it into photographer and agency).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLabel, QWidget

from archive.credits import (
    AgencyRegistry,
    CreditError,
    explain_mismatch,
    format_credit,
    parse_credit,
)
from archive.credits.evidence import Evidence, read_credit
from archive.text import possessive
from gui.panels.inspector.fields import TextField
from gui.panels.inspector.selection import MULTIPLE, MULTIPLE_VALUES

OK_STYLE = "color: #2e7d32;"
BAD_STYLE = "color: #c62828;"


def credit_problem(line: str, agency: str | None, registry: AgencyRegistry) -> str | None:
    """None when *line* is right for *agency* (or nothing can be said), else why.

    Asks the credit engine (the check's credit-format rule) about the line as typed, with the
    agency the picture is filed under; a line of another agency is explained as before.
    """
    if not line.strip():
        return None if not agency else f"no credit line; {agency} needs one"
    if not agency:
        parsed = parse_credit(line, registry=registry)
        return None if parsed.agency else f"'{line}' names no agency the rule pack knows"
    reading = read_credit(Evidence(), registry=registry, line=line, agency=agency)
    if reading.agency is not None and reading.distributor is not None:
        formats = [f.message for f in reading.findings if f.code == "credit-format"]
        return formats[0] if formats else None
    try:
        return explain_mismatch(line, agency, registry=registry)
    except CreditError as exc:
        return str(exc)


class CreditEditor(QWidget):
    committed = Signal()

    def __init__(self, registry: AgencyRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.agency = QComboBox()
        self.agency.setObjectName("agencyCombo")
        self.agency.addItem("")
        self.agency.addItems(sorted(registry.names, key=str.casefold))
        # A scrolling list of 15, not every agency to the screen's edge (issue 18 item 15).
        self.agency.setMaxVisibleItems(15)
        self.agency.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.photographer = TextField("Photographer")
        self.photographer.setObjectName("photographerEdit")
        self._photographers = QStringListModel(self)
        completer = QCompleter(self._photographers, self.photographer)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.photographer.setCompleter(completer)
        self.line = TextField("Credit line")
        self.line.setObjectName("creditEdit")
        self.verdict = QLabel()
        self.verdict.setObjectName("creditVerdict")
        self.verdict.setWordWrap(True)
        # Room for the reason and the expected form (a wrapped label in a scroll area is
        # otherwise given one line).
        self.verdict.setMinimumHeight(self.verdict.fontMetrics().height() * 4)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Agency", self.agency)
        form.addRow("Photographer", self.photographer)
        form.addRow("Credit line", self.line)
        form.addRow(self.verdict)

        self.agency_dirty = False
        self._loading = False
        self.agency.activated.connect(self._agency_chosen)
        self.agency.installEventFilter(self)
        self.photographer.textEdited.connect(lambda _t: self._propose())
        self.photographer.committed.connect(self.committed)
        self.line.textChanged.connect(lambda _t: self.validate())
        self.line.committed.connect(self.committed)

    # -- state ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.agency
            and event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.PopupFocusReason
            and self.agency_dirty
        ):
            self.committed.emit()
        return super().eventFilter(watched, event)

    @property
    def dirty(self) -> bool:
        return self.agency_dirty or self.photographer.dirty or self.line.dirty

    def set_photographers(self, names: list[str]) -> None:
        self._photographers.setStringList(names)

    def show_credit(self, agency: Any, photographer: Any, line: Any) -> None:
        self._loading = True
        self.agency_dirty = False
        if agency is MULTIPLE:
            self.agency.setCurrentIndex(-1)
            self.agency.setPlaceholderText(MULTIPLE_VALUES)
        else:
            name = agency or ""
            if name and self.agency.findText(name) < 0:
                self.agency.addItem(name)  # an agency the catalogue has but the pack lacks
            self.agency.setCurrentText(name)
        self.photographer.show_value(photographer)
        self.line.show_value(line)
        self._loading = False
        self.validate()

    def current_agency(self) -> str | None:
        text = self.agency.currentText().strip()
        return text or None

    def request_fields(self) -> dict[str, str]:
        """What to put in the EditRequest: only what the user changed."""
        out: dict[str, str] = {}
        if self.line.dirty:
            out["credit"] = self.line.text()
        if self.agency_dirty:
            out["agency"] = self.current_agency() or ""
        if self.photographer.dirty:
            out["photographer"] = self.photographer.text()
        return out

    # -- behaviour ------------------------------------------------------------------------
    def validate(self) -> str | None:
        """Check the line shown against the agency; the verdict label says the result."""
        line, agency = self.line.text(), self.current_agency()
        if self.line.multiple and not line:
            self.verdict.setText("")
            return None
        problem = credit_problem(line, agency, self.registry)
        if problem is None:
            self.verdict.setStyleSheet(OK_STYLE)
            self.verdict.setText(
                f"✓ matches {possessive(agency)} format" if agency and line else ""
            )
        else:
            self.verdict.setStyleSheet(BAD_STYLE)
            reason, _, expected = problem.partition(" — expected ")
            shown = f"✗ {reason}" + (f"\nExpected: {expected.strip(chr(39))}" if expected else "")
            self.verdict.setText(shown)
        return problem

    def _agency_chosen(self, _index: int) -> None:
        if self._loading:
            return
        self.agency_dirty = True
        self._propose()
        # Saved like the text fields: when the editor leaves the agency (or Ctrl+S), not the
        # moment it is picked (issue 18 item 3) — see eventFilter.

    def _propose(self) -> None:
        """Show the agency's line for the chosen agency and photographer."""
        agency = self.current_agency()
        if not agency or self._loading:
            self.validate()
            return
        photographer = self.photographer.text().strip() or None
        try:
            proposal = format_credit(photographer, agency, registry=self.registry)
        except CreditError:
            self.validate()
            return
        if not self.line.dirty:
            self.line.setText(proposal)
        self.validate()
