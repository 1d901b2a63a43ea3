"""Issue 18 (a photo editor's first working day, in the window) and issue 17 item 5 (live
check badges): each test asserts what the user sees — text, badges, selection, focus,
geometry — on the bundled sample event, imported for real."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.text import possessive
from gui.main_window import MainWindow
from gui.views.tile_delegate import BADGE_LABELS, credit_text
from tests.factories import desk_ready
from tests.gui.conftest import WindowFactory, select_rows, type_text

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


def import_sample(archive: Archive) -> None:
    session = ImportSession(
        archive, sorted(SAMPLE.glob("*.jpg")), ImportOptions(event="Sample Premiere", jobs=1)
    )
    list(session.run())
    assert not session.report.failed
    desk_ready(archive, list(session.report.photo_ids))


def row_of(window: MainWindow, stem: str) -> int:
    for row in range(window.model.rowCount()):
        tile = window.model.tile(row)
        if tile is not None and tile.summary.stored_path and stem in _sources(window, tile.id):
            return row
    raise AssertionError(stem)


def _sources(window: MainWindow, pid: int) -> str:
    return " ".join(window.services.photos.detail(pid)["source_paths"])


def attention(window: MainWindow) -> dict[str, str]:
    section = window.sidebar.section("Needs attention")
    return {section.child(i).text(0): section.child(i).text(1) for i in range(section.childCount())}


def test_badges_and_blocked_count_right_after_an_import_in_the_window(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """Issue 17 item 5 / issue 18 item 6: imported through the window, every tile has its
    badge at once and *Blocked* says 3, as `check` does; the inspector names the rule."""
    window = make_window()
    dialog = window.open_import([str(p) for p in sorted(SAMPLE.glob("*.jpg"))], start=True)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=20_000)
    qtbot.waitUntil(
        lambda: all((t := window.model.tile(r)) and t.status != "unchecked" for r in range(12)),
        timeout=20_000,
    )
    statuses = [window.model.tile(r).status for r in range(12)]
    # As imported: the three rights problems plus the credits the engine flags (issue 12:
    # Getty's own "Getty Images" + By-line drops the photographer, sample 03 drops WireImage).
    blocked = statuses.count("blocked")
    assert blocked >= 4
    assert window.model.tile(row_of(window, "03-wireimage-short")).status == "blocked"
    assert window.model.tile(row_of(window, "06-reuters")).status != "blocked"
    qtbot.waitUntil(lambda: attention(window).get("Blocked") == str(blocked), timeout=20_000)

    embargo = row_of(window, "05-embargo")
    select_rows(window, [embargo])
    qtbot.waitUntil(lambda: window.inspector.data is not None, timeout=10_000)
    status = window.inspector.form.status
    assert status.text().startswith("✖ Blocked: ") and "embargo" in status.text()
    assert "EMBARGOED UNTIL" in status.toolTip()


def test_check_report_dedupes_names_photos_keeps_its_order_and_refuses_hard_overrides(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Items 7, 9 and 13."""
    import_sample(archive)
    window = make_window(show=True)
    select_rows(window, [row_of(window, s) for s in ("04-uk-out", "05-embargo", "01-getty")])
    dialog = window.open_check()
    dialog.ask = lambda _p, _w: ("Cleared with Shutterstock, ref 12", True)
    qtbot.waitUntil(lambda: dialog.profile.count() > 0)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    rules = [r[2] for r in rows]
    assert rules.count("territory") == 1 and rules.count("embargo") == 1  # said once each
    assert "3 photos" in dialog.summary.text() and "1 warnings" not in dialog.summary.text()
    uk = next(r for r, row in enumerate(rows) if row[2] == "territory")
    assert rows[uk][0].endswith("· Ines Calloway")  # by number and name
    assert not table.item(uk, 0).icon().isNull()  # and thumbnail

    embargo = next(r for r, row in enumerate(rows) if row[2] == "embargo")
    table.selectRow(embargo)
    assert rows[embargo][3] == "error (hard)"
    assert not dialog.override_button.isEnabled()
    assert "cannot be overridden" in dialog.override_button.toolTip()

    # Override the territory: the rows keep their order and the selection stays on it.
    table.selectRow(uk)
    first = dialog.report
    dialog.override_selected()
    qtbot.waitUntil(lambda: dialog.report is not first, timeout=20_000)
    after = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    assert [r[0] for r in after] == [r[0] for r in rows]
    assert table.currentRow() == uk and "overridden" in after[uk][4]
    # Its tile gets its own badge, not the green tick of a clear picture.
    pid = int(rows[uk][0].split(" · ")[0])
    row = window.model.row_of(pid)
    qtbot.waitUntil(lambda: window.model.tile(row).status == "overridden", timeout=10_000)
    assert BADGE_LABELS["overridden"] != BADGE_LABELS["clear"]

    # Closing the dialog gives the keyboard back to the window: Ctrl+Shift+E works at once.
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.grid.hasFocus() or QApplication.focusWidget() is window.grid)
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.export_dialog is not None and window.export_dialog.isVisible())


