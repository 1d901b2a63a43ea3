"""A selection of several photos in the inspector (issue 18 item 5): who is on all of them
and who on some (with counts), and a preview of several pictures, not only the first."""

from __future__ import annotations

from PIL import Image
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.photos import PhotoService
from gui.panels.inspector.people import NAME_ROLE, PARTIAL_ROLE

from .conftest import WindowFactory
from .photos import add_photos
from .test_inspector import select


def _people_three(archive: Archive) -> None:
    add_photos(archive, 1, people=("Kate Winslet", "Mia Threapleton"))
    add_photos(archive, 1, people=("Kate Winslet", "Mia Threapleton"))
    add_photos(archive, 1, people=("Kate Winslet",))


def _chips(window) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    lst = window.inspector.form.people.list
    items = [lst.item(i) for i in range(lst.count())]
    return [(i.text(), i.data(NAME_ROLE) or i.text(), bool(i.data(PARTIAL_ROLE))) for i in items]


def test_people_on_all_and_on_some_are_told_apart_with_counts(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _people_three(archive)
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    people = window.inspector.form.people
    assert _chips(window) == [
        ("Kate Winslet", "Kate Winslet", False),
        ("Mia Threapleton · 2 of 3", "Mia Threapleton", True),
    ]
    assert people.legend.isVisibleTo(window)
    assert people.legend.text() == "1 on all 3 photos · 1 on some (grey)"
    assert people.list.item(1).toolTip().startswith("On 2 of the 3 selected photos")
    assert people.names() == ["Kate Winslet", "Mia Threapleton"]  # names, not the counts

    select(qtbot, window, [0])
    assert not people.legend.isVisibleTo(window)  # one photo: nothing to tell apart


def test_making_a_partial_name_whole_puts_it_on_every_photo(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _people_three(archive)
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    ids = list(window.inspector.data.ids)
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.form.people.add("Mia Threapleton")
    assert _chips(window)[1] == ("Mia Threapleton", "Mia Threapleton", False)
    photos = PhotoService(archive.sessions)
    assert all("Mia Threapleton" in photos.detail(i)["people"] for i in ids)


def test_keywords_show_counts_too(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _people_three(archive)
    ids = [p.id for p in PhotoService(archive.sessions).list_summaries(0, None).photos]
    EditService(archive.sessions).edit(ids[:1], EditRequest(add_keywords=("bafta",)))
    window = make_window()
    select(qtbot, window, [0, 1, 2])
    keywords = window.inspector.form.keywords.list
    assert keywords.item(0).text() == "bafta · 1 of 3"


def test_the_preview_shows_several_selected_pictures(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 5)
    photos = PhotoService(archive.sessions).list_summaries(0, None).photos
    colours = ["red", "green", "blue", "yellow", "white"]
    for photo, colour in zip(photos, colours, strict=True):
        thumb = archive.thumbnail_path(photo.sha256)
        thumb.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (160, 120), colour).save(thumb, "JPEG")
    window = make_window()
    preview = window.inspector.form.preview
    select(qtbot, window, [0, 1, 2, 3, 4])
    qtbot.waitUntil(lambda: preview.loaded)
    assert preview.shown == 4  # the first four of five, side by side
    assert preview.toolTip() == "5 photos (the first 4 shown)"
    select(qtbot, window, [1])
    qtbot.waitUntil(lambda: preview.loaded)
    assert preview.shown == 1


def test_the_inspector_fits_a_narrow_dock(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """No section may widen the inspector past the dock the screenshots use (440 px): the
    source-type chooser's long NewsCodes words once pushed the Template button out of view."""
    _people_three(archive)
    window = make_window()
    select(qtbot, window, [0])
    assert window.inspector.form.minimumSizeHint().width() <= 420
