"""The check dialog: profile, the report as a table, override with a reason, re-check."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from tests.factories import winslet_getty, winslet_wireimage, write_photo

from .conftest import WindowFactory, select_rows
from .photos import add_photos


def import_wire(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    write_photo(folder / "getty.jpg", winslet_getty(), seed=1)
    write_photo(folder / "wireimage.jpg", winslet_wireimage(), seed=2)
    session = ImportSession(archive, [folder], ImportOptions(jobs=1))
    for _ in session.run():
        pass


def test_check_shows_the_report_and_an_override_is_recorded(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    import_wire(archive, tmp_path)
    add_photos(archive, 1, caption="x", credit_line=None)  # no credit: an error
    window = make_window()
    assert window.model.rowCount() == 3

    dialog = window.open_check()
    dialog.ask = lambda _parent, _what: ("Agreed with the picture desk", True)
    qtbot.waitUntil(lambda: dialog.profile.count() > 0)
    assert dialog.profile.currentText() == "editorial-web-GB"
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)

    table = dialog.table
    assert [table.horizontalHeaderItem(c).text() for c in range(6)] == [
        "Photo", "Status", "Rule", "Severity", "Message", "Fix",
    ]  # fmt: skip
    assert table.rowCount() >= 3
    rows = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    # Each photo by number and name, as its tile says it (issue 18 item 7).
    tiles = [window.model.tile(i) for i in range(3)]
    assert {r[0] for r in rows} == {f"{t.id} · {t.title}" for t in tiles}
    errors = [r for r in rows if r[3] == "error"]
    assert errors, rows
    assert "blocked" in dialog.summary.text()

    # The grid's badges follow the stored result.
    qtbot.waitUntil(
        lambda: {window.model.tile(i).status for i in range(3)} != {"unchecked"}, timeout=10_000
    )

    # Override the first error with a reason; the dialog checks again.
    target = next(i for i, r in enumerate(rows) if r[3] == "error")
    photo, rule = rows[target][0], rows[target][2]
    table.selectRow(target)
    assert dialog.override_button.isEnabled()
    first_report = dialog.report
    dialog.override_selected()
    qtbot.waitUntil(lambda: dialog.report is not first_report, timeout=20_000)
    after = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    overridden = [r for r in after if r[0] == photo and r[2] == rule]
    assert overridden and "overridden: Agreed with the picture desk" in overridden[0][4]


def test_check_uses_the_selection(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    add_photos(archive, 4)
    window = make_window()
    select_rows(window, [1, 2])
    dialog = window.open_check()
    qtbot.waitUntil(lambda: dialog.profile.count() > 0)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert {p.id for p in dialog.report.photos} == {
        window.model.tile(1).id,
        window.model.tile(2).id,
    }
