"""Importing through the dialog: real JPEGs, the real ImportSession (jobs=1), tiles appear."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from archive.progress import ImportProgress
from archive.services.photos import PhotoService
from gui.import_worker import describe
from gui.widgets.empty_state import sample_files
from tests.factories import BAFTA, winslet_getty, winslet_wireimage, write_photo

from .conftest import WindowFactory, wait_searched


def wire_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    write_photo(folder / "getty.jpg", winslet_getty(), seed=1)
    write_photo(folder / "wireimage.jpg", winslet_wireimage(), seed=2)
    write_photo(folder / "plain.jpg", None, seed=3)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder


def test_import_a_folder_through_the_dialog_and_see_the_tiles(
    qtbot: QtBot, tmp_path: Path, make_window: WindowFactory
) -> None:
    folder = wire_folder(tmp_path)
    window = make_window(show=True)
    assert window.showing_empty_state

    dialog = window.open_import([str(folder)])
    dialog.event_combo.setCurrentText(BAFTA)
    assert dialog.chosen() == [str(folder)]
    batches: list[list[int]] = []
    dialog.catalogued.connect(batches.append)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)

    report = dialog.report
    assert report.imported == 3
    assert [Path(f.path).name for f in report.failed] == ["broken.jpg"]
    assert dialog.failures.topLevelItemCount() == 1
    assert dialog.failures.topLevelItem(0).text(0).endswith("broken.jpg")
    assert dialog.failures.topLevelItem(0).text(1)  # the reason
    assert "Imported 3" in dialog.counts.text() and "1 failed" in dialog.counts.text()
    assert sum(len(b) for b in batches) == 3  # catalogued ids, in batches
    assert len(batches) <= 3

    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    wait_searched(qtbot, window)
    assert not window.showing_empty_state
    titles = {window.model.tile(r).title for r in range(3)}
    assert "Kate Winslet, Mia Threapleton" in titles
    credits = {window.model.tile(r).credit for r in range(3)}
    assert "Mike Marsland/WireImage/Getty Images" in credits
    photos = PhotoService(window.services.archive.sessions)
    events = {photos.detail(window.model.tile(r).id)["event"]["name"] for r in range(3)}
    assert events == {BAFTA}
    # Thumbnails were made: the tiles get real pixmaps.
    qtbot.waitUntil(lambda: len(window.loader.cache) > 0 and window.loader.cache.used > 64 * 3)
    dialog.close_button.click()


def test_cancel_before_starting_closes_and_dropping_files_opens_the_dialog(
    qtbot: QtBot, tmp_path: Path, make_window: WindowFactory
) -> None:
    photo = write_photo(tmp_path / "one.jpg", winslet_getty(), seed=4)
    window = make_window(show=True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen() == [str(photo)]
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_progress_text_has_count_rate_and_eta() -> None:
    event = ImportProgress("catalogued", total=400, catalogued=120, failed=0, elapsed=4.0)
    assert describe(event) == "120 of 400 · 30.0/s · about 9 s left"


def test_first_run_offers_the_bundled_sample_event(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    files = sample_files()
    assert len(files) == 12
    assert all(f.stat().st_size < 30_000 for f in files)
    window = make_window(show=True)
    assert window.showing_empty_state
    assert not window.empty.sample_button.isHidden()

    window.empty.sample_button.click()
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.report.imported == 12 and not dialog.report.failed
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=10_000)
    wait_searched(qtbot, window)
    credits = {window.model.tile(r).credit for r in range(12)}
    assert "Mike Harlan/WireImage/Getty Images" in credits
    dialog.close_button.click()
