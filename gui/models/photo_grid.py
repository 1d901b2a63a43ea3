"""The grid's model: every photo a query matches, as rows, pages loaded lazily off-thread.

The model holds the total, the id of every row and an LRU of loaded pages of summaries
(bounded: scrolling through 100,000 photos never keeps more than MAX_PAGES pages; the
ids are 8 bytes a row). `data()` for a row whose page is not loaded asks for it and
returns nothing; the delegate paints a placeholder until the page arrives. Requests made
while scrolling are served newest first; a backlog is dropped.

The first page comes from the search itself (painted at once); when its total is only a
lower bound (a huge result), the exact count is asked for next, off-thread, and
``totalCounted`` tells the window when it lands; the id list is read right after,
off-thread. From then on a selection of any rows, loaded or not, maps to ids
without reading anything (`ids_of_rows`), and pages are read by id.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from archive.ratings import marks_text
from gui.models.grid_source import GridPage, GridSource, Tile
from gui.views.provenance_badge import marks_text as provenance_text
from gui.workers import TaskRunner

PAGE_SIZE = 200
MAX_PAGES = 40
MAX_WAITING = 6  # page requests queued; older ones are dropped (scrolled past)
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

TileRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


class PhotoGridModel(QAbstractListModel):
    totalChanged = Signal(int)
    # query, total, milliseconds from asking to having the first page
    searchFinished = Signal(str, int, float)
    searchFailed = Signal(object)  # the exception (QueryError has .position)
    loadFailed = Signal(str)
    idsReady = Signal()  # the current query's id list is in: every row's id is known
    totalCounted = Signal(str, int)  # query, exact total: after an inexact first page

    def __init__(
        self,
        source: GridSource,
        runner: TaskRunner,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self._runner = runner
        self._page_size = page_size
        self._max_pages = max_pages
        self._query = ""
        self._total = 0
        self._pages: OrderedDict[int, tuple[Tile, ...]] = OrderedDict()
        self._ids: array[int] | None = None  # every row's id, once read
        self._waiting: OrderedDict[int, None] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0
        self._searching = False
        self._exact = True

    # -- state -------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_exact(self) -> bool:
        """False between an inexact first page and its count (total: "more than")."""
        return self._exact

    @property
    def searching(self) -> bool:
        return self._searching

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    @property
    def ids_known(self) -> bool:
        return self._ids is not None

    def ids_of_rows(self, rows: Iterable[int]) -> list[int] | None:
        """The ids of *rows*, in that order, without reading anything; None while the id
        list is still being read and some row's page is not loaded either."""
        ids = self._ids
        if ids is not None:
            count = len(ids)
            return [ids[row] for row in rows if 0 <= row < count]
        found = []
        for row in rows:
            tile = self.tile(row)
            if tile is None:
                return None
            found.append(tile.id)
        return found

    def tile(self, row: int) -> Tile | None:
        page = self._pages.get(row // self._page_size)
        if page is None:
            return None
        index = row % self._page_size
        return page[index] if index < len(page) else None

    def row_of(self, photo_id: int) -> int | None:
        for number, page in self._pages.items():
            for i, tile in enumerate(page):
                if tile.id == photo_id:
                    return number * self._page_size + i
        return None

    # -- asking --------------------------------------------------------------------------
    def set_query(self, query: str) -> None:
        """Run *query*; the rows change when its first page is in (no blank flash)."""
        self._generation += 1
        generation, started = self._generation, time.perf_counter()
        self._searching = True
        self._runner.submit(
            lambda: self.source.page(query, 0, self._page_size),
            lambda page: self._first_page(generation, started, page),
            lambda exc: self._search_error(generation, exc),
            priority=10,
        )

    def refresh(self) -> None:
        """Run the current query again (after an import, an edit, F5)."""
        self.set_query(self._query)

    def refresh_ids(self, ids: list[int]) -> None:
        """Re-read the tiles of *ids* (after an edit) without resetting the grid."""
        rows = {i: r for i in ids if (r := self.row_of(i)) is not None}
        if not rows:
            return
        generation = self._generation
        self._runner.submit(
            lambda: self.source.tiles(list(rows)),
            lambda tiles: self._replace(generation, tiles),
            lambda exc: self.loadFailed.emit(str(exc)),
        )

    def _first_page(self, generation: int, started: float, page: GridPage) -> None:
        if generation != self._generation:
            return
        self._searching = False
        self.beginResetModel()
        self._query = page.query
        self._total = page.total
        self._exact = page.exact
        self._pages = OrderedDict({0: page.tiles})
        # A result that fits in its first page: that page is the whole id list.
        whole = page.exact and page.total <= len(page.tiles)
        self._ids = array("q", (t.id for t in page.tiles)) if whole else None
        self._waiting.clear()
        self._loading.clear()
        self.endResetModel()
        self.totalChanged.emit(self._total)
        self.searchFinished.emit(page.query, page.total, (time.perf_counter() - started) * 1000)
        if not page.exact:
            # First the exact count (cheap), then the id list (can be large).
            source, query = self.source, page.query
            self._runner.submit(
                lambda: source.count(query),
                lambda n: self._counted(generation, n),
                lambda exc: self._ids_failed(generation, exc),
                priority=5,
            )
        if whole:
            self.idsReady.emit()
        else:
            # After the first page, not with it: the grid paints before the ids are in
            # (100,000 ids take ~0.1-0.4 s to read; the array is built off-thread too).
            source, query = self.source, page.query
            self._runner.submit(
                lambda: array("q", source.ids(query)),
                lambda ids: self._ids_in(generation, ids),
                lambda exc: self._ids_failed(generation, exc),
            )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation or self._exact:
            return  # another query since, or the id list said it first
        self._exact = True
        if self._ids is None:
            self._resize(total)
        self.totalCounted.emit(self._query, self._total)

    def _ids_in(self, generation: int, ids: array[int]) -> None:
        if generation != self._generation:
            return
        self._ids = ids
        # The first page and the id list are two reads; an import in between shifts the
        # rows. The list is the truth from here on: rows are added or removed at the end
        # and a loaded page that disagrees with it is dropped (and read again, by id).
        self._resize(len(self._ids))
        for number, page in list(self._pages.items()):
            if not self._agrees(number, page):
                del self._pages[number]
                self._changed(number)
        if not self._exact:  # the list is every match: its length is the exact total
            self._exact = True
            self.totalCounted.emit(self._query, self._total)
        self.idsReady.emit()

    def _ids_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loadFailed.emit(str(exc))

    def _agrees(self, number: int, tiles: tuple[Tile, ...]) -> bool:
        if self._ids is None:
            return True
        first = number * self._page_size
        return [t.id for t in tiles] == self._ids[first : first + self._page_size].tolist()

    def _resize(self, count: int) -> None:
        if count > self._total:
            self.beginInsertRows(_ROOT, self._total, count - 1)
            self._total = count
            self.endInsertRows()
        elif count < self._total:
            self.beginRemoveRows(_ROOT, count, self._total - 1)
            self._total = count
            self.endRemoveRows()
        else:
            return
        self.totalChanged.emit(count)

    def _changed(self, number: int) -> None:
        first = number * self._page_size
        last = min(self._total, first + self._page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first), self.index(last))

    def _search_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._searching = False
            self.searchFailed.emit(exc)

    def _replace(self, generation: int, tiles: list[Tile]) -> None:
        if generation != self._generation:
            return
        for tile in tiles:
            row = self.row_of(tile.id)
            if row is None:
                continue
            number, i = divmod(row, self._page_size)
            page = list(self._pages[number])
            page[i] = tile
            self._pages[number] = tuple(page)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def _want(self, number: int) -> None:
        if number in self._loading:
            return
        self._waiting[number] = None
        self._waiting.move_to_end(number)
        while len(self._waiting) > MAX_WAITING:
            self._waiting.popitem(last=False)
        self._dispatch()

    def _dispatch(self) -> None:
        # Two pages in flight at most; the most recently wanted goes first.
        while self._waiting and len(self._loading) < 2:
            number, _ = self._waiting.popitem(last=True)
            self._loading.add(number)
            generation = self._generation
            self._runner.submit(
                self._reader(number),
                lambda page, n=number, g=generation: self._page_in(g, n, page),
                lambda exc, n=number, g=generation: self._page_failed(g, n, exc),
            )

    def _reader(self, number: int) -> Callable[[], GridPage]:
        """What reads page *number* on a worker: by id once the id list is in (no search,
        exactly the rows the list says), else by searching at its offset."""
        source, query, size = self.source, self._query, self._page_size
        offset = number * size
        if self._ids is None:
            return lambda: source.page(query, offset, size)
        ids, total = list(self._ids[offset : offset + size]), self._total
        return lambda: source.page_of(query, offset, ids, total)

    def _page_in(self, generation: int, number: int, page: GridPage) -> None:
        if generation != self._generation:
            return
        self._loading.discard(number)
        if not self._agrees(number, page.tiles):
            # Read by search before the id list came in, and the catalogue moved since.
            self._want(number)
            return
        self._pages[number] = page.tiles
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        self._changed(number)
        self._dispatch()

    def _page_failed(self, generation: int, number: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading.discard(number)
        self.loadFailed.emit(str(exc))

    # -- Qt model protocol ---------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        number = row // self._page_size
        page = self._pages.get(number)
        if page is None:
            if role == TileRole:
                self._want(number)
            return None
        self._pages.move_to_end(number)
        i = row % self._page_size
        if i >= len(page):
            return None
        tile = page[i]
        if role == TileRole:
            return tile
        if role == IdRole:
            return tile.id
        if role == Qt.ItemDataRole.DisplayRole:
            return tile.title
        if role == Qt.ItemDataRole.ToolTipRole:
            caption = tile.summary.caption or ""
            provenance = provenance_text(tile.summary.provenance)  # issue 19: the AI / CR✗ marks
            head = "\n".join(
                x for x in (tile.title, tile.credit, self._marks(tile), provenance) if x
            )
            return f"{head}\n\n{caption}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            provenance = provenance_text(tile.summary.provenance)
            return ", ".join(
                x
                for x in (tile.title, tile.credit, tile.status, self._marks(tile), provenance)
                if x
            )
        return None

    @staticmethod
    def _marks(tile: Tile) -> str:
        return marks_text(tile.summary.rating, tile.summary.label)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
