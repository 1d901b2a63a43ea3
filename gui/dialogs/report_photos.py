"""What the check report shows of each photo besides its number: a thumbnail, who is in it
and its credit (issue 18 item 7). Read on a worker thread with the check itself; the
QImages become pixmaps on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

from archive.services.photos import PhotoService
from gui.models.grid_source import tile_title

THUMB = 48


@dataclass(frozen=True)
class ReportPhoto:
    id: int
    title: str  # people, else title/headline/caption (as the grid's tiles)
    credit: str
    image: QImage

    @property
    def label(self) -> str:
        return f"{self.id} · {self.title}"


Describe = Callable[[list[int]], dict[int, ReportPhoto]]


def describer(photos: PhotoService, thumbnail: Callable[[str], Path]) -> Describe:
    """A function (run on a worker) from ids to what the report shows of each photo."""

    def describe(ids: list[int]) -> dict[int, ReportPhoto]:
        out: dict[int, ReportPhoto] = {}
        for summary in photos.summaries(ids):
            path = thumbnail(summary.sha256)
            image = _small(path) if path.is_file() else QImage()
            out[summary.id] = ReportPhoto(
                summary.id, tile_title(summary), summary.credit_line or "no credit", image
            )
        return out

    return describe


def _small(path: Path) -> QImage:
    """Decoded with Pillow (not Qt's image plugins, which the writer thread must not race
    the thumbnail pool for), copied into a QImage the GUI thread turns into a pixmap."""
    from PIL import Image

    try:
        with Image.open(path) as img:
            img.draft("RGB", (THUMB, THUMB))
            small = img.convert("RGB")
            small.thumbnail((THUMB, THUMB))
    except (OSError, ValueError):
        return QImage()
    data = small.tobytes()
    w, h = small.size
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
