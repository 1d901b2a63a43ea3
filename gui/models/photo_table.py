"""The photo list as a Qt table model: a thin, paged adapter over the photo service.

The model never loads the whole catalogue: it asks the service for the total and the
first page, and Qt's canFetchMore/fetchMore protocol pulls further pages as the view
scrolls towards the end. A desk archive can hold hundreds of thousands of pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from archive.errors import ArchiveError
from archive.records import PhotoPage, PhotoSummary

PAGE_SIZE = 200

# Module-level so it is not a call in a default argument; Qt treats it as "the root".
_ROOT = QModelIndex()

Index = QModelIndex | QPersistentModelIndex

# The role that hands the whole PhotoSummary to callers (selection, detail panels later).
SummaryRole = Qt.ItemDataRole.UserRole + 1


class PhotoSource(Protocol):
    """What the model needs from `archive.services.photos.PhotoService` (and test doubles)."""

    def list_summaries(self, offset: int = 0, limit: int | None = 100) -> PhotoPage: ...


def _one_line(text: str | None) -> str:
    # Captions run to paragraphs; a table cell shows the first stretch on one line and the
    # tooltip carries the full text.
    return " ".join(text.split()) if text else ""


def _taken(iso: str | None) -> str:
    # "2024-05-01T14:03:00+02:00" reads better as "2024-05-01 14:03:00+02:00"; the offset
    # stays because desks care about the local time of the event.
    return iso.replace("T", " ", 1) if iso else ""


# (header, cell text) per column; the order here is the order on screen.
COLUMNS: tuple[tuple[str, Callable[[PhotoSummary], str]], ...] = (
    ("ID", lambda p: str(p.id)),
    ("Taken", lambda p: _taken(p.taken_at)),
    ("People", lambda p: ", ".join(p.people)),
    ("Event", lambda p: p.event or ""),
    ("Credit line", lambda p: _one_line(p.credit_line)),
    ("Caption", lambda p: _one_line(p.caption)),
)
CAPTION_COLUMN = len(COLUMNS) - 1


class PhotoTableModel(QAbstractTableModel):
    """Rows of `PhotoSummary`, fetched page by page from a `PhotoSource`."""

    # Emitted after every (re)load or page with the catalogue's current total.
    totalChanged = Signal(int)
    # Emitted with a user-readable message when the service reports an ArchiveError.
    loadFailed = Signal(str)

    def __init__(
        self, source: PhotoSource, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._rows: list[PhotoSummary] = []
        self._total = 0
        # Set when a page comes back empty or fails: stops the view's fetchMore calls until
        # the next reload, so a shrinking catalogue or a dead connection cannot loop.
        self._exhausted = False

    # -- state -----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many photos the catalogue holds (not how many rows are loaded)."""
        return self._total

    def summary(self, row: int) -> PhotoSummary:
        return self._rows[row]

    def reload(self) -> None:
        """Forget the loaded rows and fetch the first page again (F5, after an import)."""
        try:
            page = self._source.list_summaries(offset=0, limit=self._page_size)
        except ArchiveError as exc:
            # Keep showing what we had: an unreachable catalogue must not blank the list.
            self.loadFailed.emit(str(exc))
            return
        self.beginResetModel()
        self._rows = list(page.photos)
        self._total = max(page.total, len(self._rows))
        self._exhausted = False
        self.endResetModel()
        self.totalChanged.emit(self._total)

    # -- lazy paging -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        loaded = len(self._rows)
        try:
            page = self._source.list_summaries(offset=loaded, limit=self._page_size)
        except ArchiveError as exc:
            # The view calls fetchMore on every scroll; a failing source must not be
            # hammered. F5 (reload) tries again.
            self._exhausted = True
            self.loadFailed.emit(str(exc))
            return
        # Offset paging is approximate if photos are added or removed between pages: never
        # hold more rows than the catalogue says it has, and stop on an empty page.
        self._total = page.total
        new = page.photos[: max(0, page.total - loaded)]
        if not new:
            self._exhausted = True
        else:
            self.beginInsertRows(_ROOT, loaded, loaded + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()
        self.totalChanged.emit(self._total)

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        # A table has no children under its cells.
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        photo = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column][1](photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CAPTION_COLUMN:
                return photo.caption or None
            text = COLUMNS[column][1](photo)
            return text or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SummaryRole:
            return photo
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][0]
        return None
