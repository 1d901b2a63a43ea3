"""The credit engine's suggestion for the selection, and "Use suggested credit".

The suggestion is the line the check proposes as the fix of ``credit-format`` /
``credit-mismatch`` (``CreditFixService.proposals``, read off the GUI thread). The button
applies it to every selected photo whose line differs, as one audited edit with the versions
the inspector loaded (a save made meanwhile elsewhere is a conflict), undone by Ctrl+Z like
any edit. The widget only shows what ``archive`` decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.services import Services
from gui.workers import TaskRunner

if TYPE_CHECKING:
    from archive.credits.evidence import CreditReading
    from archive.services.credit_fix import CreditFixResult, CreditFixService


def _differs(found: CreditReading | None, line: str | None) -> bool:
    return found is not None and found.proposed is not None and found.proposed != line


class SuggestedCredit(QWidget):
    applied = Signal(list)  # ids whose credit changed
    failed = Signal(str)

    def __init__(
        self, services: Services, reader: TaskRunner, writer: TaskRunner, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestedCredit")
        self.services = services
        self._service: CreditFixService | None = None
        self.reader = reader
        self.writer = writer
        self.label = QLabel()
        self.label.setObjectName("suggestedCreditLabel")
        self.label.setWordWrap(True)
        self.button = QPushButton("Use suggested credit")
        self.button.setObjectName("useSuggestedCredit")
        self.button.clicked.connect(self.use)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self._ids: list[int] = []
        self._versions: Mapping[int, int] = {}
        self._generation = 0
        self._show_none()

    @property
    def service(self) -> CreditFixService:
        # Built on first use: the check's imports would cost start-up time.
        if self._service is None:
            from archive.services.credit_fix import CreditFixService

            self._service = CreditFixService(self.services.archive.sessions, self.services.registry)
        return self._service

    def show_for(
        self, ids: list[int], lines: Mapping[int, str | None], versions: Mapping[int, int]
    ) -> None:
        """Ask the engine about the selection (off the GUI thread)."""
        self._generation += 1
        generation = self._generation
        self._ids, self._versions = list(ids), dict(versions)
        self._show_none()
        if not ids:
            return
        self.reader.submit(
            lambda: self.service.proposals(list(ids)),
            lambda found: self._show(generation, found, lines),
            lambda exc: None,
        )

    def _show_none(self) -> None:
        self.label.setText("")
        self.button.setEnabled(False)
        self.setVisible(False)

    def _show(
        self,
        generation: int,
        found: Mapping[int, CreditReading | None],
        lines: Mapping[int, str | None],
    ) -> None:
        if generation != self._generation:
            return
        changing = [pid for pid, r in found.items() if _differs(r, lines.get(pid))]
        if not changing:
            return
        if len(self._ids) == 1:
            reading = found[changing[0]]
            assert reading is not None
            why = "; ".join(f.message for f in reading.findings[:2])
            self.label.setText(f"Suggested: {reading.proposed}" + (f"\n{why}" if why else ""))
        else:
            self.label.setText(f"A suggested credit for {len(changing)} of {len(self._ids)} photos")
        self.button.setEnabled(True)
        self.setVisible(True)

    def use(self) -> None:
        ids, versions = list(self._ids), dict(self._versions)
        if not ids:
            return
        self.button.setEnabled(False)

        def done(result: CreditFixResult) -> None:
            self.applied.emit([p.photo_id for p in result.fixed])

        self.writer.submit(
            lambda: self.service.fix(ids, versions),
            done,
            lambda exc: self.failed.emit(f"Credit not changed: {exc}"),
        )
