"""People, events, photographers and agencies edited in the window (issue 22 item 7):
what the editor sees in the lists and on the tiles after a rename, a merge, an alias or
an event's venue — through the same services as the CLI, so the catalogue agrees."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.people import PeopleService
from archive.services.photos import PhotoService
from archive.services.registries import AgencyService, EventService
from gui.dialogs.entities_dialog import EntitiesDialog, RegistryTab
from gui.main_window import MainWindow

from .conftest import WindowFactory
from .photos import add_photos

BAFTA = "2023 BAFTA Television Awards"


def _fill(archive: Archive) -> None:
    add_photos(archive, 2, people=("Kate Winslet",), event=BAFTA)
    add_photos(archive, 1, people=("K Winslet",), event="Bafta TV 2023")
    ids = [p.id for p in PhotoService(archive.sessions).list_summaries().photos]
    EditService(archive.sessions).edit(
        ids, EditRequest(photographer="Joe Maher", agency="Getty Images")
    )
    EditService(archive.sessions).edit(ids[:1], EditRequest(agency="Northside Pics Ltd"))


def _open(qtbot: QtBot, window: MainWindow) -> EntitiesDialog:
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    item = next(a for a in edit_menu.actions() if a.text().startswith("People, &events"))
    item.trigger()
    dialog = window.entities_dialog
    assert dialog is not None and dialog.isVisible()
    for tab in dialog.pages.values():
        qtbot.waitUntil(lambda t=tab: t.list.count() > 0)
    return dialog


def _settled(qtbot: QtBot, window: MainWindow, tab: RegistryTab, text: str) -> None:
    qtbot.waitUntil(lambda: text in tab.message.text() or tab.message.styleSheet() != "")
    assert text in tab.message.text(), tab.message.text()
    qtbot.waitUntil(lambda: not window.writer.busy and not window.model.searching)


def test_people_rename_alias_and_merge_show_on_the_tiles(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _fill(archive)
    window = make_window()
    dialog = _open(qtbot, window)
    people = dialog.pages["person"]
    assert people.labels() == ["K Winslet (1 photo)", "Kate Winslet (2 photos)"]

    people.select("Kate Winslet")
    people.name.setText("Kate E. Winslet")
    people.rename_button.click()
    _settled(qtbot, window, people, "Renamed Kate Winslet to Kate E. Winslet")
    qtbot.waitUntil(lambda: "Kate E. Winslet (2 photos)" in people.labels())
    qtbot.waitUntil(
        lambda: (
            sorted(window.model.tile(r).title for r in range(3))
            == ["K Winslet", "Kate E. Winslet", "Kate E. Winslet"]
        )
    )
    # The old name stays an alias (PeopleService.rename): captions that say it still match.
    assert people.aliases.text() == "Kate Winslet"

    people.alias.setText("Kate Elizabeth Winslet")
    people.alias_button.click()
    _settled(qtbot, window, people, "Kate Elizabeth Winslet now also finds Kate E. Winslet")
    qtbot.waitUntil(lambda: "Kate Elizabeth Winslet" in people.aliases.text())

    people.select("K Winslet")
    people.merge_target.setCurrentText("Kate E. Winslet")
    people.merge_button.click()
    _settled(qtbot, window, people, "Merged K Winslet into Kate E. Winslet")
    qtbot.waitUntil(lambda: people.labels() == ["Kate E. Winslet (3 photos)"])
    qtbot.waitUntil(lambda: all(window.model.tile(r).title == "Kate E. Winslet" for r in range(3)))
    record = next(p for p in PeopleService(archive.sessions).listing())
    assert "K Winslet" in record.aliases and record.photos == 3

    # Refused with the service's own words, shown in the dialog; nothing changes.
    people.select("Kate E. Winslet")
    people.merge_target.setCurrentText("Kate E. Winslet")
    people.merge_button.click()
    qtbot.waitUntil(lambda: "are the same person" in people.message.text())


def test_an_events_date_venue_city_and_country_are_set_in_the_window(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _fill(archive)
    window = make_window()
    dialog = _open(qtbot, window)
    events = dialog.pages["event"]
    events.select(BAFTA)
    fields = events.event_fields
    fields["start_date"].setText("14/05/2023")  # not ISO: refused, said why
    events.save_button.click()
    qtbot.waitUntil(lambda: "must be YYYY-MM-DD" in events.message.text())
    fields["start_date"].setText("2023-05-14")
    fields["venue"].setText("Royal Festival Hall")
    fields["city"].setText("London")
    fields["country"].setText("United Kingdom")
    events.save_button.click()
    _settled(qtbot, window, events, f"Saved {BAFTA}")
    saved = next(e for e in EventService(archive.sessions).listing() if e["name"] == BAFTA)
    assert (saved["date"], saved["venue"], saved["city"], saved["country"]) == (
        "2023-05-14",
        "Royal Festival Hall",
        "London",
        "United Kingdom",
    )
    # What the desk reads back: the form shows the stored values after the re-read.
    qtbot.waitUntil(lambda: events.event_fields["venue"].text() == "Royal Festival Hall")

    events.select("Bafta TV 2023")
    events.merge_target.setCurrentText(BAFTA)
    events.merge_button.click()
    _settled(qtbot, window, events, f"Merged Bafta TV 2023 into {BAFTA}")
    qtbot.waitUntil(lambda: events.labels() == [f"{BAFTA} (3 photos)"])
    # The merge is undoable from the window, like any edit of photos.
    window.inspector.undo()
    qtbot.waitUntil(
        lambda: (
            {e["name"] for e in EventService(archive.sessions).listing()}
            == {BAFTA, "Bafta TV 2023"}
        )
    )


def test_photographers_and_agencies_rename_and_merge(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    _fill(archive)
    window = make_window()
    dialog = _open(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.pages["photographer"])
    photographers = dialog.pages["photographer"]
    assert photographers.labels() == ["Joe Maher (3 photos)"]
    photographers.select("Joe Maher")
    photographers.name.setText("Joseph Maher")
    photographers.rename_button.click()
    _settled(qtbot, window, photographers, "Renamed Joe Maher to Joseph Maher")
    qtbot.waitUntil(lambda: photographers.labels() == ["Joseph Maher (3 photos)"])

    agencies = dialog.pages["agency"]
    # An agency the rule pack does not know, sent under a second name: merged into one.
    assert agencies.labels() == ["Getty Images (2 photos)", "Northside Pics Ltd (1 photo)"]
    agencies.select("Northside Pics Ltd")
    agencies.merge_target.setCurrentText("Getty Images")
    agencies.merge_button.click()
    _settled(qtbot, window, agencies, "Merged Northside Pics Ltd into Getty Images")
    rows = {a["name"]: a["photos"] for a in AgencyService(archive.sessions).listing()}
    assert rows["Getty Images"] == 3 and "Northside Pics Ltd" not in rows
    qtbot.waitUntil(lambda: agencies.labels() == ["Getty Images (3 photos)"])
