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
    return " · ".join(_licence_facts(licence, set())) or "Licence recorded"


KIND_WORDS = {"editorial-only": "Editorial use only", "rights-managed": "Rights managed"}


def _licence_facts(licence: dict[str, Any], said: set[str]) -> list[str]:
    """The licence's facts in words, leaving out what a restriction line already says
    (issue 18 item 15: "UK OUT" and "not in GB" were both listed, and twice the kind)."""
    parts = []
    kind = licence.get("kind")
    if kind and kind not in said:
        parts.append(kind)  # as the licence dialog names it
    if licence.get("uses"):
        parts.append("uses: " + ", ".join(licence["uses"]))
    territories = [t for t in licence.get("excluded_territories") or () if t not in said]
    if territories:
        parts.append("not in " + ", ".join(territories))
    if licence.get("valid_from"):
        parts.append("from " + licence["valid_from"][:16].replace("T", " "))
    if licence.get("valid_until"):
        parts.append("until " + licence["valid_until"][:16].replace("T", " "))
    return parts


def restriction_line(raw: Any) -> tuple[str, str, set[str]]:
    """One restriction: its line (the agency's words, then what was read from them), its
    kind, and the licence facts it states."""
    if not isinstance(raw, dict):
        return str(raw), "", set()
    text, kind = raw.get("text", ""), raw.get("kind", "")
    territories = list(raw.get("territories") or ())
    if kind == "territory-out" and territories:
        return f"“{text}” — not in {', '.join(territories)}", kind, set(territories)
    if kind == "embargo" and raw.get("until"):
        until = str(raw["until"])[:16].replace("T", " ")
        return f"“{text}” — embargoed until {until}", kind, set()
    if kind in KIND_WORDS:
        words = KIND_WORDS[kind]
        same = " ".join(text.lower().split()) == words.lower()  # no "X — x"
        return (f"“{text}”" if same else f"“{text}” — {words.lower()}"), kind, {kind}
    if kind == "unparsed":
        return f"“{text}” — not understood", kind, set()
    return (f"“{text}” — {kind}" if kind else f"“{text}”"), kind, set()


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
        lines = [restriction_line(raw) for raw in (licence or {}).get("restrictions", [])]
        said = set().union(*(facts for _, _, facts in lines)) if lines else set()
        if summary_text is None and licence:
            summary_text = " · ".join(_licence_facts(licence, said))
        if summary_text or not licence:
            summary = QListWidgetItem(summary_text or licence_summary(licence))
            summary.setToolTip(summary.text())
            summary.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(summary)
        for text, kind, _facts in lines:
            item = QListWidgetItem(text)
            item.setToolTip(text)
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
