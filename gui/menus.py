"""The window's actions, menus and shortcuts, in one place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from gui.collapse_toggle import add_collapse_action
from gui.marks import add_mark_menus

if TYPE_CHECKING:
    from gui.main_window import MainWindow


@dataclass(frozen=True)
class Actions:
    import_photos: QAction
    watch: QAction
    check: QAction
    export: QAction
    save: QAction
    undo: QAction
    redo: QAction
    find: QAction
    save_search: QAction
    refresh: QAction
    caption: QAction
    people: QAction
    credit: QAction
    grid: QAction
    quit: QAction
    collapse_versions: QAction | None = None


def build_actions(window: MainWindow) -> Actions:
    def action(text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object) -> QAction:
        act = QAction(text, window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slot)  # type: ignore[arg-type]
        window.addAction(act)  # works with the menu bar hidden too
        return act

    inspector = window.inspector
    actions = Actions(
        import_photos=action("&Import photos…", "Ctrl+I", lambda: window.open_import()),
        watch=action("&Watch folders…", None, lambda: window.open_watch()),
        check=action("&Check before publishing…", "Ctrl+K", window.open_check),
        export=action("Check && &export…", "Ctrl+Shift+E", window.open_export),
        save=action("&Save changes", "Ctrl+S", inspector.save),
        undo=action("&Undo last edit", "Ctrl+Z", inspector.undo),
        redo=action("&Redo", "Ctrl+Shift+Z", inspector.redo),
        find=action("&Find…", "Ctrl+F", window.search_bar.focus),
        save_search=action("Save this search…", "Ctrl+D", window.save_current_search),
        refresh=action("&Refresh", QKeySequence(Qt.Key.Key_F5), window.refresh),
        caption=action("Edit &caption", "Ctrl+E", lambda: window.focus_editor("caption")),
        people=action("Edit &people", "Ctrl+P", lambda: window.focus_editor("people")),
        credit=action("Edit c&redit", "Ctrl+R", lambda: window.focus_editor("credit")),
        grid=action("Go to the &grid", "Ctrl+G", lambda: window.grid.setFocus()),
        quit=action("&Quit", QKeySequence.StandardKey.Quit, window.close),
    )
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.import_photos)
    file_menu.addAction(actions.watch)
    file_menu.addAction(actions.check)
    file_menu.addAction(actions.export)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    for act in (actions.save, actions.undo, actions.redo):
        edit_menu.addAction(act)
    edit_menu.addSeparator()
    for act in (actions.caption, actions.people, actions.credit):
        edit_menu.addAction(act)
    edit_menu.addSeparator()
    add_mark_menus(edit_menu, window.mark_selection)
    edit_menu.addSeparator()
    entities = action(
        "People, &events, photographers && agencies…", "Ctrl+Shift+P", window.open_entities
    )
    edit_menu.addAction(entities)
    search_menu = bar.addMenu("&Search")
    search_menu.addAction(actions.find)
    search_menu.addAction(actions.save_search)
    view_menu = bar.addMenu("&View")
    view_menu.addAction(actions.refresh)
    view_menu.addAction(actions.grid)
    # Space is the grid's own key (gui.views.photo_grid); shown here, not bound twice.
    view_menu.addAction("Open in &loupe\tSpace").triggered.connect(lambda: window.open_loupe())
    collapse = add_collapse_action(window, view_menu)
    view_menu.addSeparator()
    view_menu.addAction(window.sidebar_dock.toggleViewAction())
    view_menu.addAction(window.inspector_dock.toggleViewAction())
    return replace(actions, collapse_versions=collapse)
