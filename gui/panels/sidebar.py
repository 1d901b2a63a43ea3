"""The sidebar: needs-attention lists, saved searches, and the current result's facets.

Clicking an attention list or a saved search runs it; clicking a facet (event, person,
photographer, agency) narrows the current search to it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from gui.panels.sidebar_data import FACET_KINDS, Entry, SidebarData
from gui.settings import SavedSearch

QueryRole = Qt.ItemDataRole.UserRole + 1
ModeRole = Qt.ItemDataRole.UserRole + 2  # "run" or "narrow"


class Sidebar(QTreeWidget):
    runQuery = Signal(str)
    narrowQuery = Signal(str)
    removeSaved = Signal(str)  # name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setIndentation(12)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(self._activated)
        self._sections: dict[str, QTreeWidgetItem] = {}
        for heading in ("Needs attention", "Saved searches", *(k[0] for k in FACET_KINDS)):
            item = QTreeWidgetItem(self, [heading])
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setExpanded(heading in ("Needs attention", "Saved searches", "Events"))
            self._sections[heading] = item
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def section(self, heading: str) -> QTreeWidgetItem:
        return self._sections[heading]

    def entries(self, heading: str) -> list[tuple[str, str]]:
        """(label, query) of each row under *heading* (for tests and accessibility)."""
        section = self._sections[heading]
        return [
            (section.child(i).text(0), section.child(i).data(0, QueryRole))
            for i in range(section.childCount())
        ]

    def set_data(self, data: SidebarData) -> None:
        self._fill("Needs attention", data.attention, "run")
        for heading, entries in data.facets.items():
            self._fill(heading, entries, "narrow")

    def set_saved(self, searches: list[SavedSearch]) -> None:
        self._fill("Saved searches", [Entry(s.name, -1, s.query) for s in searches], "run")

    def _fill(self, heading: str, entries: tuple[Entry, ...] | list[Entry], mode: str) -> None:
        section = self._sections[heading]
        self.setUpdatesEnabled(False)
        section.takeChildren()
        for entry in entries:
            count = "" if entry.count < 0 else f"{entry.count:,}"
            item = QTreeWidgetItem(section, [entry.name, count])
            item.setData(0, QueryRole, entry.query)
            item.setData(0, ModeRole, mode)
            item.setToolTip(0, entry.query)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if heading == "Needs attention" and entry.count > 0:
                item.setForeground(1, Qt.GlobalColor.red)
        self.setUpdatesEnabled(True)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        query = item.data(0, QueryRole)
        if not query:
            item.setExpanded(not item.isExpanded())
            return
        if item.data(0, ModeRole) == "narrow":
            self.narrowQuery.emit(query)
        else:
            self.runQuery.emit(query)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self._activated(item)
            return
        super().keyPressEvent(event)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None or item.parent() is not self._sections["Saved searches"]:
            return
        menu = QMenu(self)
        remove = menu.addAction(f"Remove “{item.text(0)}”")
        if menu.exec(self.viewport().mapToGlobal(pos)) is remove:
            self.removeSaved.emit(item.text(0))
