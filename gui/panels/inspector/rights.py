"""The inspector's rights desk: *Show similar* (the other versions of the picture with
their credits and licences) and *Record publication…*."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.rights.publications import PublicationService
from archive.similar.service import NearCopy, SimilarService

if TYPE_CHECKING:
    from gui.dialogs.publication_dialog import PublicationDialog
    from gui.panels.inspector.inspector import Inspector


def copy_text(c: NearCopy) -> str:
    licence = c.licence_kind or "no licence"
    if c.licence_until:
        licence += f" until {c.licence_until}"
    return f"#{c.id} · {c.agency or 'no agency'} · {c.credit_line or 'no credit'} · {licence}"


class RightsPanel(QWidget):
    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector.form)
        self.setObjectName("rightsPanel")
        self.inspector = inspector
        sessions = inspector.services.archive.sessions
        self.similar_service = SimilarService(sessions)
        self.publications = PublicationService(sessions)
        self.dialog: PublicationDialog | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.heading = QLabel("Other versions")
        self.show_button = QPushButton("Show similar")
        self.show_button.setToolTip("Show every version of this picture in the grid")
        self.publish_button = QPushButton("Record publication…")
        row.addWidget(self.heading, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.publish_button)
        box.addLayout(row)
        self.strip = QListWidget()
        self.strip.setObjectName("similarStrip")
        self.strip.setFlow(QListWidget.Flow.TopToBottom)
        self.strip.setMaximumHeight(96)
        box.addWidget(self.strip)
        self.show_button.clicked.connect(self.show_similar)
        self.publish_button.clicked.connect(self.record_publication)
        self._shown: int | None = None

    def refresh(self) -> None:
        data = self.inspector.data
        ids = list(data.ids) if data is not None else []
        self.publish_button.setEnabled(bool(ids))
        self.strip.clear()
        if len(ids) != 1:
            self._shown = None
            self.heading.setText("Other versions: select one picture")
            self.show_button.setEnabled(False)
            return
        pid = self._shown = ids[0]
        self.heading.setText("Other versions…")
        self.inspector.reader.submit(
            lambda: self.similar_service.similar(pid), lambda c: self._copies(pid, c), self._failed
        )

    def _copies(self, pid: int, copies: list[NearCopy]) -> None:
        if pid != self._shown:
            return  # the selection moved on meanwhile
        self.strip.clear()
        for c in copies:
            item = QListWidgetItem(copy_text(c))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.strip.addItem(item)
        n = len(copies)
        self.heading.setText(
            f"{n} other version{'s' if n != 1 else ''}" if n else "No other version"
        )
        self.show_button.setEnabled(bool(n))

    def _failed(self, exc: BaseException) -> None:
        self.heading.setText(f"Other versions: {exc}")

    def show_similar(self) -> None:
        if self._shown is not None:
            window = self.window()
            bar = getattr(window, "search_bar", None)
            if bar is not None:
                bar.run(f"similar:{self._shown}")

    def record_publication(self) -> PublicationDialog | None:
        from gui.dialogs.publication_dialog import PublicationDialog

        data = self.inspector.data
        if data is None:
            return None
        dialog = PublicationDialog(
            self.publications, list(data.ids), self.inspector.writer, self.inspector
        )
        dialog.recorded.connect(
            lambda ids: self.inspector._say(f"publication recorded for {len(ids)} photos")
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog


def mount_rights(inspector: Inspector) -> RightsPanel:
    panel = RightsPanel(inspector)
    box = cast(QVBoxLayout, inspector.form.layout())
    box.insertWidget(box.indexOf(inspector.form.tabs), panel)
    inspector.loaded.connect(panel.refresh)
    return panel
