"""watchdog events → the Settler: what changed, what was closed, what was renamed."""

from __future__ import annotations

import os
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from archive.ingest.settle import Settler


def _text(path: str | bytes) -> str:
    return os.fsdecode(path)


class SettleHandler(FileSystemEventHandler):
    def __init__(self, settler: Settler) -> None:
        self.settler = settler

    def on_created(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirCreatedEvent):
            self._folder(_text(event.src_path))  # files may land before the folder's watch
        else:
            self.settler.touch(_text(event.src_path))

    def on_modified(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.settler.touch(_text(event.src_path))

    def on_closed(self, event: FileSystemEvent) -> None:
        if isinstance(event, FileClosedEvent):
            self.settler.closed(_text(event.src_path))

    def on_moved(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirMovedEvent):
            self._folder(_text(event.dest_path))
            return
        # "x.jpg.part" → "x.jpg": the transfer is over; the new name is complete at once.
        self.settler.forget(_text(event.src_path))
        self.settler.touch(_text(event.dest_path))
        self.settler.closed(_text(event.dest_path))

    def on_deleted(self, event: FileSystemEvent) -> None:
        self.settler.forget(_text(event.src_path))

    def _folder(self, folder: str) -> None:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                self.settler.touch(Path(root, name))
