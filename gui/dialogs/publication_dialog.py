"""*Record publication…*: where the selected pictures ran (archive.rights.publications)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from archive.errors import ArchiveError
from archive.rights.publications import (
    PublicationRequest,
    PublicationService,
    parse_fee,
)
from gui.workers import TaskRunner


class PublicationDialog(QDialog):
    recorded = Signal(list)  # the photo ids recorded

    def __init__(
        self,
        service: PublicationService,
        ids: Sequence[int],
        writer: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publicationDialog")
        self.setWindowTitle("Record publication")
        self.service, self.ids, self.writer = service, list(ids), writer
        form = QFormLayout(self)
        n = len(self.ids)
        form.addRow(QLabel(f"{n} picture{'s' if n != 1 else ''} ran in:"))
        self.where = QLineEdit(placeholderText="https://… or the printed title")
        self.title_edit = QLineEdit(placeholderText="the article's title")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.section, self.page, self.edition = QLineEdit(), QLineEdit(), QLineEdit()
        self.use = QComboBox()
        self.use.addItems(["web", "print", "social"])
        self.size_edit = QLineEdit(placeholderText="as the rate card says: quarter-page, gallery…")
        self.fee = QLineEdit(placeholderText="if known")
        self.currency = QLineEdit("GBP")
        for label, widget in (
            ("Where", self.where),
            ("Title", self.title_edit),
            ("Date", self.day),
            ("Section", self.section),
            ("Page", self.page),
            ("Edition", self.edition),
            ("Use", self.use),
            ("Size", self.size_edit),
            ("Fee", self.fee),
            ("Currency", self.currency),
        ):
            form.addRow(label, widget)
        self.error = QLabel()
        self.error.setObjectName("publicationError")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.page.textEdited.connect(self._page_typed)

    def _page_typed(self, text: str) -> None:
        if text.strip():
            self.use.setCurrentText("print")  # a page number is a print use

    def request(self) -> PublicationRequest:
        d = self.day.date()
        return PublicationRequest(
            where=self.where.text(),
            title=self.title_edit.text(),
            published_on=date(d.year(), d.month(), d.day()),
            section=self.section.text(),
            page=self.page.text(),
            edition=self.edition.text(),
            use=self.use.currentText(),
            size=self.size_edit.text(),
            fee=parse_fee(self.fee.text()),
            currency=self.currency.text() if self.fee.text().strip() else None,
            origin="gui",
        )

    def submit(self) -> None:
        try:
            req = self.request()
        except ArchiveError as exc:
            self.error.setText(str(exc))
            return
        self.buttons.setEnabled(False)
        ids = self.ids
        self.writer.submit(lambda: self.service.record(ids, req), self._done, self._failed)

    def _done(self, _rows: object) -> None:
        self.recorded.emit(self.ids)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(exc))
