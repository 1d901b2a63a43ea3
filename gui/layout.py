"""The window's layout in QSettings: geometry, docks, thumbnail size, sort order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def restore_layout(window: MainWindow, s: QSettings) -> None:
    geometry, state = s.value("window/geometry"), s.value("window/state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    edge = s.value("grid/edge")
    if edge is not None:
        window.size_slider.setValue(int(edge))
    sort = window.sort.findData(s.value("grid/sort", "-taken"))
    if sort >= 0:
        window.sort.blockSignals(True)  # the first search runs once, with it
        window.sort.setCurrentIndex(sort)
        window.sort.blockSignals(False)


def save_layout(window: MainWindow, s: QSettings) -> None:
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("grid/edge", window.grid.edge)
    s.setValue("grid/sort", window.sort.currentData())
    s.sync()
