"""The inspector's IPTC fields: ‹multiple values›, only changed fields written, in one edit."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from archive.services.history import HistoryService
from archive.services.photos import PhotoService
from gui.panels.inspector.selection import MULTIPLE_VALUES

from .conftest import WindowFactory, type_text
from .photos import add_photos
from .test_inspector import details, select


def test_iptc_fields_show_multiple_values_and_write_only_what_changed(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 2)
    ids = [d["id"] for d in details(archive)]
    EditService(archive.sessions).edit([ids[0]], EditRequest(copyright="© One", city="Paris"))
    EditService(archive.sessions).edit([ids[1]], EditRequest(copyright="© Two", city="Paris"))
    before = {d["id"]: d for d in details(archive)}
    window = make_window(show=True)
    select(qtbot, window, [0, 1])
    iptc = window.inspector.iptc
    assert iptc.editors["copyright"].placeholderText() == MULTIPLE_VALUES
    assert iptc.editors["city"].text() == "Paris"  # the same on both

    alt = iptc.editors["alt_text"]
    alt.setFocus()
    type_text(alt, "Two guests smile on the red carpet")
    code = iptc.editors["country_code"]
    code.setFocus()  # leaving alt text saves it; then the code
    type_text(code, "FR")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.form.headline.setFocus()
    qtbot.waitUntil(lambda: not window.inspector.busy and not window.inspector.dirty)

    after = {d["id"]: d for d in details(archive)}
    for pid in ids:
        assert after[pid]["alt_text"] == "Two guests smile on the red carpet"
        assert (after[pid]["country_code"], after[pid]["country"]) == ("FR", "France")
        assert after[pid]["copyright"] == before[pid]["copyright"]  # ‹multiple values› kept
        assert after[pid]["city"] == "Paris"
        fields = {h.field for h in HistoryService(archive.sessions).history(pid)}
        assert {"alt_text", "country_code", "country"} <= fields
    assert PhotoService(archive.sessions).detail(ids[0])["caption"] == before[ids[0]]["caption"]


def test_apply_an_ingest_preset_to_the_selection_and_undo_it(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    from archive.ingest.presets import Preset
    from archive.ingest.presets_store import PresetService

    add_photos(archive, 2)
    PresetService(archive.sessions).add(
        Preset(name="desk", fields={"copyright": "© Desk", "alt_text": "A picture"})
    )
    window = make_window(show=True)
    select(qtbot, window, [0, 1])
    iptc = window.inspector.iptc
    iptc.preset_combo.refresh()
    iptc.preset_combo.setCurrentText("desk")
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        iptc.preset_button.click()
    assert {d["copyright"] for d in details(archive)} == {"© Desk"}
    with qtbot.waitSignal(window.inspector.saved, timeout=10_000):
        window.inspector.undo()
    assert {d["copyright"] for d in details(archive)} == {None}
