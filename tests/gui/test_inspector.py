"""The inspector: multiple values, writing only what changed, credits, conflicts, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.photos import PhotoService
from gui.main_window import MainWindow
from gui.panels.inspector.selection import MULTIPLE_VALUES

from .conftest import WindowFactory, select_rows, type_text
from .photos import add_photos


def three_different(archive: Archive) -> None:
    add_photos(archive, 1, caption="First caption", people=("Kate Winslet",), event="BAFTA")
    add_photos(archive, 1, caption="Second caption", people=("Olivia Colman",), event="BAFTA")
    add_photos(archive, 1, caption="Third caption", people=(), event=None)


def select(qtbot: QtBot, window: MainWindow, rows: list[int]) -> None:
    inspector = window.inspector
    before = inspector.data
    select_rows(window, rows)
    qtbot.waitUntil(
        lambda: (
            inspector.data is not before
            and inspector.data is not None
            and len(inspector.data.ids) == len(rows)
        )
    )


def details(archive: Archive) -> list[dict]:  # type: ignore[type-arg]
    photos = PhotoService(archive.sessions)
    return [photos.detail(p.id) for p in photos.list_summaries(0, None).photos]


def test_fields_that_differ_show_multiple_values(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    three_different(archive)
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    form = window.inspector.form
    assert form.caption.text == ""
    assert form.caption.placeholderText() == MULTIPLE_VALUES
    assert form.event_field.placeholderText() == MULTIPLE_VALUES
    assert form.credit.line.text() == "Jane Doe/Agency"  # the same on all three
    assert not form.credit.line.multiple
    assert sorted(form.people.names()) == ["Kate Winslet", "Olivia Colman"]  # in some: grey
    assert "3 photos selected" in form.title.text()

    select(qtbot, window, [0])
    assert form.caption.placeholderText() != MULTIPLE_VALUES
    assert form.caption.text in {"First caption", "Second caption", "Third caption"}


def test_editing_the_caption_of_three_photos_writes_only_the_caption(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    three_different(archive)
    before = {d["id"]: d for d in details(archive)}
    window = make_window(show=True)
    select(qtbot, window, [0, 1, 2])
    caption = window.inspector.form.caption
    caption.setFocus()
    type_text(caption, "Kate Winslet at the Łódź première")
    assert window.inspector.dirty
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    after = {d["id"]: d for d in details(archive)}
    assert {d["caption"] for d in after.values()} == {"Kate Winslet at the Łódź première"}
    for photo_id, old in before.items():
        new = after[photo_id]
        for key in ("headline", "people", "event", "credit_line", "photographer", "agency"):
            assert new[key] == old[key], key
        assert new["version"] == old["version"] + 1
        history = HistoryService(archive.sessions).history(photo_id)
        assert [(h.field, h.new) for h in history] == [
            ("caption", "Kate Winslet at the Łódź première")
        ]
    # The tiles follow without a reset of the grid.
    qtbot.waitUntil(lambda: window.model.tile(2).summary.caption.startswith("Kate Winslet"))


def test_leaving_a_changed_field_saves_it(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, caption="Old")
    window = make_window(show=True)
    select(qtbot, window, [0])
    headline = window.inspector.form.headline
    headline.setFocus()
    type_text(headline, "Red carpet arrivals")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.form.caption.setFocus()  # focus out: editingFinished
    assert details(archive)[0]["headline"] == "Red carpet arrivals"
    assert details(archive)[0]["caption"] == "Old"


def test_credit_editor_checks_the_line_against_the_agency(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, credit_line="Mike Marsland/WireImage/Getty Images")
    window = make_window()
    EditService(archive.sessions).edit(
        [window.model.tile(0).id], EditRequest(photographer="Mike Marsland", agency="WireImage")
    )
    select(qtbot, window, [0])
    credit = window.inspector.form.credit
    assert credit.current_agency() == "WireImage"
    assert credit.verdict.text().startswith("✓")

    credit.line.setText("Mike Marsland/Getty")
    assert credit.verdict.text().startswith("✗")
    assert "Expected: Mike Marsland/WireImage/Getty Images" in credit.verdict.text()

    credit.line.setText("Mike Marsland/WireImage/Getty Images")
    assert credit.validate() is None
    assert credit.verdict.text().startswith("✓")


def test_choosing_an_agency_proposes_its_credit_line(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, credit_line=None)
    window = make_window()
    select(qtbot, window, [0])
    credit = window.inspector.form.credit
    credit.photographer.setText("Joe Maher")
    credit.photographer.dirty = True
    credit.agency.setCurrentText("Getty Images")
    credit.agency.activated.emit(credit.agency.currentIndex())
    assert credit.line.text() == "Joe Maher/Getty Images"
    assert credit.request_fields() == {"agency": "Getty Images", "photographer": "Joe Maher"}


def test_a_concurrent_edit_is_a_conflict_not_an_overwrite(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, caption="Original")
    window = make_window()
    select(qtbot, window, [0])
    photo_id = window.inspector.data.ids[0]
    # Another desk saves the same photo after we read it.
    EditService(archive.sessions).edit([photo_id], EditRequest(caption="Theirs"))

    caption = window.inspector.form.caption
    type_text(caption, "Mine")
    window.inspector.save()
    qtbot.waitUntil(lambda: "conflict" in window.inspector.message)
    assert details(archive)[0]["caption"] == "Theirs"
    assert caption.dirty and caption.text == "MineOriginal"  # nothing typed is lost


def test_undo_and_redo_go_through_the_history(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, caption="Before")
    window = make_window()
    select(qtbot, window, [0])
    window.inspector.form.caption.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.inspector.form.caption, " and after")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.save()
    qtbot.waitUntil(lambda: details(archive)[0]["caption"] == "Before and after")
    qtbot.waitUntil(lambda: window.inspector.form.caption.text == "Before and after")

    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.actions_.undo.trigger()
    assert details(archive)[0]["caption"] == "Before"
    qtbot.waitUntil(lambda: window.inspector.form.caption.text == "Before")
    assert window.inspector.form.history.topLevelItemCount() >= 2

    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.actions_.redo.trigger()
    assert details(archive)[0]["caption"] == "Before and after"


def test_codes_are_replaced_as_you_type(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    (archive.folder / "codes.txt").write_text("kw\tKate Winslet\n", encoding="utf-8")
    add_photos(archive, 1, caption="")
    window = make_window()
    select(qtbot, window, [0])
    caption = window.inspector.form.caption
    type_text(caption, "=kw= arrives")
    assert caption.text == "Kate Winslet arrives"


def test_people_are_added_and_suggested_from_the_caption(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1, people=("Kate Winslet",), caption="x")
    add_photos(archive, 1, people=(), caption="Kate Winslet arrives")
    window = make_window()
    row = next(r for r in range(2) if window.model.tile(r).summary.caption != "x")
    select(qtbot, window, [row])
    people = window.inspector.form.people
    qtbot.waitUntil(lambda: not people.suggestions.isHidden())
    photo_id = window.inspector.data.ids[0]
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        people.add("Kate Winslet")
    assert PhotoService(archive.sessions).detail(photo_id)["people"] == ["Kate Winslet"]


def keyword_three(archive: Archive) -> list[int]:
    """Three different photos, all with "red carpet"; only the first with "bafta"."""
    three_different(archive)
    ids = [d["id"] for d in details(archive)]
    edits = EditService(archive.sessions)
    edits.edit(ids, EditRequest(add_keywords=("red carpet",)))
    edits.edit(ids[:1], EditRequest(add_keywords=("bafta",)))
    return ids


def unchanged_except(before: dict, after: dict, *changed: str) -> None:  # type: ignore[type-arg]
    fields = ("caption", "headline", "people", "event", "credit_line", "photographer", "agency")
    for key in (*fields, "keywords", "special_instructions"):
        if key not in changed:
            assert after[key] == before[key], key


def test_keywords_show_the_common_ones_and_adding_one_adds_it_to_all_three(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = keyword_three(archive)
    before = {d["id"]: d for d in details(archive)}
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    keywords = window.inspector.form.keywords
    assert keywords.names() == ["red carpet", "bafta"]  # "bafta" greyed: in one only
    assert keywords._partial("bafta") is not None
    assert keywords._partial("red carpet") is None

    keywords.entry.setFocus()
    type_text(keywords.entry, "Łódź")
    assert window.inspector.request() is None  # nothing added yet
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        qtbot.keyClick(keywords.entry, Qt.Key.Key_Return)

    after = {d["id"]: d for d in details(archive)}
    for photo_id in ids:
        old, new = before[photo_id], after[photo_id]
        assert new["keywords"] == [*old["keywords"], "Łódź"]
        unchanged_except(old, new, "keywords")
        assert new["version"] == old["version"] + 1
        history = HistoryService(archive.sessions).history(photo_id)
        assert history[-1].field == "keywords"
    qtbot.waitUntil(lambda: "Łódź" in keywords.names() and not window.inspector.dirty)


def test_removing_a_common_keyword_removes_it_from_all_and_keeps_the_others(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = keyword_three(archive)
    before = {d["id"]: d for d in details(archive)}
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    keywords = window.inspector.form.keywords
    keywords.list.item(keywords.names().index("red carpet")).setSelected(True)
    inspector = window.inspector
    request = None
    with qtbot.waitSignal(inspector.saved, timeout=10_000):
        keywords.remove_selected()
        request = inspector.request()
    assert request is not None
    assert request.remove_keywords == ("red carpet",) and request.add_keywords == ()
    assert request.expected_versions == {i: before[i]["version"] for i in ids}

    after = {d["id"]: d for d in details(archive)}
    assert after[ids[0]]["keywords"] == ["bafta"]  # the partial keyword stays
    assert after[ids[1]]["keywords"] == after[ids[2]]["keywords"] == []
    for photo_id in ids:
        unchanged_except(before[photo_id], after[photo_id], "keywords")


def test_special_instructions_edited_on_two_photos(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    three_different(archive)
    ids = [d["id"] for d in details(archive)]
    EditService(archive.sessions).edit(
        ids[:1], EditRequest(special_instructions="No use before Monday")
    )
    before = {d["id"]: d for d in details(archive)}
    window = make_window(show=True)
    select(qtbot, window, [0, 1])
    chosen = list(window.inspector.data.ids)
    instructions = window.inspector.form.instructions
    if {before[i]["special_instructions"] for i in chosen} == {None}:
        assert instructions.placeholderText() == "Special instructions"
    else:
        assert instructions.multiple and instructions.text() == ""

    instructions.setFocus()
    type_text(instructions, "Embargo: 20:00 CET — no Łódź edition")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.form.caption.setFocus()  # focus out: editingFinished

    after = {d["id"]: d for d in details(archive)}
    for photo_id in ids:
        if photo_id in chosen:
            assert after[photo_id]["special_instructions"] == (
                "Embargo: 20:00 CET — no Łódź edition"
            )
            unchanged_except(before[photo_id], after[photo_id], "special_instructions")
        else:
            assert after[photo_id] == before[photo_id]
    select(qtbot, window, [0, 1, 2])
    assert instructions.multiple
    select(qtbot, window, [0, 1])
    assert instructions.text() == "Embargo: 20:00 CET — no Łódź edition"
