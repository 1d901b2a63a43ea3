"""The rights desk in the window: the start-up notice of expiring licences, the inspector's
*Show similar* strip and *Record publication…* dialog, over a real archive (offscreen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.rights.publications import PublicationRequest, PublicationService
from archive.services.licences import LicenceChange, LicenceService
from bench.similar_scenes import originals_and_variants
from gui.main_window import MainWindow
from tests.factories import Agency, embed

from .conftest import WindowFactory, select_rows


def _import(archive: Archive, tmp_path: Path) -> dict[str, int]:
    original, variants = originals_and_variants(11)
    named = {
        "getty": (original, Agency(credit="Joe Maher/Getty Images", byline="Joe Maher")),
        "pa": (variants["crop5"], Agency(credit="Yui Mok/PA Wire", byline="Yui Mok")),
        "other": (variants["other-frame"], Agency(credit="Reuters", byline="Reuters")),
    }
    files = []
    for name, (data, meta) in named.items():
        path = tmp_path / f"{name}.jpg"
        path.write_bytes(embed(data, meta))
        files.append(path)
    session = ImportSession(archive, files, ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed
    return dict(zip(named, session.report.photo_ids, strict=True))


def _select(qtbot: QtBot, window: MainWindow, pid: int) -> None:
    row = next(r for r in range(window.model.rowCount()) if window.model.ids_of_rows([r]) == [pid])
    select_rows(window, [row])
    qtbot.waitUntil(
        lambda: window.inspector.data is not None and list(window.inspector.data.ids) == [pid]
    )


def test_show_similar_and_record_publication(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    ids = _import(archive, tmp_path)
    window = make_window()
    _select(qtbot, window, ids["getty"])
    panel = window.inspector.rights
    qtbot.waitUntil(lambda: panel.strip.count() == 1)
    text = panel.strip.item(0).text()
    assert f"#{ids['pa']}" in text and "Yui Mok/PA Wire" in text and "PA Images" in text
    assert panel.heading.text() == "1 other version"
    panel.show_button.click()
    qtbot.waitUntil(lambda: not window.model.searching and window.model.rowCount() == 2)
    assert window.search_bar.text == f"similar:{ids['getty']}"
    titles = {window.model.tile(r).title for r in range(2)}
    assert titles == {f"Photo {ids['getty']} · 2 versions", f"Photo {ids['pa']} · 2 versions"}

    dialog = panel.record_publication()
    assert dialog is not None
    dialog.where.setText("https://news.example/baftas")
    dialog.title_edit.setText("The best of the BAFTAs")
    dialog.fee.setText("12x")
    dialog.submit()
    assert "not an amount" in dialog.error.text()  # said in the dialog, nothing recorded
    dialog.fee.setText("120")
    dialog.page.setText("4")
    dialog.page.textEdited.emit("4")
    with qtbot.waitSignal(dialog.recorded):
        dialog.submit()
    (rec,) = PublicationService(archive.sessions).for_photo(ids["getty"])
    assert (rec["where"], rec["title"], rec["use"], rec["page"]) == (
        "https://news.example/baftas",
        "The best of the BAFTAs",
        "print",
        "4",
    )
    assert (rec["fee"], rec["currency"], rec["origin"]) == ("120.00", "GBP", "gui")


def test_start_up_notice_of_published_pictures_expiring(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    ids = _import(archive, tmp_path)
    soon = datetime.now(UTC) + timedelta(days=4)
    until = soon.strftime("%Y-%m-%dT%H:%M")
    LicenceService(archive.sessions).edit(
        [ids["getty"], ids["pa"]], LicenceChange(valid_until=until)
    )
    today = datetime.now(UTC).date()
    PublicationService(archive.sessions).record(
        [ids["getty"]], PublicationRequest("https://x/a", "Red carpet gallery", today)
    )
    window = make_window()
    notice = window.expiry_notice
    qtbot.waitUntil(lambda: bool(notice.text()))
    assert notice.text() == "⚠ 1 published picture: licence ends within 14 days"
    assert "Red carpet gallery" in notice.toolTip() and f"#{ids['getty']}" in notice.toolTip()


def test_collapse_versions_shows_one_cell_per_picture_and_is_remembered(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    ids = _import(archive, tmp_path)
    window = make_window()
    assert window.model.rowCount() == 3
    every = window.model.ids_of_rows(range(3))
    assert every is not None
    first = next(i for i in every if i in (ids["getty"], ids["pa"]))  # in the grid's order
    act = window.actions_.collapse_versions
    assert act is not None and not act.isChecked()
    act.setChecked(True)  # View ▸ Collapse versions
    qtbot.waitUntil(lambda: not window.model.searching and window.model.rowCount() == 2)
    qtbot.waitUntil(lambda: window.model.ids_known)
    shown = window.model.ids_of_rows(range(2))
    assert shown == [i for i in every if i in (ids["other"], first)]
    tiles = {window.model.tile(r).id: window.model.tile(r).title for r in range(2)}
    assert tiles[first].endswith(" · 2 versions")
    assert window.status_text.endswith("versions collapsed")
    # The next window opens collapsed; switching back shows every version again.
    again = make_window()
    assert again.actions_.collapse_versions.isChecked()
    assert again.model.rowCount() == 2
    again.actions_.collapse_versions.setChecked(False)
    qtbot.waitUntil(lambda: not again.model.searching and again.model.rowCount() == 3)
