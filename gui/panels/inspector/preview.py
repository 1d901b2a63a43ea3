"""The inspector's preview: a bigger picture, decoded from the original off the GUI thread.

With several photos selected it shows the first four side by side (2×2), with the count
under them, so an editor sees what the edit will touch, not only the first picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from gui.thumbnails import decode
from gui.workers import TaskRunner

EDGE = 480
MOSAIC = 4  # pictures shown for a selection
GAP = 4


class _Archive(Protocol):
    def resolve_stored(self, stored: str) -> Path: ...
    def thumbnail_path(self, sha256: str) -> Path: ...


def preview_paths(archive: _Archive, details: Sequence[dict[str, Any]]) -> list[list[Path]]:
    """For each of the first MOSAIC photos: its original, then its thumbnail."""
    return [
        [archive.resolve_stored(d["stored_path"]), archive.thumbnail_path(d["sha256"])]
        for d in details[:MOSAIC]
    ]


def decode_first(paths: list[Path], edge: int = EDGE) -> QImage:
    """Runs on a worker: the first of *paths* that decodes (original, then thumbnail)."""
    for path in paths:
        if path.is_file():
            image = decode(path, edge)
            if not image.isNull():
                return image
    return QImage()


def decode_mosaic(candidates: list[list[Path]]) -> QImage:
    """Runs on a worker: one picture, or up to four in a 2×2 grid on a dark ground."""
    if len(candidates) == 1:
        return decode_first(candidates[0])
    cell = EDGE // 2
    images = [decode_first(paths, cell) for paths in candidates[:MOSAIC]]
    if all(image.isNull() for image in images):
        return QImage()
    sheet = QImage(EDGE + GAP, EDGE + GAP, QImage.Format.Format_RGB32)
    sheet.fill(QColor(40, 40, 40))
    painter = QPainter(sheet)
    for i, image in enumerate(images):
        if image.isNull():
            continue
        box = QRect((i % 2) * (cell + GAP), (i // 2) * (cell + GAP), cell, cell)
        fitted = image.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = box.x() + (cell - fitted.width()) // 2
        y = box.y() + (cell - fitted.height()) // 2
        painter.drawImage(x, y, fitted)
    painter.end()
    return sheet


class Preview(QLabel):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.runner = runner
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(180)
        self.setMaximumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setStyleSheet("QLabel#preview { background: palette(dark); color: palette(light); }")
        self._wanted: tuple[tuple[str, ...], ...] = ()
        self._image = QImage()
        self.shown = 0  # how many pictures the preview is showing (1, or up to MOSAIC)

    @property
    def loaded(self) -> bool:
        return not self._image.isNull()

    def show_paths(self, paths: list[Path], caption: str = "") -> None:
        """One picture: the first of *paths* that decodes."""
        self.show_many([paths] if paths else [], caption)

    def show_many(self, candidates: list[list[Path]], caption: str = "") -> None:
        key = tuple(tuple(map(str, paths)) for paths in candidates)
        if key == self._wanted:
            return
        self._wanted = key
        self._image = QImage()
        self.shown = 0
        self.setPixmap(QPixmap())
        self.setText(caption or "No picture")
        self.setToolTip(caption)
        if candidates:
            self.runner.submit(
                lambda: decode_mosaic(candidates),
                lambda img: self._arrived(key, img, len(candidates)),
            )

    def _arrived(self, key: tuple[tuple[str, ...], ...], image: QImage, count: int) -> None:
        if key != self._wanted or image.isNull():
            return
        self._image = image
        self.shown = count
        self._fit()

    def _fit(self) -> None:
        if self._image.isNull():
            return
        size = self.contentsRect().size()
        scaled = QPixmap.fromImage(self._image).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.setPixmap(scaled)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()
