"""Fixtures for the GUI tests: a real archive in tmp_path, settings in tmp_path (never
the user's), and windows that are closed, deleted and whose pools are drained."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from gui.main_window import MainWindow
from gui.services import Services
from gui.settings import file_settings


@pytest.fixture(autouse=True, scope="session")
def _test_application_names() -> None:
    # Anything that still builds a default QSettings lands under a test name.
    QCoreApplication.setOrganizationName("CreditdeskTests")
    QCoreApplication.setApplicationName("CreditdeskTests")


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive.open(tmp_path / "archive") as opened:
        yield opened


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    stored = file_settings(str(tmp_path / "settings.ini"))
    # The export dialog suggests a bundle in the last export folder: keep it in tmp_path
    # (a test must never write into the user's Documents or home folder).
    exports = tmp_path / "exports"
    exports.mkdir(exist_ok=True)
    stored.setValue("export/folder", str(exports))
    return stored


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, archive: Archive, settings: QSettings) -> Iterator[WindowFactory]:
    windows: list[MainWindow] = []

    def make(wait: bool = True, show: bool = False) -> MainWindow:
        window = MainWindow(Services.build(archive), settings, import_jobs=1)
        windows.append(window)
        if show:
            with qtbot.waitExposed(window):
                window.show()
        if wait:
            wait_searched(qtbot, window)
        return window

    yield make
    for window in windows:
        if shiboken6.isValid(window):
            pools = [window.reader.pool, window.writer.pool, window.exporter.pool]
            pools.append(window.loader.pool)
            window.close()
            window.shutdown()
            # The thread pools are drained: nothing still reads the catalogue.
            assert all(p.activeThreadCount() == 0 for p in pools)
            window.deleteLater()
    flush_deletes()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def wait_searched(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Until the grid's query has come back (first page in)."""
    qtbot.waitUntil(lambda: not window.model.searching, timeout=timeout)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, non-ASCII too (qtbot.keyClicks aborts on it: PITFALLS.md)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def select_rows(window: MainWindow, rows: list[int]) -> None:
    selection = window.grid.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.model.index(row), selection.SelectionFlag.Select)