def test_export_the_clear_ones_and_leave_the_blocked(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    """Items 8 and 11: a button for the clear pictures; the result lists the blocked ones
    and each file with its photo; the folder used is remembered."""
    import_sample(archive)
    window = make_window()
    rows = [row_of(window, s) for s in ("01-getty", "04-uk-out", "06-reuters")]
    select_rows(window, rows)
    dialog = window.open_export()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert not dialog.export_button.isEnabled()
    button = dialog.export_clear_button
    assert button.isVisibleTo(dialog) and button.text() == (
        "Export the 2 clear pictures, leave the 1 blocked"
    )
    folder = tmp_path / "desk"
    folder.mkdir()
    dialog.destination.setText(str(folder / "premiere"))
    button.click()
    qtbot.waitUntil(lambda: dialog.export_result is not None, timeout=60_000)
    view = dialog.result_view
    files = [view.files_list.item(i).text() for i in range(view.files_list.count())]
    pictures = [f for f in files if "← photo" in f]
    assert len(pictures) == 2 and all("_id" in f.split("  ←")[0] for f in pictures)
    skipped = [view.skipped_list.item(i).text() for i in range(view.skipped_list.count())]
    assert len(skipped) == 1 and "Ines Calloway" in skipped[0] and "GB" in skipped[0]
    assert window.settings.value("export/folder") == str(folder)


def test_inspector_follows_the_result_and_says_what_is_modified_and_saved(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Items 3 and 4."""
    import_sample(archive)
    window = make_window(show=True)
    select_rows(window, [row_of(window, "01-getty")])
    qtbot.waitUntil(lambda: window.inspector.data is not None, timeout=10_000)
    inspector, form = window.inspector, window.inspector.form
    version = inspector.data.details[0]["version"]
    form.headline.setFocus()
    form.headline.selectAll()
    type_text(form.headline, "Arrivals")
    state = inspector.save_state.label
    assert state.text().startswith("● 1 field modified") and form.headline.property("modified")
    form.caption.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: state.text().startswith("✓ Saved at"), timeout=10_000)
    assert f"version {version + 1}" in state.text()  # one version for one edit
    assert not form.headline.property("modified")
    qtbot.waitUntil(lambda: inspector.data.details[0]["version"] == version + 1, timeout=10_000)

    # Choosing an agency waits, like the text fields, until the editor leaves it.
    credit = form.credit
    credit.agency.setCurrentText("WireImage")
    credit._agency_chosen(credit.agency.currentIndex())
    qtbot.wait(300)
    assert inspector.dirty and inspector.data.details[0]["version"] == version + 1
    credit.agency_dirty = False
    form.credit.line.dirty = False

    # A search that leaves the photo out: the inspector no longer shows it.
    window.search_bar.run("person:marco")
    qtbot.waitUntil(lambda: "person:marco" in window.model.query, timeout=10_000)
    qtbot.waitUntil(lambda: inspector.data is None, timeout=10_000)
    assert form.title.text() == "Nothing selected"


def test_a_malformed_query_moves_nothing_and_greys_the_old_result(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Item 12."""
    import_sample(archive)
    window = make_window(show=True)
    grid_top = window.grid.mapTo(window, window.grid.rect().topLeft())
    window.search_bar.edit.setText('person:"kate')
    window.search_bar.submit()
    assert window.search_bar.error.isVisible() and "^" in window.search_bar.error.text()
    QApplication.processEvents()
    assert window.grid.mapTo(window, window.grid.rect().topLeft()) == grid_top
    assert window.grid.stale and "previous search" in window.status_text
    window.search_bar.run("ada")
    qtbot.waitUntil(lambda: not window.grid.stale, timeout=10_000)
    assert not window.search_bar.error.isVisible()


def test_tiles_fill_the_width_and_credits_keep_the_agency(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Item 14 (and 16, 15: agency list)."""
    import_sample(archive)
    window = make_window(show=True)
    grid = window.grid
    for width in (700, 913, 1111):
        window.resize(width + 500, 800)
        QApplication.processEvents()
        used = grid.columns * grid.gridSize().width()
        assert grid.viewport().width() - used < grid.gridSize().width() // 2 + 2 * grid.spacing()
    metrics = QFontMetrics(QFont())
    line = "Dana Pike/FilmMagic/Getty Images"
    narrow = credit_text(metrics, line, metrics.horizontalAdvance("Dana Pike/FilmMag"))
    assert narrow.endswith("Getty Images") and "…" in narrow
    assert credit_text(metrics, line, 2000) == line
    row = row_of(window, "11-filmmagic")
    tip = window.model.data(window.model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert line in tip
    assert possessive("Getty Images") == "Getty Images'" and possessive("AP") == "AP's"
    combo = window.inspector.form.credit.agency
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == sorted(names, key=str.casefold) and combo.maxVisibleItems() == 15


def test_several_photos_show_their_licences_and_embedded_names_not_codes(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Items 5 and 15: three photos with licences do not say "No licence recorded"; the
    embedded metadata names IIM datasets ("2:80 By-line", "1:90 … UTF-8")."""
    import_sample(archive)
    window = make_window()
    select_rows(window, [row_of(window, s) for s in ("01-getty", "02-wireimage", "04-uk-out")])
    qtbot.waitUntil(
        lambda: window.inspector.data is not None and len(window.inspector.data.ids) == 3,
        timeout=10_000,
    )
    box = window.inspector.form.restrictions
    assert "No licence recorded" not in box.item(0).text() and "×" in box.item(0).text()
    select_rows(window, [row_of(window, "01-getty")])
    qtbot.waitUntil(
        lambda: window.inspector.data is not None and len(window.inspector.data.ids) == 1,
        timeout=10_000,
    )
    tree = window.inspector.form.embedded
    labels = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        labels += [(top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
    assert any(tag == "2:80 By-line" for tag, _ in labels), labels
    assert ("1:90 Coded Character Set", "ESC % G (UTF-8)") in labels


def test_a_template_is_previewed_with_a_diff_and_the_venue_filled_in_place(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Items 1 and 2: readable names; nothing replaced before the preview; the missing
    {venue} said at the top and filled right there; the dateline kept "London, England"."""
    import_sample(archive)
    window = make_window(show=True)
    select_rows(window, [row_of(window, "01-getty")])
    qtbot.waitUntil(lambda: window.inspector.data is not None, timeout=10_000)
    inspector = window.inspector
    before = inspector.data.details[0]["caption"]
    menu = inspector.form.template_menu
    texts = [a.text() for a in menu.actions()]
    assert "Getty event, no venue" in texts and "getty-event-no-venue" not in texts
    button = inspector.form.template_button
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    action = next(a for a in menu.actions() if a.data() == "getty-event")
    action.trigger()
    dialog = inspector.template_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=10_000)
    assert "{venue} has no value" in dialog.problem.text()
    assert not dialog.apply_button.isEnabled()
    assert inspector.data.details[0]["caption"] == before  # nothing written yet
    qtbot.waitUntil(lambda: dialog.fields["country"].text() == "England", timeout=10_000)
    dialog.fields["venue"].setText("The Lantern Theatre")
    dialog.fields["city"].setText("London")
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    assert "London, England" in dialog.diffs.toPlainText()
    with qtbot.waitSignal(dialog.applied, timeout=10_000):
        dialog.apply_button.click()
    qtbot.waitUntil(
        lambda: (
            inspector.data is not None
            and inspector.data.details[0]["caption"] != before
            and "in London, England." in (inspector.data.details[0]["caption"] or "")
        ),
        timeout=10_000,
    )
    pid = inspector.data.ids[0]
    event = window.services.photos.detail(pid)["event"]
    assert (event["venue"], event["city"], event["country"]) == (
        "The Lantern Theatre",
        "London",
        "England",
    )


def test_the_sidebar_keeps_its_branches_after_an_edit(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    """Item 15: after one edit the Events/People/Agencies branches still list the result."""
    import_sample(archive)
    window = make_window(show=True)
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: bool(sidebar.entries("People")), timeout=10_000)
    before = {h: sidebar.entries(h) for h in ("Events", "People", "Agencies")}
    select_rows(window, [row_of(window, "01-getty")])
    qtbot.waitUntil(lambda: window.inspector.data is not None, timeout=10_000)
    form = window.inspector.form
    form.headline.setText("Arrivals")
    form.headline.dirty = True
    window.inspector.save()
    qtbot.waitUntil(
        lambda: window.inspector.save_state.label.text().startswith("✓ Saved"), timeout=10_000
    )
    qtbot.wait(600)  # the sidebar's refresh after the save
    assert {h: sidebar.entries(h) for h in before} == before
