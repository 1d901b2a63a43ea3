"""Files and folders dropped on the window or the import dialog."""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
