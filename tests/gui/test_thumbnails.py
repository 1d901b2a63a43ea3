"""Thumbnails: decoded off-thread, cached in a bounded LRU (PITFALLS.md: ~34 KB a pixmap)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from gui.thumbnails import PixmapCache, ThumbnailLoader
from tests.factories import two_colour_jpeg, with_preview, write_photo


def test_cache_is_bounded_by_bytes_and_evicts_the_least_recently_used(qapp: object) -> None:
    # qapp: a QPixmap needs the application object (alone, this test would abort Qt).
    cache = PixmapCache(budget=3 * 100 * 100 * 4)
    for n in range(10):
        cache.put((f"sha{n}", 100), QPixmap(100, 100))
        if n >= 1:
            cache.get(("sha0", 100))  # keep touching the first one
    assert len(cache) == 3
    assert ("sha0", 100) in cache  # recently used: kept
    assert ("sha9", 100) in cache and ("sha1", 100) not in cache
    assert cache.used <= cache.budget


def test_loader_decodes_in_the_pool_and_marks_missing_files(qtbot: QtBot, tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "t.jpg", None, size=(320, 213))
    loader = ThumbnailLoader(threads=1)
    try:
        assert loader.pixmap(("a", 96), photo) is None  # queued
        assert loader.pixmap(("b", 96), tmp_path / "missing.jpg") is None
        qtbot.waitUntil(lambda: ("a", 96) in loader.cache and ("b", 96) in loader.cache)
        pixmap = loader.pixmap(("a", 96), photo)
        assert pixmap is not None and pixmap.width() == 96
        assert loader.is_missing(("b", 96))
        loader.forget_missing()
        assert ("b", 96) not in loader.cache
    finally:
        loader.drain()
        assert loader.pool.activeThreadCount() == 0
        loader.deleteLater()


def test_embedded_preview_stands_in_until_the_thumbnail_exists(
    qtbot: QtBot, tmp_path: Path
) -> None:
    original = with_preview(tmp_path / "original.jpg", 1, two_colour_jpeg((160, 120)))
    thumb = tmp_path / "thumbs" / "t.jpg"
    key = ("sha", 200)
    loader = ThumbnailLoader(threads=1)
    try:
        assert loader.pixmap(key, thumb, original) is None  # queued
        qtbot.waitUntil(lambda: key in loader.cache)
        preview = loader.pixmap(key, thumb, original)
        assert preview is not None and (preview.width(), preview.height()) == (160, 120)
        assert loader.is_provisional(key) and not loader.is_missing(key)

        # The import makes the real thumbnail; the grid is told thumbnails may exist now.
        write_photo(thumb, None, size=(320, 240))
        loader.forget_missing()
        still = loader.pixmap(key, thumb, original)  # keeps showing, asks again meanwhile
        assert still is not None and still.width() == 160
        qtbot.waitUntil(lambda: not loader.is_provisional(key))
        real = loader.pixmap(key, thumb, original)
        assert real is not None and real.width() == 200
    finally:
        loader.drain()
        loader.deleteLater()


def test_without_thumbnail_or_preview_the_tile_is_missing(qtbot: QtBot, tmp_path: Path) -> None:
    original = with_preview(tmp_path / "bare.jpg", 1, None)
    key = ("bare", 96)
    loader = ThumbnailLoader(threads=1)
    try:
        loader.pixmap(key, tmp_path / "no-thumb.jpg", original)
        qtbot.waitUntil(lambda: key in loader.cache)
        assert loader.is_missing(key) and not loader.is_provisional(key)
    finally:
        loader.drain()
        loader.deleteLater()
