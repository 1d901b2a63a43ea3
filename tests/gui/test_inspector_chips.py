"""People and keyword chips with several photos selected: a name on only some of them
("partly shared"), removed and added again, ends up on all of them; nothing typed while
a save is in flight is lost."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from gui.main_window import MainWindow
from gui.panels.inspector.keywords import KeywordEditor
from gui.panels.inspector.people import PeopleEditor

from .conftest import WindowFactory
from .test_inspector import details, keyword_three, select, three_different


def remove_chip(editor: PeopleEditor, name: str) -> None:
    editor.list.clearSelection()
    editor.list.item(editor.names().index(name)).setSelected(True)
    editor.remove_selected()


def wait_settled(qtbot: QtBot, window: MainWindow, key: str, name: str) -> None:
    """Until every save has reported back and the reloaded selection has *name* on all."""
    inspector = window.inspector
    qtbot.waitUntil(
        lambda: (
            not inspector.busy and inspector.data is not None and name in inspector.data.in_all(key)
        ),
        timeout=10_000,
    )


def test_removing_and_re_adding_a_partial_keyword_puts_it_on_all(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = keyword_three(archive)  # "bafta" on the first photo only
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    keywords = window.inspector.form.keywords
    assert keywords._partial("bafta") is not None

    remove_chip(keywords, "bafta")  # saved at once: the removal is in flight…
    keywords.add("bafta")  # …when the desk changes its mind: on all three, please
    assert keywords._partial("bafta") is None

    wait_settled(qtbot, window, "keywords", "bafta")
    after = {d["id"]: d["keywords"] for d in details(archive)}
    assert all("bafta" in after[i] for i in ids), after
    assert keywords._partial("bafta") is None and "bafta" in keywords.names()
    assert not window.inspector.dirty


def test_removing_and_re_adding_a_partial_person_puts_them_on_all(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    three_different(archive)  # Kate Winslet on one photo, Olivia Colman on another
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    people = window.inspector.form.people
    assert people._partial("Kate Winslet") is not None

    remove_chip(people, "Kate Winslet")
    people.add("Kate Winslet")

    wait_settled(qtbot, window, "people", "Kate Winslet")
    for detail in details(archive):
        assert "Kate Winslet" in detail["people"]
    assert people._partial("Kate Winslet") is None
    assert people._partial("Olivia Colman") is not None  # untouched: still partly shared


def test_a_keyword_added_while_a_save_is_in_flight_is_written_too(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = keyword_three(archive)
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    keywords = window.inspector.form.keywords
    keywords.add("press room")  # saved at once
    keywords.add("arrivals")  # while that save is in flight

    wait_settled(qtbot, window, "keywords", "arrivals")
    after = {d["id"]: d["keywords"] for d in details(archive)}
    for photo_id in ids:
        assert {"press room", "arrivals"} <= set(after[photo_id])


def test_a_reload_landing_during_a_save_does_not_undo_the_chips(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """The selection read before a save lands after it was sent: it must not make the
    editor think the saved keyword was removed again."""
    ids = keyword_three(archive)
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    inspector, keywords = window.inspector, window.inspector.form.keywords
    gate = threading.Event()
    window.writer.submit(lambda: gate.wait(10))  # the writer is busy elsewhere
    try:
        keywords.add("photocall")  # queued behind it
        generation = inspector._generation
        inspector.reload()  # reads the selection without "photocall"
        qtbot.waitUntil(lambda: not window.reader.busy)
        assert inspector._generation == generation + 1
        assert "photocall" in keywords.names() and keywords.added == ["photocall"]
    finally:
        gate.set()

    wait_settled(qtbot, window, "keywords", "photocall")
    qtbot.wait(200)  # any further save would have been sent by now
    assert not inspector.busy and not inspector.dirty
    after = {d["id"]: d["keywords"] for d in details(archive)}
    assert all("photocall" in after[i] for i in ids)


def test_the_editor_writes_a_re_added_partial_name_to_all(qtbot: QtBot) -> None:
    editor = KeywordEditor()
    qtbot.addWidget(editor)
    editor.show_keywords(["red carpet"], ["red carpet", "bafta"])

    remove_chip(editor, "bafta")
    assert (editor.added, editor.removed) == ([], ["bafta"])
    editor.add("bafta")
    assert (editor.added, editor.removed) == (["bafta"], [])  # now on all of them
    assert editor._partial("bafta") is None

    # A name on all of them, removed and added again: nothing to write.
    remove_chip(editor, "red carpet")
    editor.add("red carpet")
    assert editor.removed == [] and "red carpet" not in editor.added

    # Saved: what was written is the new starting point.
    editor.mark_saved(added=("bafta",), removed=())
    assert not editor.dirty
    remove_chip(editor, "bafta")
    assert editor.removed == ["bafta"]
