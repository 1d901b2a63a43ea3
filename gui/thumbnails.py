"""Thumbnails for the grid: decoded off the GUI thread, kept in a bounded LRU of pixmaps.

A worker decodes the 320 px thumbnail JPEG into a QImage scaled to the tile (QImage and
QImageReader are reentrant, fine on a pool thread); the GUI thread turns it into a
QPixmap and caches it. The cache is bounded by bytes, never one pixmap per photo:
10,000 pixmaps would cost ~340 MB (PITFALLS.md). Requests made while scrolling go first
(newest wins) and a backlog of stale ones is dropped.

Until a photo's thumbnail exists (an import makes thumbnails after cataloguing), the
preview its camera or agency embedded in the EXIF stands in; such provisional pixmaps
keep showing, and are asked for again, each time `forget_missing` says thumbnails may
have been made meanwhile.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from archive.metadata.preview import embedded_preview

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


def decode_preview(original: Path, edge: int) -> QImage:
    """The embedded EXIF preview of *original*, upright, at most edge×edge (or null)."""
    data = embedded_preview(original)
    if data is None:
        return QImage()
    image = QImage.fromData(data, "JPEG")
    if not image.isNull() and max(image.width(), image.height()) > edge:
        image = image.scaled(
            edge,
            edge,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
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
    # key, QImage (null when it could not be read), provisional (an embedded preview)
    decoded = Signal(object, object, bool)


class _Decode(QRunnable):
    def __init__(
        self, key: Key, path: Path, fallback: Path | None, signals: _DecodeSignals
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.key, self.path, self.fallback, self.signals = key, path, fallback, signals

    def run(self) -> None:
        if self.path.is_file():
            self.signals.decoded.emit(self.key, decode(self.path, self.key[1]), False)
            return
        image = QImage()
        if self.fallback is not None:
            image = decode_preview(self.fallback, self.key[1])
        self.signals.decoded.emit(self.key, image, not image.isNull())


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
        self._provisional: set[Key] = set()  # cached pixmaps that are embedded previews
        self._stale: set[Key] = set()  # provisional ones to ask for again when next shown

    def pixmap(self, key: Key, path: Path, fallback: Path | None = None) -> QPixmap | None:
        """The cached pixmap, or None (queued for decoding unless known to be missing).

        *fallback*: the original, whose embedded preview serves while *path* is missing.
        """
        if key in self.cache:
            if key in self._stale and not self._closed and key not in self._pending:
                self._stale.discard(key)
                self._queue(key, path, fallback)  # the real thumbnail may exist now
            return self.cache.get(key)
        if self._closed:
            return None
        if key in self._pending:
            self._pending.move_to_end(key)
            return None
        self._queue(key, path, fallback)
        return None

    def _queue(self, key: Key, path: Path, fallback: Path | None) -> None:
        job = _Decode(key, path, fallback, self._signals)
        self._pending[key] = job
        self._priority = (self._priority + 1) % 2**30
        self.pool.start(job, self._priority)  # newest first: what is on screen now
        while len(self._pending) > MAX_QUEUED:
            old_key, old = next(iter(self._pending.items()))
            if not self.pool.tryTake(old):
                break  # it is running: let it finish
            del self._pending[old_key]

    def is_missing(self, key: Key) -> bool:
        return key in self.cache and self.cache.get(key) is None

    def is_provisional(self, key: Key) -> bool:
        return key in self._provisional and key in self.cache

    def _decoded(self, key: Key, image: QImage, provisional: bool) -> None:
        self._pending.pop(key, None)
        if self._closed:
            return
        if image.isNull() and key in self.cache and key in self._provisional:
            return  # the preview could not be read again: keep the one on screen
        self.cache.put(key, None if image.isNull() else QPixmap.fromImage(image))
        if provisional:
            self._provisional.add(key)
        else:
            self._provisional.discard(key)
        self.ready.emit(key)

    def forget_missing(self) -> None:
        """Ask again for thumbnails that were missing (an import has been making them)."""
        self.cache.forget_missing()
        self._provisional &= {k for k in self._provisional if k in self.cache}
        self._stale |= self._provisional

    def drain(self) -> None:
        self._closed = True
        self.pool.clear()
        self.pool.waitForDone()
        self._pending.clear()
