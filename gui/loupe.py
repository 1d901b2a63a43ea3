"""The loupe: one picture full size over the grid, as a Photo Mechanic or Lightroom user
expects — Space, Enter or a double-click opens it; fit, 100 %, zoom and pan; ← / → move
to the previous / next picture of the result; 0–9 rate and label it; Esc closes.

What shows first is what costs nothing: the catalogue's thumbnail (or the EXIF preview the
camera or agency embedded, while the thumbnail is not made yet), then the full-size
decode replaces it. Both decodes run on the loupe's own one-thread pool (QImage is fine
off the GUI thread); only the QPixmap is made on the GUI thread. A picture left before its
decode ends is not shown when it comes back (a generation number says whose it is).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.ratings import marks_text
from gui.marks import mark_of
from gui.models.grid_source import Tile
from gui.models.photo_grid import PhotoGridModel, TileRole
from gui.thumbnails import decode, decode_preview
from gui.views.photo_grid import PhotoGridView

PREVIEW_EDGE = 1600  # the stand-in: enough to look at while the full decode runs
MIN_ZOOM, MAX_ZOOM, STEP = 0.02, 16.0, 1.25
MAX_DECODE_PIXELS = 60_000_000  # 240 MB as 32-bit pixels: under Qt's 256 MB limit


class _Signals(QObject):
    preview = Signal(int, QImage)
    full = Signal(int, QImage, QSize)  # the decoded image, the picture's own size
    failed = Signal(int, str)


class _Decode(QRunnable):
    """Thumbnail (or embedded preview) first, then the whole picture, for one generation."""

    def __init__(self, generation: int, thumb: Path | None, original: Path | None) -> None:
        super().__init__()
        self.generation, self.thumb, self.original = generation, thumb, original
        self.signals = _Signals()

    def run(self) -> None:
        g = self.generation
        if self.thumb is not None and self.thumb.is_file():
            image = decode(self.thumb, PREVIEW_EDGE)
            if not image.isNull():
                self.signals.preview.emit(g, image)
        elif self.original is not None and self.original.is_file():
            image = decode_preview(self.original, PREVIEW_EDGE)
            if not image.isNull():
                self.signals.preview.emit(g, image)
        if self.original is None or not self.original.is_file():
            self.signals.failed.emit(g, f"the original is missing: {self.original}")
            return
        reader = QImageReader(str(self.original))
        reader.setAutoTransform(True)  # EXIF orientation, as the grid shows it
        size = reader.size()  # as stored; upright below (read before decoding: cheap)
        upright = size.transposed() if _turned(reader) else QSize(size)
        if size.isValid() and size.width() * size.height() > MAX_DECODE_PIXELS:
            # Qt refuses images over its allocation limit (256 MB): a 100 MP back is
            # decoded at the largest size under it (the DCT scales it cheaply) and said so.
            scale = (MAX_DECODE_PIXELS / (size.width() * size.height())) ** 0.5
            reader.setScaledSize(size * scale)
        image = reader.read()
        if image.isNull():
            self.signals.failed.emit(
                g, f"cannot decode {self.original.name}: {reader.errorString()}"
            )
        else:
            self.signals.full.emit(g, image, upright if upright.isValid() else image.size())


def _turned(reader: QImageReader) -> bool:
    """Whether EXIF orientation turns the picture a quarter (its width becomes the height)."""
    turn = QImageIOHandler.Transformation.TransformationRotate90
    return bool(reader.transformation() & turn)


class LoupeView(QGraphicsView):
    """The picture: fit to the window or at a zoom; drag to pan, the wheel zooms."""

    zoomed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loupeView")
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setBackgroundBrush(Qt.GlobalColor.black)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the loupe takes the keys
        self.fitting = True
        self.image_size = QSize()  # the picture's own size (the full decode's, once in)

    @property
    def zoom(self) -> float:
        """Screen pixels per picture pixel (1.0 = 100 %)."""
        shown = self.item.pixmap().width()
        if shown <= 0 or self.image_size.width() <= 0:
            return 1.0
        return self.transform().m11() * shown / self.image_size.width()

    def set_image(self, pixmap: QPixmap, full_size: QSize) -> None:
        zoom = None if self.fitting else self.zoom
        self.item.setPixmap(pixmap)
        self.image_size = full_size
        self.scene().setSceneRect(self.item.boundingRect())
        if zoom is None:
            self.fit()
        else:
            self.set_zoom(zoom)

    def fit(self) -> None:
        self.fitting = True
        self.resetTransform()
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom > 1.0:  # never blow a small picture up to fill the screen
                self.set_zoom(1.0, fitting=True)
        self.zoomed.emit()

    def set_zoom(self, zoom: float, fitting: bool = False) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        shown = max(1, self.item.pixmap().width())
        scale = zoom * max(1, self.image_size.width()) / shown
        self.setTransform(self.transform().fromScale(scale, scale))
        self.fitting = fitting
        self.zoomed.emit()

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(STEP**steps)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.fitting:
            self.fit()


class Loupe(QDialog):
    """Shows the grid's current row; moving on moves the grid's selection with it, so the
    inspector, the marks and Ctrl+Z all apply to the picture in the loupe."""

    markRequested = Signal(str, object)

    def __init__(self, model: PhotoGridModel, grid: PhotoGridView, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("loupe")
        self.setWindowTitle("Loupe")
        self.model, self.grid = model, grid
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.row = -1
        self.generation = 0
        self.stage = ""  # "", "preview", "full" or "failed": what is on screen
        self.stages: list[str] = []  # of the current picture, in the order they showed
        self.problem = ""  # why the full size could not be shown
        self._jobs: set[_Decode] = set()
        self.view = LoupeView()
        self.caption = QLabel()
        self.caption.setObjectName("loupeCaption")
        self.info = QLabel()
        self.info.setObjectName("loupeInfo")
        self.fit_button = QPushButton("Fit")
        self.actual_button = QPushButton("1:1")
        for button in (self.fit_button, self.actual_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(lambda: self.view.set_zoom(1.0))
        self.view.zoomed.connect(self._update_info)
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.info)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        model.dataChanged.connect(self._data_changed)
        self.resize(parent.size() * 0.9 if parent.width() > 400 else QSize(1000, 700))

    # -- which picture --------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()
        self.show_row(row)

    def show_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.row = row
        index = self.model.index(row)
        if self.grid.currentIndex() != index or self.grid.selected_rows() != [row]:
            self.grid.setCurrentIndex(index)  # also selects it: the inspector follows
            self.grid.scrollTo(index)
        self.generation += 1
        self.stage, self.stages, self.problem = "", [], ""
        tile = self.model.data(index, TileRole)  # asks for its page when not loaded
        if tile is None:
            self.caption.setText(f"Photo {row + 1} (loading…)")
            self._update_info()
            return
        self._load(tile)

    def _load(self, tile: Tile) -> None:
        self.caption.setText(self._caption(tile))
        thumb = self.model.source.thumbnail_path(tile.sha256) if tile.sha256 else None
        job = _Decode(self.generation, thumb, tile.original)
        job.signals.preview.connect(self._preview_in)
        job.signals.full.connect(self._full_in)
        job.signals.failed.connect(self._failed)
        self._jobs = {job}  # keeps the signals holder alive until the pool runs it
        self.pool.start(job)
        self._update_info()

    def _data_changed(self, *_args: object) -> None:
        if not self.isVisible() or not 0 <= self.row < self.model.rowCount():
            return
        tile = self.model.tile(self.row)
        if tile is None:
            return
        if not any(job.generation == self.generation for job in self._jobs):
            self._load(tile)  # its page came in after the loupe asked for it
        else:
            self.caption.setText(self._caption(tile))  # rated, labelled: say so

    def _caption(self, tile: Tile) -> str:
        marks = marks_text(tile.summary.rating, tile.summary.label)
        parts = [f"{self.row + 1:,} / {self.model.rowCount():,}", tile.title, tile.credit, marks]
        parts.append(self.problem)
        return "  ·  ".join(p for p in parts if p)

    # -- decodes coming back --------------------------------------------------------------
    def _preview_in(self, generation: int, image: QImage) -> None:
        if generation != self.generation or self.stage == "full":
            return
        # Zoom is about the picture, not the stand-in: 100 % means the catalogue's size.
        tile = self.model.tile(self.row)
        width, height = (tile.summary.width, tile.summary.height) if tile else (None, None)
        size = QSize(width, height) if width and height else image.size()
        if tile is not None and tile.summary.orientation in (5, 6, 7, 8):
            size.transpose()  # the stand-in is upright already; the stored size is not
        self.view.set_image(QPixmap.fromImage(image), size)
        self._stage("preview")

    def _full_in(self, generation: int, image: QImage, size: QSize) -> None:
        if generation != self.generation:
            return
        self.view.set_image(QPixmap.fromImage(image), size)
        if image.width() < size.width():
            self.problem = f"decoded at {image.width()} × {image.height()} (too large for Qt)"
        self._stage("full")

    def _failed(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.problem = message
        self._stage("failed")

    def _stage(self, stage: str) -> None:
        self.stage = stage
        self.stages.append(stage)
        self._update_info()
        tile = self.model.tile(self.row)
        if tile is not None:
            self.caption.setText(self._caption(tile))

    def _update_info(self) -> None:
        size = self.view.image_size
        what = {"preview": "preview", "full": "full size", "failed": "not decoded"}.get(
            self.stage, "loading…"
        )
        dims = f"{size.width()} × {size.height()}" if size.isValid() and size.width() else ""
        zoom = "fit" if self.view.fitting else ""
        percent = f"{self.view.zoom * 100:.0f} %" if self.stage in ("preview", "full") else ""
        self.info.setText("  ".join(x for x in (dims, percent, zoom, what) if x))

    # -- keys ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mark = mark_of(event)
        if mark is not None:
            self.markRequested.emit(*mark)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Space):
            self.reject()  # hides it; the next Space opens it again, as it was
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.show_row(self.row + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.show_row(self.row - 1)
        elif key == Qt.Key.Key_Z:
            if self.view.fitting:
                self.view.set_zoom(1.0)
            else:
                self.view.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.zoom_by(STEP)
        elif key == Qt.Key.Key_Minus:
            self.view.zoom_by(1 / STEP)
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.generation += 1  # whatever is still decoding is no longer wanted
        super().hideEvent(event)
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def drain(self) -> None:
        self.generation += 1
        self.pool.clear()
        self.pool.waitForDone()
