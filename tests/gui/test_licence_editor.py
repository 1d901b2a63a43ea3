"""Editing the licence from the inspector: the dialog, the core's validation shown inline,
‹multiple values› with only changed fields written, and what refreshes afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from archive.db.models import Photo
from archive.errors import UsageError
from archive.handle import Archive
from archive.services.history import HistoryService
from archive.services.licences import LicenceChange, LicenceService
from archive.services.profiles import territory, uses
from gui.main_window import MainWindow
from gui.panels.inspector.licence_dialog import LicenceDialog
from gui.panels.inspector.selection import MULTIPLE_VALUES

from .conftest import WindowFactory
from .photos import add_photos
from .test_inspector import details, select


def open_dialog(qtbot: QtBot, window: MainWindow) -> LicenceDialog:
    button = window.inspector.form.licence_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.inspector.licence_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def core_message(check: Any, value: str) -> str:
    with pytest.raises(UsageError) as refused:
        check(value)
    return str(refused.value)


def attention(window: MainWindow, name: str) -> str:
    section = window.sidebar.section("Needs attention")
    rows = (section.child(i) for i in range(section.childCount()))
    return next((row.text(1) for row in rows if row.text(0) == name), "")


def test_editing_the_licence_of_one_photo(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1)
    window = make_window(show=True)
    select(qtbot, window, [0])
    photo_id = window.inspector.data.ids[0]
    qtbot.waitUntil(lambda: attention(window, "Expiring licences") == "0")
    assert not window.inspector.form.restrictions.unparsed()

    dialog = open_dialog(qtbot, window)
    assert dialog.kind.currentText() == "(not stated)"
    assert not dialog.ok_button.isEnabled()  # nothing changed yet
    dialog.kind.setCurrentIndex(dialog.kind.findData("rights-managed"))
    qtbot.keyClicks(dialog.uses, "editorial, WEB")
    qtbot.keyClicks(dialog.territories, "GB, france")
    expiry = QDateTime.currentDateTimeUtc().addDays(3)
    dialog.valid_until.set_value(expiry)
    qtbot.keyClicks(dialog.restrictions, "Mandatory credit")
    assert dialog.field_errors() == {}
    assert dialog.ok_button.isEnabled()

    with qtbot.waitSignal(window.inspector.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert saved.args == [[photo_id]]
    qtbot.waitUntil(lambda: not dialog.isVisible())

    licence = details(archive)[0]["licence"]
    assert licence["kind"] == "rights-managed"
    assert licence["uses"] == ["editorial", "web"]
    assert licence["excluded_territories"] == ["GB", "FR"]
    assert licence["valid_until"].startswith(expiry.toString("yyyy-MM-ddTHH:mm"))
    assert [r["text"] for r in licence["restrictions"]] == ["Mandatory credit"]
    fields = {h.field for h in HistoryService(archive.sessions).history(photo_id)}
    assert {"licence.kind", "licence.uses", "licence.excluded_territories"} <= fields
    assert {"licence.valid_until", "licence.restrictions"} <= fields

    # The inspector, and the sidebar's "needs attention" counts, follow.
    restrictions = window.inspector.form.restrictions
    qtbot.waitUntil(lambda: "rights-managed" in restrictions.item(0).text())
    assert "not in GB, FR" in restrictions.item(0).text()
    qtbot.waitUntil(lambda: attention(window, "Expiring licences") == "1")


def test_values_the_core_refuses_are_shown_inline_and_hold_ok(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1)
    window = make_window(show=True)
    select(qtbot, window, [0])
    dialog = open_dialog(qtbot, window)

    qtbot.keyClicks(dialog.territories, "GB, Narnia")
    assert dialog.territories_error.isVisibleTo(dialog)
    assert dialog.territories_error.text() == core_message(territory, "Narnia")
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.uses, "editorial, telepathy")
    assert dialog.uses_error.text() == core_message(uses, "editorial, telepathy")

    dialog.territories.clear()
    qtbot.keyClicks(dialog.territories, "GB")
    dialog.uses.clear()
    qtbot.keyClicks(dialog.uses, "editorial")
    assert not dialog.territories_error.isVisibleTo(dialog)
    assert not dialog.uses_error.isVisibleTo(dialog)
    assert dialog.ok_button.isEnabled()

    # An expiry before the start is refused too.
    dialog.valid_from.set_value(QDateTime.currentDateTimeUtc())
    dialog.valid_until.set_value(QDateTime.currentDateTimeUtc().addDays(-2))
    assert dialog.dates_error.isVisibleTo(dialog) and not dialog.ok_button.isEnabled()
    dialog.valid_until.clear()  # no expiry
    assert dialog.valid_until.edit.text() == "No date"
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def licensed_three(archive: Archive) -> list[int]:
    """Three photos excluded from GB; kinds and expiry dates differ."""
    add_photos(archive, 3)
    ids = [d["id"] for d in details(archive)]
    service = LicenceService(archive.sessions)
    service.edit(ids, LicenceChange(exclude_territories=("GB",), uses="editorial"))
    service.edit(ids[:1], LicenceChange(kind="rights-managed", valid_until="2031-01-01"))
    service.edit(ids[1:], LicenceChange(kind="royalty-free", valid_until="2032-06-30T12:00"))
    return ids


def test_several_photos_show_multiple_values_and_only_changed_fields_are_written(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = licensed_three(archive)
    before = {d["id"]: d["licence"] for d in details(archive)}
    window = make_window(show=True)
    select(qtbot, window, [0, 1, 2])
    dialog = open_dialog(qtbot, window)

    assert dialog.kind.currentText() == MULTIPLE_VALUES
    assert dialog.valid_until.edit.text() == MULTIPLE_VALUES
    assert dialog.territories.text() == "GB" and dialog.uses.text() == "editorial"
    assert dialog.valid_from.edit.text() == "No date"

    embargo = QDateTime.fromString("2030-03-01T09:30:00Z", Qt.DateFormat.ISODate)
    dialog.valid_from.set_value(embargo)
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        dialog.accept()

    after = {d["id"]: d["licence"] for d in details(archive)}
    history = HistoryService(archive.sessions)
    for photo_id in ids:
        old, new = before[photo_id], after[photo_id]
        assert new["valid_from"] == "2030-03-01T09:30:00+00:00"
        for key in ("kind", "uses", "excluded_territories", "valid_until", "restrictions"):
            assert new[key] == old[key], key
        last = history.history(photo_id)[-1]
        batch = [h.field for h in history.history(photo_id) if h.batch == last.batch]
        assert batch == ["licence.valid_from"]

    # The excluded territories typed are what every photo gets.
    select(qtbot, window, [0, 1, 2])
    dialog = open_dialog(qtbot, window)
    dialog.territories.clear()
    qtbot.keyClicks(dialog.territories, "us")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        dialog.accept()
    assert {tuple(d["licence"]["excluded_territories"]) for d in details(archive)} == {("US",)}


def test_an_error_from_the_core_is_shown_in_the_dialog(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, monkeypatch: Any
) -> None:
    add_photos(archive, 1)
    window = make_window(show=True)
    select(qtbot, window, [0])
    dialog = open_dialog(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("staff"))

    def refuse(ids: list[int], change: LicenceChange, **_: Any) -> Any:
        raise ValueError("the catalogue is read-only")

    monkeypatch.setattr(window.services.licences, "edit", refuse)
    dialog.accept()
    qtbot.waitUntil(lambda: "read-only" in dialog.message_text)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    monkeypatch.undo()

    # A real one: the photo was deleted by another desk meanwhile.
    photo_id = window.inspector.data.ids[0]
    with archive.sessions.begin() as s:
        s.delete(s.get(Photo, photo_id))
    dialog.accept()
    qtbot.waitUntil(lambda: f"no photo with id {photo_id}" in dialog.message_text)
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_licence_saved_meanwhile_by_another_desk_is_a_conflict(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 1)
    window = make_window(show=True)
    select(qtbot, window, [0])
    photo_id = window.inspector.data.ids[0]
    dialog = open_dialog(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("staff"))
    # Another desk changes the same photo's licence after this one loaded it.
    LicenceService(archive.sessions).edit([photo_id], LicenceChange(kind="rights-managed"))
    dialog.accept()
    qtbot.waitUntil(lambda: "Not saved" in dialog.message_text, timeout=10_000)
    assert "version" in dialog.message_text.lower() or "conflict" in dialog.message_text.lower()
    assert details(archive)[0]["licence"]["kind"] == "rights-managed"  # theirs stands
    assert dialog.isVisible()
    dialog.reject()
