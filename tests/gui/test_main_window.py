"""The main window over a real archive in tmp_path (offscreen, pytest-qt)."""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from gui.main_window import WINDOW_TITLE, MainWindow
from gui.models.photo_grid import TileRole
from gui.services import Services
from gui.widgets.empty_state import EMPTY_HINT

from .conftest import WindowFactory, wait_searched
from .photos import add_photos


def tile(window: MainWindow, row: int):  # type: ignore[no-untyped-def]
    return window.model.tile(row)


def test_window_shows_the_archive_photos_as_tiles(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(
        archive,
        1,
        caption="Łódź derby:\n  fans  light flares",
        taken=datetime(2024, 6, 2, 20, 45),
        people=("Anna Nowak", "Jan Kowalski"),
        event="Derby of Łódź",
        credit_line="Mike Marsland/WireImage/Getty Images",
    )
    add_photos(archive, 2, taken=datetime(2023, 1, 1, 9, 0))
    add_photos(archive, 1, taken=None, caption="Undated scan", credit_line=None)

    window = make_window()
    model = window.model

    assert window.windowTitle() == WINDOW_TITLE
    assert not window.showing_empty_state
    assert model.rowCount() == 4
    first = tile(window, 0)
    assert first.title == "Anna Nowak, Jan Kowalski"  # people first
    assert first.credit == "Mike Marsland/WireImage/Getty Images"
    # Checked live when it was written (issue 17 item 5): IIM will cut the 36-byte credit.
    assert first.status == "warning"
    assert tile(window, 3).status == "blocked"  # no credit
    assert model.data(model.index(0)) == "Anna Nowak, Jan Kowalski"
    tooltip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "Łódź derby:\n  fans  light flares" in tooltip
    # Newest first, undated last; without people the caption names the tile.
    assert tile(window, 3).title == "Undated scan"
    assert tile(window, 3).credit == ""
    assert window.status_text == f"4 photos in {archive.folder}"
    assert window.grid.model() is model


def test_pages_load_lazily_and_memory_stays_bounded(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1000)
    window = make_window(show=True)
    model = window.model
    assert model.rowCount() == 1000  # every row exists…
    assert model.loaded_pages == 1  # …but only the first page was read
    assert model.tile(999) is None

    # Asking for the last tile (as painting does) loads its page in the background.
    model.data(model.index(999), TileRole)
    qtbot.waitUntil(lambda: model.tile(999) is not None)
    assert model.loaded_pages == 2

    # Scroll through everything: never more pages than the bound.
    model._max_pages = 3
    for row in range(0, 1000, 200):
        model.data(model.index(row), TileRole)
        qtbot.waitUntil(lambda r=row: model.tile(r) is not None)
    assert model.loaded_pages <= 3
    ids = {model.tile(r).id for r in range(600, 1000)}
    assert len(ids) == 400


def test_scrolling_to_the_end_loads_the_last_page(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 450)
    window = make_window(show=True)
    window.grid.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.tile(449) is not None)


def test_empty_archive_offers_import_and_the_sample(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.showing_empty_state
    assert window.empty.hint.text() == EMPTY_HINT
    assert "creditdesk import FOLDER" in window.empty.hint.text()
    assert not window.empty.import_button.isHidden()
    assert window.model.rowCount() == 0
    assert window.status_text == f"0 photos in {window.services.folder}"


def test_refresh_picks_up_a_new_photo(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 2)
    window = make_window()
    add_photos(archive, 1, caption="Fresh from the wire", taken=datetime(2025, 1, 1))
    assert window.model.rowCount() == 2  # nothing changes until asked
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    assert tile(window, 0).title == "Fresh from the wire"
    assert window.status_text == f"3 photos in {archive.folder}"


def test_f5_refreshes_and_leaves_the_empty_state(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    window = make_window(show=True)
    assert window.actions_.refresh.shortcut() == QKeySequence(Qt.Key.Key_F5)
    assert window.showing_empty_state

    add_photos(archive, 1, caption="First picture")
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert not window.showing_empty_state
    assert window.status_text == f"1 photo in {archive.folder}"


def test_window_closes_without_leaking(qtbot: QtBot, archive: Archive, settings) -> None:  # type: ignore[no-untyped-def]
    add_photos(archive, 3)
    # Not given to a fixture: this test owns the window's whole life.
    window = MainWindow(Services.build(archive), settings)
    model, inspector, reader = window.model, window.inspector, window.reader
    with qtbot.waitExposed(window):
        window.show()
    wait_searched(qtbot, window)
    window.grid.setCurrentIndex(model.index(0))
    qtbot.waitUntil(lambda: inspector.data is not None)

    window.close()
    assert reader.pool.activeThreadCount() == 0
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()

    for obj in (window, model, inspector, reader):
        assert not shiboken6.isValid(obj)  # the window owned them all
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_layout_and_thumbnail_size_are_remembered(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 3)
    window = make_window()
    window.size_slider.setValue(240)
    window.sort.setCurrentIndex(window.sort.findData("-imported"))
    window.inspector_dock.hide()
    window.close()

    again = make_window()
    assert again.grid.edge == 240
    assert again.sort.currentData() == "-imported"
    assert again.model.query == "sort:-imported"
    assert again.inspector_dock.isHidden()


def test_shortcuts(make_window: WindowFactory) -> None:
    window = make_window()
    a = window.actions_
    assert a.import_photos.shortcut() == QKeySequence("Ctrl+I")
    assert a.find.shortcut() == QKeySequence("Ctrl+F")
    assert a.save.shortcut() == QKeySequence("Ctrl+S")
    assert a.undo.shortcut() == QKeySequence("Ctrl+Z")
    assert a.redo.shortcut() == QKeySequence("Ctrl+Shift+Z")
    assert {a.caption.shortcut(), a.people.shortcut(), a.credit.shortcut()} == {
        QKeySequence("Ctrl+E"),
        QKeySequence("Ctrl+P"),
        QKeySequence("Ctrl+R"),
    }
