"""Thumbnails for the grid: decoded off the GUI thread, kept in a bounded LRU of pixmaps.

A worker decodes the 320 px thumbnail JPEG into a QImage scaled to the tile (QImage and
QImageReader are reentrant, fine on a pool thread); the GUI thread turns it into a
QPixmap and caches it. The cache is bounded by bytes, never one pixmap per photo:
10,000 pixmaps would cost ~340 MB (PITFALLS.md). Requests made while scrolling go first
(newest wins) and a backlog of stale ones is dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

DEFAULT_BUDGET = 96 * 1024 * 1024  # bytes of pixmap data
MAX_QUEUED = 160  # decodes waiting; older ones are dropped (scrolled past)

Key = tuple[str, int]  # (sha256 or path, edge in px)


def decode(path: Path, edge: int) -> QImage:
    """The image at *path* scaled to fit edge×edge (uses the JPEG's scaled decode)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > edge or size.height() > edge):
        reader.setScaledSize(size.scaled(QSize(edge, edge), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image


class PixmapCache:
    """Least recently used pixmaps up to a byte budget; None marks "no thumbnail"."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Key, QPixmap | None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Key) -> bool:
        return key in self._items

    def get(self, key: Key) -> QPixmap | None:
        item = self._items.get(key)
        if key in self._items:
            self._items.move_to_end(key)
        return item

    def put(self, key: Key, pixmap: QPixmap | None) -> None:
        if key in self._items:
            self.used -= _cost(self._items.pop(key))
        self._items[key] = pixmap
        self.used += _cost(pixmap)
        while self.used > self.budget and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self.used -= _cost(old)

    def clear(self) -> None:
        self._items.clear()
        self.used = 0

    def forget_missing(self) -> None:
        for key in [k for k, v in self._items.items() if v is None]:
            del self._items[key]
            self.used -= _cost(None)


def _cost(pixmap: QPixmap | None) -> int:
    # A missing thumbnail costs a little, so a pathological archive cannot grow it forever.
    return 64 if pixmap is None else max(64, pixmap.width() * pixmap.height() * 4)


class _DecodeSignals(QObject):
    decoded = Signal(object, object)  # key, QImage (null when it could not be read)


class _Decode(QRunnable):
    def __init__(self, key: Key, path: Path, signals: _DecodeSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.key, self.path, self.signals = key, path, signals

    def run(self) -> None:
        image = decode(self.path, self.key[1]) if self.path.is_file() else QImage()
        self.signals.decoded.emit(self.key, image)


class ThumbnailLoader(QObject):
    """`pixmap(key, path)` answers from the cache or queues a decode; `ready(key)` follows."""

    ready = Signal(object)  # key

    def __init__(
        self, threads: int = 2, budget: int = DEFAULT_BUDGET, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.cache = PixmapCache(budget)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._signals = _DecodeSignals(self)
        self._signals.decoded.connect(self._decoded)
        self._pending: OrderedDict[Key, _Decode] = OrderedDict()
        self._priority = 0
        self._closed = False

    def pixmap(self, key: Key, path: Path) -> QPixmap | None:
        """The cached pixmap, or None (queued for decoding unless known to be missing)."""
        if key in self.cache:
            return self.cache.get(key)
        if self._closed:
            return None
        if key in self._pending:
            self._pending.move_to_end(key)
            return None
        job = _Decode(key, path, self._signals)
        self._pending[key] = job
        self._priority = (self._priority + 1) % 2**30
        self.pool.start(job, self._priority)  # newest first: what is on screen now
        while len(self._pending) > MAX_QUEUED:
            old_key, old = next(iter(self._pending.items()))
            if not self.pool.tryTake(old):
                break  # it is running: let it finish
            del self._pending[old_key]
        return None

    def is_missing(self, key: Key) -> bool:
        return key in self.cache and self.cache.get(key) is None

    def _decoded(self, key: Key, image: QImage) -> None:
        self._pending.pop(key, None)
        if self._closed:
            return
        self.cache.put(key, None if image.isNull() else QPixmap.fromImage(image))
        self.ready.emit(key)

    def forget_missing(self) -> None:
        """Ask again for thumbnails that were missing (an import has been making them)."""
        self.cache.forget_missing()

    def drain(self) -> None:
        self._closed = True
        self.pool.clear()
        self.pool.waitForDone()
        self._pending.clear()
