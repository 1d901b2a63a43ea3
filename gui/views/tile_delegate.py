"""Paints one grid tile: thumbnail (or placeholder), people/title, credit line, check badge.

Painting never touches the disk or the catalogue: the pixmap comes from the loader's
cache (a miss queues a decode and paints the placeholder), the text from the model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from archive.ratings import rating_text
from gui.marks import label_colour
from gui.models.grid_source import GridSource, Tile
from gui.models.photo_grid import TileRole
from gui.thumbnails import ThumbnailLoader
from gui.views.provenance_badge import paint_provenance

PADDING = 6
BADGE = 14
BADGE_COLOURS = {
    "blocked": QColor("#d32f2f"),
    "warning": QColor("#f0a020"),
    "overridden": QColor("#5e35b1"),  # passed only because an editor overrode an error
    "clear": QColor("#2e9d48"),
}
BADGE_LABELS = {"blocked": "!", "warning": "?", "overridden": "✎", "clear": "✓"}
BADGE_NAMES = {
    "blocked": "blocked",
    "warning": "warnings",
    "overridden": "cleared by an override",
    "clear": "clear",
    "unchecked": "not checked",
}


class TileDelegate(QStyledItemDelegate):
    def __init__(
        self, loader: ThumbnailLoader, source: GridSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.source = source
        self.edge = 160
        self.stale = False  # painted greyed: the result of an earlier query
        self.cell_width = 0  # the grid's cell width (PhotoGridView._fit_grid); 0: natural

    def set_edge(self, edge: int) -> None:
        self.edge = edge

    @property
    def image_height(self) -> int:
        # Agency pictures are mostly 3:2 landscape; portraits are fitted to this height.
        return round(self.edge * 0.75)

    def tile_size(self, font: QFont) -> QSize:
        line = QFontMetrics(font).height()
        return QSize(self.edge + 2 * PADDING, self.image_height + 2 * line + 3 * PADDING)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = self.tile_size(option.font)  # type: ignore[attr-defined]
        return QSize(max(size.width(), self.cell_width), size.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.stale:
            painter.setOpacity(0.35)
        if selected:
            painter.fillRect(
                rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.Highlight)
            )
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight).darker(130), 1))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        # Centred: the grid widens tiles to fill the row (PhotoGridView._fit_grid).
        left = rect.left() + max(PADDING, (rect.width() - self.edge) // 2)
        image = QRect(left, rect.top() + PADDING, self.edge, self.image_height)
        tile: Tile | None = index.data(TileRole)
        self._thumbnail(painter, image, tile, palette)
        if tile is not None:
            self._badge(painter, image, tile.status)
            self._marks(painter, image, tile)
            paint_provenance(painter, image, tile.summary.provenance)
            self._text(painter, rect, image, tile, palette, selected, option.font)  # type: ignore[attr-defined]
        painter.restore()

    def _thumbnail(
        self, painter: QPainter, area: QRect, tile: Tile | None, palette: QPalette
    ) -> None:
        pixmap = None
        if tile is not None and tile.sha256:
            key = (tile.sha256, self.edge)
            thumb = self.source.thumbnail_path(tile.sha256)
            pixmap = self.loader.pixmap(key, thumb, tile.original)
        if pixmap is None or pixmap.isNull():
            painter.fillRect(area, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(area.adjusted(0, 0, -1, -1))
            return
        size = pixmap.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if pixmap.width() <= area.width() and pixmap.height() <= area.height():
            size = pixmap.size()  # never upscale a small thumbnail
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(area.center())
        painter.drawPixmap(target, pixmap)

    def _badge(self, painter: QPainter, area: QRect, status: str) -> None:
        colour = BADGE_COLOURS.get(status)
        if colour is None:
            return
        box = QRect(area.right() - BADGE - 3, area.top() + 3, BADGE, BADGE)
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(box)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(BADGE - 4)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, BADGE_LABELS[status])

    def _marks(self, painter: QPainter, area: QRect, tile: Tile) -> None:
        """The colour label as a swatch in the top-left corner, the stars along the bottom
        of the picture on a dark band (readable on any picture)."""
        colour = label_colour(tile.summary.label)
        if colour is not None:
            box = QRect(area.left() + 3, area.top() + 3, BADGE, BADGE)
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colour)
            painter.drawRoundedRect(box, 3, 3)
        stars = rating_text(tile.summary.rating)
        if not stars:
            return
        font = QFont(painter.font())
        font.setPixelSize(BADGE - 2)
        painter.setFont(font)
        width = QFontMetrics(font).horizontalAdvance(stars) + 8
        band = QRect(area.left() + 3, area.bottom() - BADGE - 3, width, BADGE + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(band, 3, 3)
        painter.setPen(QColor("#ffd54f"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, stars)

    def _text(
        self,
        painter: QPainter,
        rect: QRect,
        image: QRect,
        tile: Tile,
        palette: QPalette,
        selected: bool,
        font: QFont,
    ) -> None:
        metrics = QFontMetrics(font)
        line = metrics.height()
        width = rect.width() - 2 * PADDING
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        top = image.bottom() + PADDING
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(role))
        title = QFontMetrics(bold).elidedText(tile.title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(rect.left() + PADDING, top, width, line), 0, title)
        painter.setFont(font)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        credit = credit_text(metrics, tile.credit, width)
        painter.drawText(QRect(rect.left() + PADDING, top + line, width, line), 0, credit)


def credit_text(metrics: QFontMetrics, credit: str, width: int) -> str:
    """The credit as it fits a tile: cut at the end ("Dana Pike/FilmMagic/Ge…"), never in
    the middle; when even that would lose the agency, the agency alone ("…/Getty Images")
    — at small sizes the agency is what tells a desk whose picture it is. The tooltip
    carries the whole line."""
    text = credit or "no credit"
    if metrics.horizontalAdvance(text) <= width:
        return text
    parts = text.split("/")
    agency = parts[-1].strip() if len(parts) > 1 else ""
    end = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if not agency or agency in end:
        return end
    # Keep the agency: the photographer's name goes first, shortened from the end.
    tail = "/" + "/".join(parts[1:])
    room = width - metrics.horizontalAdvance(tail)
    if room > metrics.horizontalAdvance("W…"):
        return metrics.elidedText(parts[0], Qt.TextElideMode.ElideRight, room) + tail
    return metrics.elidedText("…/" + agency, Qt.TextElideMode.ElideRight, width)
