"""The grid view: a QListView of uniform tiles, sized by the thumbnail slider.

Uniform item sizes and a fixed grid let Qt lay out 100,000 rows without asking the
model or the delegate about each one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QWidget

from gui.marks import mark_of
from gui.models.grid_source import GridSource
from gui.models.photo_grid import PhotoGridModel
from gui.thumbnails import ThumbnailLoader
from gui.views.tile_delegate import TileDelegate

MIN_EDGE, MAX_EDGE, DEFAULT_EDGE = 96, 320, 160


class PhotoGridView(QListView):
    markRequested = Signal(str, object)  # ("rating", 0..5) / ("label", colour): gui.marks
    loupeRequested = Signal(int)  # Space / Enter / double-click on a tile: its row

    def __init__(
        self,
        model: PhotoGridModel,
        loader: ThumbnailLoader,
        source: GridSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoGrid")
        self.loader = loader
        self.delegate = TileDelegate(loader, source, self)
        self.setItemDelegate(self.delegate)
        # A wrapping list looks exactly like icon mode but lays out uniform items by
        # arithmetic; icon mode keeps a geometry record per item (0.6 s vs 0.2 s for the
        # first layout of 100,000 tiles, measured in bench/gui_bench.py).
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        # Lay out in batches between events: the first screenful paints at once, the
        # scroll range grows over the next frames (a full layout of 100,000 rows ~150 ms).
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(2000)
        self.setWrapping(True)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(False)
        self.grid_model = model
        self.setModel(model)
        self.viewport().installEventFilter(self)
        self.set_edge(DEFAULT_EDGE)
        loader.ready.connect(self._thumbnail_ready)

    @property
    def edge(self) -> int:
        return self.delegate.edge

    def set_edge(self, edge: int) -> None:
        edge = max(MIN_EDGE, min(MAX_EDGE, edge))
        self.delegate.set_edge(edge)
        size = self.delegate.tile_size(self.font())
        self.verticalScrollBar().setSingleStep(max(20, size.height() // 4))
        self._fit_grid()
        self.doItemsLayout()
        self.viewport().update()

    def _fit_grid(self) -> None:
        """Tiles share the whole width: as many columns as fit, each widened by an equal
        part of what is left (no empty strip on the right at any size)."""
        size = self.delegate.tile_size(self.font()) + QSize(4, 4)
        # QListView keeps room for a vertical scroll bar when it wraps: leave it that room,
        # or the last column wraps onto the next row and leaves a whole column empty.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        reserve = 0 if self.verticalScrollBar().isVisible() else bar
        width = self.viewport().width() - 2 * self.spacing() - 1 - reserve
        columns = max(1, width // size.width())
        grid = QSize(max(size.width(), width // columns), size.height())
        if grid != self.gridSize():
            self.setGridSize(grid)
            # Tiles as wide as their cell: the credit line gets the room, not a gap.
            self.delegate.cell_width = grid.width() - 4
            if self.model() is not None and self.model().rowCount():
                self.delegate.sizeHintChanged.emit(self.model().index(0, 0))
            self.doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_grid()
        return super().eventFilter(watched, event)

    @property
    def stale(self) -> bool:
        return self.delegate.stale

    def set_stale(self, stale: bool) -> None:
        """Grey the tiles: they are the last good result, not the query in the box."""
        if stale != self.delegate.stale:
            self.delegate.stale = stale
            self.viewport().update()

    @property
    def columns(self) -> int:
        return max(1, (self.viewport().width() - 2 * self.spacing()) // self.gridSize().width())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_grid()

    def selected_rows(self) -> list[int]:
        """Selected rows, range by range as selected (a shift-click range is one range:
        no QModelIndex per row, which for 100,000 rows would cost the GUI thread)."""
        rows: dict[int, None] = {}  # ordered, and a row in two ranges counts once
        selection = self.selectionModel().selection()
        for i in range(selection.count()):
            selected = selection.at(i)
            rows.update(dict.fromkeys(range(selected.top(), selected.bottom() + 1)))
        return list(rows)

    def selected_ids(self) -> list[int] | None:
        """Ids of the selected tiles, from the model's id list whether or not their pages
        are loaded; None only while that list is still being read after a search (the
        model says `idsReady` when it is in)."""
        return self.grid_model.ids_of_rows(self.selected_rows())

    def _thumbnail_ready(self, _key: object) -> None:
        # Cheap: repaints only the viewport, once per event-loop pass (Qt coalesces).
        self.viewport().update()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Home/End jump across the whole result, not just the loaded pages.
        if event.key() == Qt.Key.Key_Home and not event.modifiers():
            self.setCurrentIndex(self.model().index(0, 0))
            return
        mark = mark_of(event)
        if mark is not None:  # before QListView's type-ahead search eats the digit
            self.markRequested.emit(*mark)
            return
        opens = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if opens and not event.modifiers() and self.currentIndex().isValid():
            self.loupeRequested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.loupeRequested.emit(index.row())
            return
        super().mouseDoubleClickEvent(event)
