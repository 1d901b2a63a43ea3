"""Read-only parts of the inspector: licence and restrictions, embedded metadata, history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget

from archive.services.history import HistoryEntry
from gui.panels.inspector.iim_names import tag_label, value_label

UNPARSED_BRUSH = QBrush(QColor(255, 196, 0, 90))
MAX_VALUE = 300  # characters of a value shown in a cell (the tooltip has it whole)


def licences_summary(licences: list[dict[str, Any] | None]) -> str:
    """Several photos: their licences, not "No licence recorded" (issue 18 item 5)."""
    texts = [licence_summary(lic) for lic in licences]
    if len(set(texts)) == 1:
        return f"All {len(texts)}: {texts[0]}"
    from collections import Counter

    return " | ".join(f"{n} × {text}" for text, n in Counter(texts).most_common())


def licence_summary(licence: dict[str, Any] | None) -> str:
    if not licence:
        return "No licence recorded"
    parts = [licence.get("kind") or "licence"]
    if licence.get("uses"):
        parts.append("uses: " + ", ".join(licence["uses"]))
    if licence.get("excluded_territories"):
        parts.append("not in " + ", ".join(licence["excluded_territories"]))
    if licence.get("valid_from"):
        parts.append("from " + licence["valid_from"][:16].replace("T", " "))
    if licence.get("valid_until"):
        parts.append("until " + licence["valid_until"][:16].replace("T", " "))
    return " · ".join(parts)


class RestrictionList(QListWidget):
    """Each restriction as the agency wrote it; ones the parser did not understand are
    highlighted, because a human has to read them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restrictionList")
        self.setMaximumHeight(90)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)

    def show_licence(self, licence: dict[str, Any] | None, summary_text: str | None = None) -> None:
        self.clear()
        summary = QListWidgetItem(summary_text or licence_summary(licence))
        summary.setToolTip(summary.text())
        summary.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.addItem(summary)
        for raw in (licence or {}).get("restrictions", []):
            text = raw.get("text", "") if isinstance(raw, dict) else str(raw)
            kind = raw.get("kind", "") if isinstance(raw, dict) else ""
            item = QListWidgetItem(f"{text}  [{kind}]" if kind else text)
            if kind == "unparsed":
                item.setBackground(UNPARSED_BRUSH)
                item.setToolTip("Not understood: read it and record it on the licence")
            self.addItem(item)

    def unparsed(self) -> list[str]:
        return [
            self.item(i).text()
            for i in range(self.count())
            if self.item(i).background() == UNPARSED_BRUSH
        ]


class EmbeddedTree(QTreeWidget):
    """What the agency embedded (EXIF / IPTC / XMP), as read at import: evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("embeddedTree")
        self.setHeaderLabels(["Tag", "Value"])
        self.setColumnWidth(0, 200)
        self.setUniformRowHeights(True)

    def show_embedded(self, data: dict[str, Any] | None) -> None:
        self.clear()
        if data:
            self._add(self.invisibleRootItem(), data)
        for i in range(self.topLevelItemCount()):
            self.topLevelItem(i).setExpanded(True)

    def _add(self, parent: QTreeWidgetItem, value: Any) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            node = QTreeWidgetItem(parent, [tag_label(str(key))])
            if isinstance(child, dict | list) and child:
                self._add(node, child)
            else:
                text = value_label(str(key), str(child))
                node.setText(1, text[:MAX_VALUE] + ("…" if len(text) > MAX_VALUE else ""))
                node.setToolTip(1, text[:4000])


class HistoryList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyList")
        self.setHeaderLabels(["When", "Who", "What"])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 130)
        self.setColumnWidth(1, 70)

    def show_history(self, entries: tuple[HistoryEntry, ...] | list[HistoryEntry]) -> None:
        self.clear()
        for entry in reversed(entries):  # newest first
            what = (
                entry.action
                if not entry.field
                else f"{entry.field}: {_short(entry.old)} → {_short(entry.new)}"
            )
            item = QTreeWidgetItem(self, [entry.at[:16].replace("T", " "), entry.user, what])
            item.setToolTip(
                2, f"{entry.action} {entry.field or ''}\n{entry.old!r}\n→ {entry.new!r}"
            )


def _short(value: Any) -> str:
    if value in (None, "", []):
        return "∅"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"
