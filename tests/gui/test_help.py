"""The Help menu: what a new desk member reads — the shortcuts actually bound, the query
language with examples the parser accepts, and About with the installed version."""

from __future__ import annotations

from importlib.metadata import version

from pytestqt.qtbot import QtBot

from archive.search import parse_query
from gui.help import QUERY_EXAMPLES

from .conftest import WindowFactory


def _help_menu(window):  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Help"  # last, where every desktop app keeps it
    return window.menuBar().actions()[-1].menu()


def test_help_menu_lists_the_shortcuts_that_are_bound(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    items = [a.text() for a in _help_menu(window).actions() if a.text()]
    assert items == ["&Keyboard shortcuts", "&Search language", "&About Creditdesk"]
    window.help_menu.shortcuts.trigger()
    dialog = window.help_menu.dialogs["shortcuts"]
    assert dialog.isVisible()
    text = dialog.text
    # Every bound action is listed with its keys, as the window has them.
    for act in window.actions():
        keys = act.shortcut().toString()
        if keys:
            assert keys in text, keys
    for line in ("Ctrl+S", "Save changes", "Ctrl+Z", "Ctrl+K", "F5"):
        assert line in text
    assert "Rate the selection 1 to 5 stars" in text and "6 / 7 / 8 / 9" in text
    assert "Open the picture in the loupe" in text


def test_query_help_shows_examples_the_parser_accepts(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    window.help_menu.queries.trigger()
    text = window.help_menu.dialogs["queries"].text
    assert "rating:>=3" in text and "label:green OR label:blue" in text
    assert 'person:"Kate Winslet"' in text
    for query, what in QUERY_EXAMPLES:
        assert query in text and what in text
        parse_query(query)  # raises QueryError if the help taught a query that fails


def test_about_names_the_installed_version(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    window.help_menu.about.trigger()
    box = window.help_menu.about_box
    assert box is not None and box.isVisible()
    assert f"Creditdesk {version('creditdesk')}" in box.text()
    # Issue 21: the licences of the bundled libraries and where the archive lives.
    assert "GPL-3.0-or-later" in box.text() and "python-exiv2" in box.text()
    assert "LGPL-3.0-only" in box.text()  # PySide6
    assert str(window.services.archive.folder) in box.text()
    box.close()
