"""Issue 22 item 1 in the window: the check dialog's override is refused when the finding is
gone by the time it is written, and an override whose facts changed shows its finding again,
"override no longer applies", in the dialog, on the tile and in the inspector."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.services.licences import LicenceChange, LicenceService
from tests.gui.conftest import WindowFactory, select_rows
from tests.gui.test_stale_check import import_sample, tile_status


def test_override_in_the_dialog_is_refused_without_a_finding_and_lapses(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = import_sample(archive)
    uk = ids["04-uk-out"]
    window = make_window()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(ids), timeout=20_000)
    select_rows(window, [window.model.row_of(uk)])
    dialog = window.open_check()
    dialog.ask = lambda _p, _w: ("Cleared with Shutterstock for GB, ref 4471", True)
    qtbot.waitUntil(lambda: dialog.profile.count() > 0)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    table = dialog.table

    def rows() -> list[list[str]]:
        return [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]

    (row,) = [r for r, cells in enumerate(rows()) if cells[2] == "territory"]
    table.selectRow(row)
    first = dialog.report
    dialog.override_selected()
    qtbot.waitUntil(lambda: dialog.report is not first, timeout=20_000)
    assert "overridden: Cleared with Shutterstock" in rows()[row][4]
    qtbot.waitUntil(lambda: tile_status(window, uk) == "overridden", timeout=10_000)

    # France is excluded too (another desk, the CLI): the override was not given for that.
    LicenceService(archive.sessions).edit([uk], LicenceChange(exclude_territories=("FR",)))
    first = dialog.report
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not first, timeout=20_000)
    (cells,) = [c for c in rows() if c[2] == "territory"]
    assert "override no longer applies" in cells[4] and "ref 4471" in cells[4]
    assert "overridden:" not in cells[4] and cells[1] == "blocked"
    table.selectRow(next(r for r, c in enumerate(rows()) if c[2] == "territory"))
    assert dialog.override_button.isEnabled()  # it can be overridden again, for the new facts
    window.refresh()
    qtbot.waitUntil(lambda: tile_status(window, uk) == "blocked", timeout=10_000)
    select_rows(window, [window.model.row_of(uk)])
    qtbot.waitUntil(
        lambda: "override no longer applies" in window.inspector.form.status.toolTip(),
        timeout=10_000,
    )

    # A finding that went away before the override was written: refused, and said so.
    LicenceService(archive.sessions).edit([uk], LicenceChange(clear_restrictions=True))
    LicenceService(archive.sessions).edit([uk], LicenceChange(include_territories=("GB", "FR")))
    table.selectRow(next(r for r, c in enumerate(rows()) if c[2] == "territory"))
    dialog.override_selected()
    qtbot.waitUntil(lambda: "has no territory finding" in dialog.summary.text(), timeout=20_000)


def test_the_check_dialog_says_what_export_writes_about_the_rights(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Issue 22 item 3, shown in the check: the photo's cell names the usage terms and the
    agency's default copyright the export will write."""
    ids = import_sample(archive)
    getty = ids["01-getty"]
    window = make_window()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(ids), timeout=20_000)
    select_rows(window, [window.model.row_of(getty)])
    dialog = window.open_check()
    qtbot.waitUntil(lambda: dialog.profile.count() > 0)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    tip = dialog.table.item(0, 0).toolTip()
    assert "Export writes copyright: 2026 Getty Images (agency default)" in tip
    assert "Export writes usage terms: Editorial use only." in tip
