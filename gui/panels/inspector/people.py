"""People in the picture: a list of names, a box with completion to add one, and
suggestions read from the caption (PeopleService.suggest, off-thread).

With several photos selected the list shows people in every photo first; people in only
some follow, greyed, each with on how many of the selected photos ("Ann Lee · 2 of 3"), and
a line above the list says how many are on all and how many on some: an editor sees at a
glance who is in every picture. Only additions and removals are written
(add_people/remove_people).

The list is what the user wants; `added` and `removed` are worked out by comparing it
with what the photos had when loaded (or last saved), never kept as a running tally: a
name removed and added again, or edited while a save is in flight, then always comes
out as what the list shows (a greyed name made whole is added to all the photos).
"""

from __future__ import annotations

from collections.abc import Sequence

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
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the name itself; the text may carry "· 2 of 3"


def _name(item: QListWidgetItem) -> str:
    name = item.data(NAME_ROLE)
    return str(name) if name else item.text()


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
        self.legend = QLabel()
        self.legend.setObjectName("peopleLegend")
        self.legend.setWordWrap(True)
        self.legend.hide()
        self.suggestions = QWidget()
        self._suggest_row = QHBoxLayout(self.suggestions)
        self._suggest_row.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.list)
        layout.addWidget(self.entry)
        layout.addWidget(self.suggestions)
        # What the photos have (as loaded, then as saved): on every one / on only some.
        self._on_all: list[str] = []
        self._on_some: list[str] = []

    # -- state ---------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return bool(self.added or self.removed)

    @property
    def added(self) -> list[str]:
        """Names to put on every selected photo: listed as on all, and not on all before
        (a new name, or one on only some that the user added again)."""
        on_all = set(self._on_all)
        return [name for name, partial in self._chips() if not partial and name not in on_all]

    @property
    def removed(self) -> list[str]:
        """Names to take off every selected photo: they had it, and it is not listed."""
        listed = set(self.names())
        return [name for name in (*self._on_all, *self._on_some) if name not in listed]

    def names(self) -> list[str]:
        return [_name(self.list.item(i)) for i in range(self.list.count())]

    def _chips(self) -> list[tuple[str, bool]]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [(_name(item), bool(item.data(PARTIAL_ROLE))) for item in items]

    def mark_saved(self, added: Sequence[str], removed: Sequence[str]) -> None:
        """*added* and *removed* were written: they are what the photos have now. Anything
        changed in the list since the save was sent stays to be written."""
        dropped = set(removed)
        self._on_some = [n for n in self._on_some if n not in dropped and n not in added]
        self._on_all = [n for n in self._on_all if n not in dropped]
        self._on_all += [n for n in added if n not in self._on_all]

    def set_known(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def show_people(
        self,
        in_all: list[str],
        in_some: list[str],
        counts: dict[str, int] | None = None,
        total: int = 1,
    ) -> None:
        """*counts*: on how many of the *total* selected photos each name is."""
        self._on_all = list(in_all)
        self._on_some = [n for n in in_some if n not in in_all]
        counts = counts or {}
        self.list.clear()
        for name in in_all:
            self.list.addItem(name)
        # Most common first: the names nearly everyone is on are the ones to make whole.
        for name in sorted(self._on_some, key=lambda n: -counts.get(n, 0)):
            count = counts.get(name)
            text = f"{name} · {count} of {total}" if count else name
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, name)
            item.setData(PARTIAL_ROLE, True)
            item.setForeground(Qt.GlobalColor.gray)
            where = f"On {count} of the {total} selected photos" if count else "On some photos"
            item.setToolTip(f"{where}; add the name again to put it on all of them")
            self.list.addItem(item)
        self._show_legend(total)
        self.set_suggestions([])

    def _show_legend(self, total: int) -> None:
        if total < 2:
            self.legend.hide()
            return
        some = len(self._on_some)
        parts = [f"{len(self._on_all)} on all {total} photos"]
        if some:
            parts.append(f"{some} on some (grey)")
        self.legend.setText(" · ".join(parts))
        self.legend.show()

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
            partial.setText(name)
            partial.setForeground(self.list.palette().text())
            partial.setToolTip("")
        elif name in self.names():
            return
        else:
            self.list.addItem(name)
        self.set_suggestions([])
        self.changed.emit()

    def _partial(self, name: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if _name(item) == name and item.data(PARTIAL_ROLE):
                return item
        return None

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def _add_typed(self) -> None:
        self.add(self.entry.text())
        self.entry.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.hasFocus():
            self.remove_selected()
            return
        super().keyPressEvent(event)
