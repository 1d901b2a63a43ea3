"""People in the picture: a list of names, a box with completion to add one, and
suggestions read from the caption (PeopleService.suggest, off-thread).

With several photos selected the list shows people in every photo; people in only some
are listed greyed. Only additions and removals are written (add_people/remove_people).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PARTIAL_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("peopleList")
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setMaximumHeight(64)
        self.list.setSpacing(2)
        self.list.setToolTip("Delete removes the selected person")
        self.entry = QLineEdit(placeholderText="Add a person…")
        self.entry.setObjectName("personEntry")
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self.entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.entry.returnPressed.connect(self._add_typed)
        self.suggestions = QWidget()
        self._suggest_row = QHBoxLayout(self.suggestions)
        self._suggest_row.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addWidget(self.entry)
        layout.addWidget(self.suggestions)
        self.added: list[str] = []
        self.removed: list[str] = []
        self._shown: list[str] = []

    # -- state ---------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return bool(self.added or self.removed)

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_known(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def show_people(self, in_all: list[str], in_some: list[str]) -> None:
        self.added, self.removed = [], []
        self._shown = list(in_all)
        self.list.clear()
        for name in in_all:
            self.list.addItem(name)
        for name in in_some:
            if name not in in_all:
                item = QListWidgetItem(name)
                item.setData(PARTIAL_ROLE, True)
                item.setForeground(Qt.GlobalColor.gray)
                item.setToolTip("In some of the selected photos")
                self.list.addItem(item)
        self.set_suggestions([])

    def set_suggestions(self, names: list[str]) -> None:
        while self._suggest_row.count():
            widget = self._suggest_row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        present = set(self.names())
        fresh = [n for n in names if n not in present]
        if not fresh:
            self.suggestions.hide()
            return
        self._suggest_row.addWidget(QLabel("From the caption:"))
        for name in fresh[:4]:
            button = QPushButton(f"+ {name}")
            button.setFlat(True)
            button.clicked.connect(lambda _c=False, n=name: self.add(n))
            self._suggest_row.addWidget(button)
        self._suggest_row.addStretch(1)
        self.suggestions.show()

    # -- editing --------------------------------------------------------------------------
    def add(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        partial = self._partial(name)
        if partial is not None:  # in some photos only: now it goes on all of them
            partial.setData(PARTIAL_ROLE, False)
            partial.setForeground(self.list.palette().text())
            partial.setToolTip("")
        elif name in self.names():
            return
        else:
            self.list.addItem(name)
        if name in self.removed:
            self.removed.remove(name)
        elif name not in self._shown:
            self.added.append(name)
        self.set_suggestions([])
        self.changed.emit()

    def _partial(self, name: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text() == name and item.data(PARTIAL_ROLE):
                return item
        return None

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            name = item.text()
            self.list.takeItem(self.list.row(item))
            if name in self.added:
                self.added.remove(name)
            else:
                self.removed.append(name)
        self.changed.emit()

    def _add_typed(self) -> None:
        self.add(self.entry.text())
        self.entry.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.hasFocus():
            self.remove_selected()
            return
        super().keyPressEvent(event)
