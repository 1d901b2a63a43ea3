"""The search bar, the sidebar and the grid working together."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from gui.settings import load_saved_searches
from gui.widgets.query_completer import token_at

from .conftest import WindowFactory, type_text, wait_searched
from .photos import add_photos


def fill(archive: Archive) -> None:
    add_photos(archive, 3, people=("Kate Winslet",), event="BAFTA 2023", caption="Red carpet")
    add_photos(archive, 2, people=("Olivia Colman",), caption="Inside", credit_line=None)
    add_photos(archive, 1, caption="Łódź derby", taken=datetime(2020, 1, 1))


def search(qtbot: QtBot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.search_bar.edit.setText(text)
    window.search_bar.submit()
    wait_searched(qtbot, window)


def test_search_narrows_the_grid(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    fill(archive)
    window = make_window()
    assert window.model.rowCount() == 6

    search(qtbot, window, 'person:"Kate Winslet"')
    assert window.model.rowCount() == 3
    assert {window.model.tile(r).title for r in range(3)} == {"Kate Winslet"}
    assert window.status_text.startswith("3 photos match")

    # Typed as a desk would, accents and all (no keyClicks: PITFALLS.md).
    window.search_bar.edit.clear()
    type_text(window.search_bar.edit, "lodz")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.query == "lodz")
    wait_searched(qtbot, window)
    assert window.model.rowCount() == 1
    assert window.model.tile(0).title == "Łódź derby"

    search(qtbot, window, "nothing-like-this")
    assert window.showing_empty_state
    assert "No photo matches" in window.empty.hint.text()
    assert window.empty.import_button.isHidden()


def test_malformed_query_shows_an_inline_error(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    fill(archive)
    window = make_window()
    bar = window.search_bar

    bar.edit.setText("kate (event:bafta")
    bar.submit()
    assert bar.error.isVisible() or not bar.error.isHidden()
    lines = bar.error.text().splitlines()
    assert lines[0] == "kate (event:bafta"
    caret = lines[1].index("^")
    assert caret == 5 or caret == len(lines[0])  # under the "(" or at the end
    assert window.model.query == ""  # the grid keeps its last good result
    assert window.model.rowCount() == 6

    # An error the archive finds while running the query is shown the same way.
    search(qtbot, window, "status:bogus")
    qtbot.waitUntil(lambda: "status:" in bar.error.text())
    assert "^" in bar.error.text()
    assert window.model.rowCount() == 6

    search(qtbot, window, "kate")
    assert bar.error.isHidden()
    assert window.model.rowCount() == 3


def test_back_and_forward_through_searches(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    fill(archive)
    window = make_window()
    bar = window.search_bar
    search(qtbot, window, "kate")
    search(qtbot, window, "olivia")
    assert window.model.rowCount() == 2
    assert not bar.back.isHidden() and bar.back.isEnabled()

    bar.back.click()
    wait_searched(qtbot, window)
    qtbot.waitUntil(lambda: window.model.query == "kate")
    assert bar.text == "kate"
    assert window.model.rowCount() == 3
    bar.forward.click()
    qtbot.waitUntil(lambda: window.model.query == "olivia")
    assert not bar.forward.isEnabled()


def test_ctrl_f_focuses_the_search_box(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    window = make_window(show=True)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.grid.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_bar.edit.hasFocus())


def test_completion_offers_fields_and_names(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    fill(archive)
    window = make_window()
    completer = window.search_bar.completer
    qtbot.waitUntil(lambda: "Kate Winslet" in completer.names("person"))
    assert "person:" in completer.candidates("pe")
    assert 'person:"Kate Winslet"' in completer.candidates("person:ka")
    assert 'event:"BAFTA 2023"' in completer.candidates("event:ba")
    assert "status:blocked" in completer.candidates("status:")
    assert '-person:"Olivia Colman"' in completer.candidates("-person:ol")
    assert token_at('kate person:"kate wi', 20) == (5, 'person:"kate wi')

    edit = window.search_bar.edit
    edit.setText("kate person:ka")
    edit.setCursorPosition(len(edit.text()))
    completer.insert('person:"Kate Winslet"')
    assert edit.text() == 'kate person:"Kate Winslet" '


def test_sort_order_goes_into_the_query(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    fill(archive)
    window = make_window()
    oldest = window.sort.findData("taken")
    window.sort.setCurrentIndex(oldest)
    qtbot.waitUntil(lambda: window.model.query == "sort:taken")
    wait_searched(qtbot, window)
    assert window.model.tile(0).title == "Łódź derby"  # taken in 2020: the oldest


def test_sidebar_lists_attention_and_facets_and_filters_the_grid(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, settings
) -> None:  # type: ignore[no-untyped-def]
    fill(archive)
    window = make_window()
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: bool(sidebar.entries("People")))
    attention = dict(sidebar.entries("Needs attention"))
    assert attention["Missing credit"] == "no:credit"
    missing = sidebar.section("Needs attention").child(0)
    assert missing.text(1) == "2"
    assert ("Kate Winslet", 'person:"Kate Winslet"') in sidebar.entries("People")
    events = sidebar.section("Events")
    assert events.child(0).text(0) == "BAFTA 2023" and events.child(0).text(1) == "3"

    sidebar._activated(missing)
    qtbot.waitUntil(lambda: window.model.query == "no:credit")
    wait_searched(qtbot, window)
    assert window.model.rowCount() == 2

    # A facet narrows the current search.
    search(qtbot, window, "")
    qtbot.waitUntil(lambda: bool(sidebar.entries("Events")))
    sidebar._activated(sidebar.section("Events").child(0))
    qtbot.waitUntil(lambda: window.model.query == 'event:"BAFTA 2023"')
    wait_searched(qtbot, window)
    assert window.model.rowCount() == 3

    # Saved searches live in QSettings (the test's own file).
    window.add_saved_search("Kate", 'person:"Kate Winslet"')
    assert sidebar.entries("Saved searches") == [("Kate", 'person:"Kate Winslet"')]
    assert [s.name for s in load_saved_searches(settings)] == ["Kate"]


def test_sidebar_counts_follow_the_last_search(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    # The counts come with each finished search (issue 16), and a slower earlier search's
    # counts never replace the later one's.
    fill(archive)
    window = make_window()
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: len(sidebar.entries("People")) == 2)
    for text in ('person:"Kate Winslet"', 'person:"Olivia Colman"'):
        window.search_bar.edit.setText(text)
        window.search_bar.submit()
    wait_searched(qtbot, window)
    qtbot.waitUntil(lambda: [n for n, _ in sidebar.entries("People")] == ["Olivia Colman"])
    qtbot.waitUntil(lambda: not window.reader.busy)
    assert [n for n, _ in sidebar.entries("People")] == ["Olivia Colman"]
    assert window.model.rowCount() == 2
