"""View ▸ Collapse versions: one grid cell per picture (issue 20).

The same frame often arrives more than once (Getty and WireImage, a resized re-send, the
pool picture through three wires). With the toggle on, the grid shows each picture once —
the first version the query's order finds, its tile saying "· 3 versions" — and
*Show similar* in the inspector lists the others with their credits and licences. The
choice is kept in the settings, like the window's layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from gui.main_window import MainWindow

SETTING = "grid/collapse_versions"
COUNT_SUFFIX = " · versions collapsed"


def collapsed_on(window: MainWindow) -> bool:
    value = window.settings.value(SETTING, False)
    return value is True or str(value).lower() in ("true", "1")


def add_collapse_action(window: MainWindow, menu: QMenu) -> QAction:
    act = QAction("Collapse &versions (one cell per picture)", window)
    act.setCheckable(True)
    act.setChecked(collapsed_on(window))
    window.services.grid.collapse_versions = act.isChecked()

    def toggled(on: bool) -> None:
        window.settings.setValue(SETTING, on)
        window.services.grid.collapse_versions = on
        window.refresh()

    act.toggled.connect(toggled)
    menu.addAction(act)
    return act
