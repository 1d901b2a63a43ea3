"""The loupe over real imported JPEGs: the keys a Photo Mechanic / Lightroom user presses
(Space, ←/→, Z, +/−, digits, Esc), what it shows first and what it shows at full size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

import gui.loupe
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from gui.loupe import Loupe
from gui.main_window import MainWindow
from tests.factories import Agency, write_photo

from .conftest import WindowFactory, select_rows

SIZES = ((1800, 1200), (1200, 1800), (900, 600))


def _import(archive: Archive, folder: Path) -> None:
    for n, size in enumerate(SIZES):
        meta = Agency(
            caption=f"Picture {n}", credit="Jane Doe/Agency", taken=f"2024:05:0{n + 1} 12:00:00"
        )
        write_photo(folder / f"{n}.jpg", meta, seed=500 + n, size=size)
    session = ImportSession(archive, [folder], ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed


def _open(qtbot: QtBot, window: MainWindow, row: int) -> Loupe:
    select_rows(window, [row])
    window.grid.setCurrentIndex(window.model.index(row))
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Space)
    loupe = window.loupe
    assert loupe is not None
    qtbot.waitUntil(lambda: loupe.isVisible() and loupe.stage == "full")
    return loupe


def test_space_opens_the_picture_full_size_and_arrows_move_on(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    _import(archive, tmp_path / "in")
    window = make_window(show=True)
    assert window.model.rowCount() == 3  # newest first: 2.jpg, 1.jpg, 0.jpg
    loupe = _open(qtbot, window, 0)
    # The stand-in first (the catalogue's thumbnail), then the whole picture.
    assert loupe.stages == ["preview", "full"]
    assert (loupe.view.image_size.width(), loupe.view.image_size.height()) == (900, 600)
    assert loupe.caption.text().startswith("1 / 3") and "Picture 2" in loupe.caption.text()
    assert "900 × 600" in loupe.info.text() and "full size" in loupe.info.text()

    qtbot.keyClick(loupe, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: loupe.stage == "full")
    assert loupe.caption.text().startswith("2 / 3") and "Picture 1" in loupe.caption.text()
    assert "1200 × 1800" in loupe.info.text()
    # The grid follows the loupe: the inspector, the marks and Ctrl+Z apply to this picture.
    assert window.grid.selected_rows() == [1]
    qtbot.keyClick(loupe, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: loupe.stage == "full" and loupe.row == 2)
    qtbot.keyClick(loupe, Qt.Key.Key_Right)  # the last picture: stays
    assert loupe.row == 2
    qtbot.keyClick(loupe, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: loupe.stage == "full" and loupe.row == 1)
    assert "1200 × 1800" in loupe.info.text()

    qtbot.keyClick(loupe, Qt.Key.Key_Escape)
    assert not loupe.isVisible()
    assert window.grid.selected_rows() == [1]


def test_fit_100_percent_zoom_and_pan(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    _import(archive, tmp_path / "in")
    window = make_window(show=True)
    loupe = _open(qtbot, window, 2)  # 0.jpg: 1800 × 1200
    loupe.resize(800, 600)
    qtbot.waitUntil(lambda: loupe.view.fitting and loupe.view.zoom < 0.5)
    fitted = loupe.view.zoom
    assert "fit" in loupe.info.text()
    qtbot.keyClick(loupe, Qt.Key.Key_Z)
    assert abs(loupe.view.zoom - 1.0) < 1e-6 and "100 %" in loupe.info.text()
    assert "fit" not in loupe.info.text()
    # At 100 % the picture is larger than the view: dragging pans it.
    bar = loupe.view.horizontalScrollBar()
    assert bar.maximum() > 0
    before = bar.value()
    viewport = loupe.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseMove(viewport, QPoint(200, 300))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 300))
    assert bar.value() != before
    qtbot.keyClick(loupe, Qt.Key.Key_Plus)
    assert loupe.view.zoom > 1.2
    qtbot.keyClick(loupe, Qt.Key.Key_Minus)
    qtbot.keyClick(loupe, Qt.Key.Key_Minus)
    assert loupe.view.zoom < 1.0
    qtbot.keyClick(loupe, Qt.Key.Key_Z)  # back to fit
    assert loupe.view.fitting and abs(loupe.view.zoom - fitted) < 0.02
    loupe.actual_button.click()
    assert abs(loupe.view.zoom - 1.0) < 1e-6
    loupe.fit_button.click()
    assert loupe.view.fitting


def test_double_click_opens_and_digits_rate_the_picture_in_the_loupe(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    _import(archive, tmp_path / "in")
    window = make_window(show=True)
    rect = window.grid.visualRect(window.model.index(1))
    qtbot.mouseDClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.loupe is not None and window.loupe.stage == "full")
    loupe = window.loupe
    assert loupe is not None and loupe.row == 1
    qtbot.keyClick(loupe, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: window.model.tile(1).summary.rating == 4)
    qtbot.waitUntil(lambda: "★★★★" in loupe.caption.text())
    qtbot.keyClick(loupe, Qt.Key.Key_8)
    qtbot.waitUntil(lambda: "green label" in loupe.caption.text())
    assert window.model.tile(0).summary.rating is None
    qtbot.keyClick(loupe, Qt.Key.Key_Space)  # Space closes as it opened
    assert not loupe.isVisible()


def test_a_missing_original_says_so_and_keeps_the_stand_in(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    _import(archive, tmp_path / "in")
    window = make_window(show=True)
    original = window.model.tile(0).original
    assert original is not None
    original.unlink()
    select_rows(window, [0])
    window.grid.setCurrentIndex(window.model.index(0))
    loupe = window.open_loupe(0)
    assert loupe is not None
    qtbot.waitUntil(lambda: loupe.stage == "failed")
    assert loupe.stages == ["preview", "failed"]
    assert "the original is missing" in loupe.caption.text()
    assert not loupe.view.item.pixmap().isNull()  # the thumbnail still shows


def test_a_picture_over_qts_limit_is_decoded_smaller_and_says_so(
    qtbot: QtBot,
    archive: Archive,
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Qt refuses to allocate images over 256 MB (a 100 MP back); the limit is lowered here
    # so that a 1800 × 1200 picture stands for one.
    monkeypatch.setattr(gui.loupe, "MAX_DECODE_PIXELS", 540_000)
    _import(archive, tmp_path / "in")
    window = make_window(show=True)
    loupe = _open(qtbot, window, 2)  # 0.jpg: 1800 × 1200
    shown = loupe.view.item.pixmap()
    assert shown.width() * shown.height() <= 540_000 and shown.width() >= 800
    # The zoom and the size are the picture's own, not the decode's.
    assert (loupe.view.image_size.width(), loupe.view.image_size.height()) == (1800, 1200)
    assert "1800 × 1200" in loupe.info.text()
    assert f"decoded at {shown.width()} × {shown.height()}" in loupe.caption.text()
    qtbot.keyClick(loupe, Qt.Key.Key_Z)
    assert abs(loupe.view.zoom - 1.0) < 1e-6
