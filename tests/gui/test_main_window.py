"""The main window over a real archive in tmp_path (offscreen, pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from archive.db.models import Photo
from archive.handle import Archive
from archive.records import PhotoPage
from archive.services.photos import PhotoService
from gui.main_window import EMPTY_HINT, WINDOW_TITLE, MainWindow
from gui.models.photo_table import PAGE_SIZE, PhotoSource, PhotoTableModel

from .photos import add_photos


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive.open(tmp_path / "archive") as opened:
        yield opened


class CountingService:
    """The real service, recording each page request, to prove the model pages."""

    def __init__(self, archive: Archive) -> None:
        self._service = PhotoService(archive.sessions)
        self.calls: list[tuple[int, int | None]] = []

    def list_summaries(self, offset: int = 0, limit: int | None = 100) -> PhotoPage:
        self.calls.append((offset, limit))
        return self._service.list_summaries(offset=offset, limit=limit)


def make_window(qtbot: QtBot, archive: Archive, service: PhotoSource | None = None) -> MainWindow:
    model = PhotoTableModel(service or PhotoService(archive.sessions))
    window = MainWindow(model, archive.folder)
    qtbot.addWidget(window)
    return window


def cell(window: MainWindow, row: int, column: int) -> str:
    return window.model.data(window.model.index(row, column))


def test_window_lists_the_archive_photos(qtbot: QtBot, archive: Archive) -> None:
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
    add_photos(archive, 1, taken=None, caption="Undated scan")

    window = make_window(qtbot, archive)
    model = window.model

    assert window.windowTitle() == WINDOW_TITLE
    assert not window.showing_empty_state
    assert model.rowCount() == 4
    assert model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["ID", "Taken", "People", "Event", "Credit line", "Caption"]
    # Newest first, undated last (the service's order).
    assert [cell(window, 0, c) for c in range(1, 6)] == [
        "2024-06-02 20:45:00",
        "Anna Nowak, Jan Kowalski",
        "Derby of Łódź",
        "Mike Marsland/WireImage/Getty Images",
        "Łódź derby: fans light flares",
    ]
    assert cell(window, 0, 0) == str(model.summary(0).id)
    # The cell is one line; the tooltip keeps the caption as written.
    tooltip = model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Łódź derby:\n  fans  light flares"
    assert cell(window, 3, 1) == ""
    assert cell(window, 3, 5) == "Undated scan"
    assert window.status_text == f"4 photos in {archive.folder}"
    assert window.table.model() is model


def test_model_fetches_pages_lazily(qtbot: QtBot, archive: Archive) -> None:
    add_photos(archive, 450)
    service = CountingService(archive)
    window = make_window(qtbot, archive, service)
    model = window.model

    # Only the first page is loaded up front, never the whole catalogue.
    assert service.calls == [(0, PAGE_SIZE)]
    assert model.total == 450
    assert model.rowCount() == 200
    assert model.canFetchMore()
    assert window.status_text == f"450 photos in {archive.folder}"

    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    model.fetchMore()  # a stray call past the end is harmless
    assert model.rowCount() == 450
    assert service.calls == [(0, 200), (200, 200), (400, 200)]
    ids = [model.summary(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == 450


def test_scrolling_to_the_end_fetches_the_next_page(qtbot: QtBot, archive: Archive) -> None:
    add_photos(archive, 450)
    window = make_window(qtbot, archive)
    with qtbot.waitExposed(window):
        window.show()
    assert window.model.rowCount() == 200

    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.rowCount() == 400)


def test_rows_never_exceed_the_total_when_photos_vanish(qtbot: QtBot, archive: Archive) -> None:
    add_photos(archive, 250)
    window = make_window(qtbot, archive)
    model = window.model
    assert model.rowCount() == 200
    with archive.sessions.begin() as s:
        s.execute(delete(Photo).where(Photo.id > 10))

    model.fetchMore()  # the next page comes back empty: stop asking
    assert model.rowCount() == 200
    assert not model.canFetchMore()
    window.refresh()
    assert model.rowCount() == 10
    assert window.status_text == f"10 photos in {archive.folder}"


def test_empty_archive_shows_the_hint(qtbot: QtBot, archive: Archive) -> None:
    window = make_window(qtbot, archive)
    assert window.showing_empty_state
    assert window.empty_hint.text() == EMPTY_HINT
    assert "creditdesk import FOLDER" in window.empty_hint.text()
    assert window.model.rowCount() == 0
    assert window.status_text == f"0 photos in {archive.folder}"


def test_refresh_picks_up_a_new_photo(qtbot: QtBot, archive: Archive) -> None:
    add_photos(archive, 2)
    window = make_window(qtbot, archive)
    assert window.model.rowCount() == 2

    add_photos(archive, 1, caption="Fresh from the wire", taken=datetime(2025, 1, 1))
    assert window.model.rowCount() == 2  # nothing changes until asked
    window.refresh()
    assert window.model.rowCount() == 3
    assert cell(window, 0, 5) == "Fresh from the wire"
    assert window.status_text == f"3 photos in {archive.folder}"


def test_f5_refreshes_and_leaves_the_empty_state(qtbot: QtBot, archive: Archive) -> None:
    window = make_window(qtbot, archive)
    assert window.refresh_action.shortcut() == QKeySequence(Qt.Key.Key_F5)
    with qtbot.waitExposed(window):
        window.show()
    assert window.showing_empty_state

    add_photos(archive, 1, caption="First picture")
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert not window.showing_empty_state
    assert window.status_text == f"1 photo in {archive.folder}"


def test_window_closes_without_leaking(qtbot: QtBot, archive: Archive) -> None:
    add_photos(archive, 3)
    # Not given to qtbot: this test owns the window's whole life.
    window = MainWindow(PhotoTableModel(PhotoService(archive.sessions)), archive.folder)
    model = window.model
    with qtbot.waitExposed(window):
        window.show()

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()

    assert not shiboken6.isValid(window)
    assert not shiboken6.isValid(model)  # the window owned its model
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
