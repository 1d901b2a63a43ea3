"""The inspector's preview: a bigger picture, decoded from the original off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from gui.thumbnails import decode
from gui.workers import TaskRunner

EDGE = 480


def decode_first(paths: list[Path], edge: int = EDGE) -> QImage:
    """Runs on a worker: the first of *paths* that decodes (original, then thumbnail)."""
    for path in paths:
        if path.is_file():
            image = decode(path, edge)
            if not image.isNull():
                return image
    return QImage()


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
        self._wanted: tuple[str, ...] = ()
        self._image = QImage()

    @property
    def loaded(self) -> bool:
        return not self._image.isNull()

    def show_paths(self, paths: list[Path], caption: str = "") -> None:
        key = tuple(map(str, paths))
        if key == self._wanted:
            return
        self._wanted = key
        self._image = QImage()
        self.setPixmap(QPixmap())
        self.setText(caption or "No picture")
        if paths:
            self.runner.submit(lambda: decode_first(paths), lambda img: self._arrived(key, img))

    def _arrived(self, key: tuple[str, ...], image: QImage) -> None:
        if key != self._wanted or image.isNull():
            return
        self._image = image
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
