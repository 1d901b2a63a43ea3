"""The composition root end to end, in process: open, show the window, quit, clean up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from gui.app import main
from gui.main_window import MainWindow

from .photos import add_photos


def test_main_shows_the_archive_and_exits_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    with Archive.open(folder) as archive:
        add_photos(archive, 3)
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].model.searching:
            QTimer.singleShot(50, look_and_quit)  # the first page is read off-thread
            return
        seen["windows"] = len(windows)
        if windows:
            seen["rows"] = windows[0].model.rowCount()
            seen["status"] = windows[0].status_text
            windows[0].close()  # the last window closing ends app.exec()

    QTimer.singleShot(200, look_and_quit)
    # main() keeps its layout in QSettings: under the test organisation (conftest).
    assert main(["--archive", str(folder)]) == 0

    assert seen == {"windows": 1, "rows": 3, "status": f"3 photos in {folder}"}
