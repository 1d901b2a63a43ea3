"""Ratings and labels in the window: the keys a Lightroom or Photo Mechanic user presses
(1–5 stars, 0 clears, 6 red, 7 yellow, 8 green, 9 blue — sources cited in
tests/archive/services/test_ratings_labels.py), what the tiles then show, the menu, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.history import HistoryService
from gui.main_window import MainWindow
from gui.marks import LABEL_COLOURS
from gui.views.tile_delegate import BADGE, PADDING

from .conftest import WindowFactory, select_rows
from .photos import add_photos


def _rating(window: MainWindow, row: int) -> int | None:
    tile = window.model.tile(row)
    return tile.summary.rating if tile else None


def _label(window: MainWindow, row: int) -> str | None:
    tile = window.model.tile(row)
    return tile.summary.label if tile else None


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, key)


def _swatch_colour(window: MainWindow, row: int) -> QColor:
    """The pixel in the middle of the tile's label swatch, as painted on screen."""
    grid = window.grid
    rect = grid.visualRect(window.model.index(row))
    edge = grid.delegate.edge
    left = rect.left() + max(PADDING, (rect.width() - edge) // 2)
    x, y = left + 3 + BADGE // 2, rect.top() + PADDING + 3 + BADGE // 2
    image = grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio))


def _close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) < 40 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_digit_keys_rate_and_label_the_selection_and_the_tiles_show_it(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 3)
    window = make_window(show=True)
    select_rows(window, [0, 1])
    assert not _close(_swatch_colour(window, 0), LABEL_COLOURS["red"])

    _key(qtbot, window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: _rating(window, 0) == 3 and _rating(window, 1) == 3)
    assert _rating(window, 2) is None  # not selected, not rated
    assert "★★★ (3 stars) on 2 photos" in window.statusBar().currentMessage()
    tip = window.model.data(window.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "★★★" in tip

    _key(qtbot, window, Qt.Key.Key_6)
    qtbot.waitUntil(lambda: _label(window, 0) == "red" and _label(window, 1) == "red")
    qtbot.waitUntil(lambda: _close(_swatch_colour(window, 0), LABEL_COLOURS["red"]))
    assert "red label" in window.model.data(window.model.index(1), Qt.ItemDataRole.ToolTipRole)
    _key(qtbot, window, Qt.Key.Key_9)
    qtbot.waitUntil(lambda: _label(window, 0) == "blue")
    qtbot.waitUntil(lambda: _close(_swatch_colour(window, 0), LABEL_COLOURS["blue"]))
    _key(qtbot, window, Qt.Key.Key_9)  # the same label again takes it off (Lightroom)
    qtbot.waitUntil(lambda: _label(window, 0) is None and _label(window, 1) is None)

    _key(qtbot, window, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: _rating(window, 0) is None and _rating(window, 1) is None)
    # Audited: Ctrl+Z brings the three stars back.
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _rating(window, 0) == 3 and _rating(window, 1) == 3)
    fields = [e.field for e in HistoryService(archive.sessions).history(window.model.tile(0).id)]
    assert fields.count("rating") >= 2 and "label" in fields


def test_digits_typed_into_a_text_field_stay_text(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1)
    window = make_window(show=True)
    select_rows(window, [0])
    window.search_bar.focus()
    qtbot.keyClicks(window.search_bar.edit, "2024")
    assert window.search_bar.text == "2024"
    qtbot.wait(200)
    assert window.writer.pool.activeThreadCount() == 0
    assert _rating(window, 0) is None and _label(window, 0) is None


def test_the_edit_menu_rates_and_labels_too(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 2)
    window = make_window()
    select_rows(window, [1])
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    rating = next(a.menu() for a in edit_menu.actions() if a.text() == "Rating")
    label = next(a.menu() for a in edit_menu.actions() if a.text() == "Label")
    five = next(a for a in rating.actions() if a.text().startswith("★★★★★"))
    assert five.text().endswith("\t5")  # the key is shown beside the menu item
    five.trigger()
    qtbot.waitUntil(lambda: _rating(window, 1) == 5)
    purple = next(a for a in label.actions() if a.text().startswith("Purple"))
    purple.trigger()  # purple has no key in Lightroom: the menu gives it
    qtbot.waitUntil(lambda: _label(window, 1) == "purple")
    assert _rating(window, 0) is None
    # The inspector shows the one selected photo's marks in its heading, read again.
    title = window.inspector.form.title
    qtbot.waitUntil(lambda: title.text().endswith("★★★★★ · purple label"))
