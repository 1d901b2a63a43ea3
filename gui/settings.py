"""Where the window keeps its layout and saved searches (QSettings).

The composition root passes a QSettings to the window; tests pass one on a file in
tmp_path, so they never touch the user's own settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QSettings

ORGANISATION = "Creditdesk"
APPLICATION = "Creditdesk"


def user_settings() -> QSettings:
    """The settings of the running application (its organisation and application names)."""
    return QSettings()


def file_settings(path: str) -> QSettings:
    return QSettings(path, QSettings.Format.IniFormat)


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


def load_saved_searches(settings: QSettings) -> list[SavedSearch]:
    raw = settings.value("search/saved", "[]")
    try:
        items = json.loads(str(raw))
    except ValueError:
        return []
    return [
        SavedSearch(str(i["name"]), str(i["query"]))
        for i in items
        if isinstance(i, dict) and "name" in i and "query" in i
    ]


def store_saved_searches(settings: QSettings, searches: list[SavedSearch]) -> None:
    settings.setValue(
        "search/saved", json.dumps([{"name": s.name, "query": s.query} for s in searches])
    )
