"""Watch folders…: add a drop folder with a preset, see arrivals become tiles, pause, remove."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.ingest.presets import Preset
from archive.ingest.presets_store import PresetService
from archive.services.photos import PhotoService
from tests.factories import winslet_getty, write_photo

from .conftest import WindowFactory


def test_a_watched_folder_ingests_with_its_preset_and_shows_the_status(
    qtbot: QtBot, tmp_path: Path, archive: Archive, make_window: WindowFactory
) -> None:
    PresetService(archive.sessions).add(
        Preset(name="desk", fields={"alt_text": "A guest on the red carpet"}, mode="always")
    )
    drop = tmp_path / "drop"
    drop.mkdir()
    write_photo(drop / "waiting.jpg", winslet_getty(), seed=61)  # arrived before the watch
    window = make_window(show=True)
    dialog = window.open_watch()
    assert dialog.preset_combo.findText("desk") >= 0
    dialog.preset_combo.setCurrentText("desk")
    watched = dialog.add_folder(str(drop))
    assert watched is not None and dialog.folders.topLevelItemCount() == 1
    qtbot.waitUntil(lambda: watched.watcher.status.ingested == 1, timeout=60_000)
    (drop / "broken.jpg").write_bytes(b"not a picture")
    qtbot.waitUntil(lambda: dialog.failures.topLevelItemCount() == 1, timeout=60_000)
    assert "1 ingested" in dialog.status.text() and "1 failed" in dialog.status.text()
    assert "last ingest" in dialog.status.text() and "waiting" in dialog.status.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)  # the new tile

    [summary] = PhotoService(archive.sessions).list_summaries().photos
    assert PhotoService(archive.sessions).detail(summary.id)["alt_text"] == (
        "A guest on the red carpet"
    )
    dialog.folders.setCurrentItem(dialog.folders.topLevelItem(0))
    dialog.toggle_pause()
    assert watched.watcher.status.paused and dialog.pause_button.text() == "Resume"
    write_photo(drop / "while-paused.jpg", None, seed=62)
    qtbot.wait(1500)
    assert watched.watcher.status.ingested == 1  # paused: waits
    dialog.toggle_pause()
    qtbot.waitUntil(lambda: watched.watcher.status.ingested == 2, timeout=60_000)
    dialog.remove_selected()
    assert dialog.folders.topLevelItemCount() == 0
    watched.thread.join(30)
    assert not watched.thread.is_alive()
