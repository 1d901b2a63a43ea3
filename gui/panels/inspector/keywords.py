"""Keywords: the people editor's list-and-entry, without suggestions from the caption.

With several photos selected the list shows keywords in every photo; keywords in only
some are listed greyed (adding one puts it on all of them). Only additions and removals
are written (add_keywords/remove_keywords).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.panels.inspector.people import PeopleEditor


class KeywordEditor(PeopleEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list.setObjectName("keywordList")
        self.list.setToolTip("Delete removes the selected keyword")
        self.entry.setObjectName("keywordEntry")
        self.entry.setPlaceholderText("Add a keyword…")

    def show_keywords(
        self,
        in_all: list[str],
        in_some: list[str],
        counts: dict[str, int] | None = None,
        total: int = 1,
    ) -> None:
        self.show_people(in_all, in_some, counts, total)

    def set_suggestions(self, names: list[str]) -> None:
        self.suggestions.hide()  # keywords are not read from the caption
