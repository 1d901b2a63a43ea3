"""Completion for the query language: field names, then people, events, agencies…

The completer works on the word under the cursor: `per` offers `person:`, `person:ka`
offers `person:"Kate Winslet"`, `ka` offers people too. Names come from the archive's
listings (loaded off-thread by the window and handed in with `set_names`).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

FIELDS = (
    "person:", "event:", "agency:", "photographer:", "by:", "credit:", "keyword:", "city:",
    "country:", "camera:", "taken:", "imported:", "has:", "no:", "id:", "sha:", "status:",
    "restriction:", "licence:", "sort:", "rating:", "label:",
)  # fmt: skip
FIXED_VALUES = {
    "has": ("caption", "credit", "people", "event", "keywords", "photographer", "agency", "taken"),
    "status": ("blocked", "warning", "clear", "unchecked"),
    "licence": ("expired", "expiring", "embargoed", "none", "any"),
    "sort": ("-taken", "taken", "imported", "-imported", "relevance"),
    "restriction": ("unparsed", "uk-out", "editorial-only", "embargo", "no-archive"),
    "taken": ("today", "yesterday", "-7d", "-1m", "-1y"),
    "imported": ("today", "yesterday", "-7d", "-1m"),
}
FIXED_VALUES["no"] = FIXED_VALUES["has"]
FIXED_VALUES["rating"] = (">=3", "5", "4", "3", "2", "1", "none", "rejected")
FIXED_VALUES["label"] = ("red", "yellow", "green", "blue", "purple", "none", "any")
NAMED = ("person", "event", "agency", "photographer", "by")


def quote(value: str) -> str:
    return f'"{value}"' if any(c.isspace() for c in value) else value


def token_at(text: str, cursor: int) -> tuple[int, str]:
    """Start and text of the word being typed (quotes keep spaces inside one word)."""
    start, in_quote = 0, False
    for i, ch in enumerate(text[:cursor]):
        if ch == '"':
            in_quote = not in_quote
        elif ch.isspace() and not in_quote:
            start = i + 1
    return start, text[start:cursor]


class QueryCompleter(QCompleter):
    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._names: dict[str, list[str]] = {}
        self._list = QStringListModel(self)
        self.setModel(self._list)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        self.setWidget(edit)
        self.activated[str].connect(self.insert)
        edit.textEdited.connect(self.update_for_cursor)

    def set_names(self, names: dict[str, list[str]]) -> None:
        """{"person": [...], "event": [...], "agency": [...], "photographer": [...]}"""
        self._names = names

    def names(self, kind: str) -> list[str]:
        return list(self._names.get(kind, []))

    def candidates(self, word: str) -> list[str]:
        field, colon, _value = word.partition(":")
        negation = "-" if field.startswith("-") else ""
        field = field.lstrip("-")
        if not colon:
            people = self._names.get("person", [])
            hits = [f for f in FIELDS if f.startswith(field.lower())] if field else []
            if len(field) >= 2:
                hits += [f"person:{quote(p)}" for p in people]
            return [negation + h for h in hits]
        kind = {"by": "photographer"}.get(field, field)
        values = list(FIXED_VALUES.get(kind, ())) + self._names.get(kind, [])
        return [f"{negation}{field}:{quote(v)}" for v in values]

    def update_for_cursor(self, _text: str = "") -> None:
        _start, word = token_at(self._edit.text(), self._edit.cursorPosition())
        if not word or word in {"-", "("}:
            self.popup().hide()
            return
        self._list.setStringList(self.candidates(word.lstrip("(")))
        self.setCompletionPrefix(word.lstrip("(").replace('"', ""))
        if self.completionCount() and self.currentCompletion() != word:
            self.complete()
        else:
            self.popup().hide()

    def splitPath(self, path: str) -> list[str]:
        return [path]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]
        return str(index.data())

    def insert(self, completion: str) -> None:
        text, cursor = self._edit.text(), self._edit.cursorPosition()
        start, word = token_at(text, cursor)
        lead = "(" if word.startswith("(") else ""
        new = text[:start] + lead + completion
        tail = "" if completion.endswith(":") else " "
        self._edit.setText(new + tail + text[cursor:].lstrip())
        self._edit.setCursorPosition(len(new + tail))
