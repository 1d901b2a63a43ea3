"""People, events, photographers and agencies, edited in the window: rename, merge,
aliases, and an event's date, venue, city and country (which caption templates use).

A thin layer over the archive's services (gui.dialogs.registries): every change runs on
the window's writer thread, the lists are read back on the reader, and `changed` tells
the window to re-read its tiles and name lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.registries import EVENT_FIELDS, Entry, Registry
from gui.workers import TaskRunner

NameRole = Qt.ItemDataRole.UserRole + 1


class RegistryTab(QWidget):
    changed = Signal()

    def __init__(self, registry: Registry, reader: TaskRunner, writer: TaskRunner) -> None:
        super().__init__()
        self.registry, self.reader, self.writer = registry, reader, writer
        self.setObjectName(f"{registry.kind}Tab")
        self.entries: dict[str, Entry] = {}
        self._keep: str | None = None  # the name to select once the list is read again

        self.filter = QLineEdit(placeholderText=f"Filter {registry.title.lower()}…")
        self.filter.textChanged.connect(self._fill)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._current_changed())
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)

        self.name = QLineEdit()
        self.rename_button = QPushButton("Rename")
        self.rename_button.clicked.connect(self.rename)
        self.name.returnPressed.connect(self.rename)
        self.merge_target = QComboBox()
        self.merge_target.setEditable(True)
        self.merge_button = QPushButton("Merge into")
        self.merge_button.setToolTip(
            f"Move every photo of this {registry.kind} to the one named, then remove it"
        )
        self.merge_button.clicked.connect(self.merge)
        form = QFormLayout()
        form.addRow("Name", _row(self.name, self.rename_button))
        form.addRow(_row(self.merge_button, self.merge_target))
        self.aliases = QLabel()
        self.alias = QLineEdit(placeholderText="another spelling")
        self.alias_button = QPushButton("Add alias")
        if registry.alias is not None:
            self.alias_button.clicked.connect(self.add_alias)
            self.alias.returnPressed.connect(self.add_alias)
            form.addRow("Aliases", self.aliases)
            form.addRow("", _row(self.alias, self.alias_button))
        self.event_fields: dict[str, QLineEdit] = {}
        self.save_button = QPushButton("Save event")
        if registry.edit is not None:
            for name, _key, label in EVENT_FIELDS:
                edit = QLineEdit()
                if name.endswith("date"):
                    edit.setPlaceholderText("YYYY-MM-DD")
                self.event_fields[name] = edit
                form.addRow(label, edit)
            self.save_button.clicked.connect(self.save_event)
            form.addRow("", self.save_button)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("registryMessage")
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self._current_changed()

    # -- reading ------------------------------------------------------------------------
    def load(self) -> None:
        self.reader.submit(self.registry.listing, self._listed, self._failed)

    def _listed(self, entries: list[Entry]) -> None:
        keep = self._keep or self.current_name()
        self._keep = None
        self.entries = {e.name: e for e in entries}
        self.merge_target.clear()
        self.merge_target.addItems(list(self.entries))
        self._fill(keep=keep)

    def _fill(self, _text: str = "", keep: str | None = None) -> None:
        keep = keep or self.current_name()
        wanted = self.filter.text().strip().lower()
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self.entries.values():
            if wanted and wanted not in entry.name.lower():
                continue
            item = QListWidgetItem(entry.label)
            item.setData(NameRole, entry.name)
            self.list.addItem(item)
            if entry.name == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._current_changed()

    def labels(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NameRole) if item is not None else None

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NameRole) == name:
                self.list.setCurrentRow(i)
                return
        raise KeyError(name)

    def _current_changed(self) -> None:
        entry = self.entries.get(self.current_name() or "")
        widgets: list[QWidget] = [self.name, self.rename_button, self.merge_button]
        widgets += [self.merge_target, self.alias, self.alias_button, self.save_button]
        for widget in (*widgets, *self.event_fields.values()):
            widget.setEnabled(entry is not None)
        self.name.setText(entry.name if entry else "")
        self.aliases.setText(", ".join(entry.aliases) if entry and entry.aliases else "none")
        for name, key, _label in EVENT_FIELDS:
            if name in self.event_fields:
                self.event_fields[name].setText(entry.fields.get(key, "") if entry else "")

    # -- changing -----------------------------------------------------------------------
    def rename(self) -> None:
        old, new = self.current_name(), self.name.text().strip()
        if old is None or not new or new == old:
            return
        self._run(lambda: self.registry.rename(old, new), f"Renamed {old} to {new}", new)

    def merge(self) -> None:
        dup, keep = self.current_name(), self.merge_target.currentText().strip()
        if dup is None or not keep:
            return
        done = f"Merged {dup} into {keep} (Ctrl+Z in the window undoes it for the photos)"
        self._run(lambda: self.registry.merge(keep, [dup]), done, keep)

    def add_alias(self) -> None:
        name, alias, add = self.current_name(), self.alias.text().strip(), self.registry.alias
        if name is None or not alias or add is None:
            return
        self.alias.clear()
        self._run(lambda: add(name, alias), f"{alias} now also finds {name}", name)

    def save_event(self) -> None:
        name, edit = self.current_name(), self.registry.edit
        if name is None or edit is None:
            return
        # "" clears a field (EventService.edit); the form sends every field as shown.
        fields = {key: box.text().strip() for key, box in self.event_fields.items()}
        self._run(lambda: edit(name, **fields), f"Saved {name}", name)

    def _run(self, fn: Callable[[], Any], done: str, keep: str) -> None:
        self._say("Saving…")

        def finished(_result: Any) -> None:
            self._keep = keep
            self._say(done)
            self.load()
            self.changed.emit()

        self.writer.submit(fn, finished, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._say(str(exc), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit | QComboBox) else 0)
    return box


class EntitiesDialog(QDialog):
    changed = Signal()

    def __init__(
        self,
        registries: list[Registry],
        reader: TaskRunner,
        writer: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesDialog")
        self.setWindowTitle("People, events, photographers and agencies")
        self.tabs = QTabWidget()
        self.pages: dict[str, RegistryTab] = {}
        for registry in registries:
            tab = RegistryTab(registry, reader, writer)
            tab.changed.connect(self._changed)
            self.pages[registry.kind] = tab
            self.tabs.addTab(tab, registry.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(820, 520)

    def load(self) -> None:
        for tab in self.pages.values():
            tab.load()

    def _changed(self) -> None:
        # A rename shows in the other tabs' counts and the window's tiles alike.
        self.changed.emit()
