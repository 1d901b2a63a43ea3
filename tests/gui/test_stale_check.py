"""Issue 22 item 2: after an edit, an undo or a redo the stored check state is never stale.

The exact scenario of the issue: a picture without a credit is blocked; the editor types the
credit and saves, and the tile turns clear; Ctrl+Z takes the credit away again, and the tile
and the inspector must say blocked at once — not a green ✓, "clear in the last check".
Ctrl+Shift+Z (redo) brings the credit and the clear state back. The window's own Save, Undo and
Redo actions (Ctrl+S, Ctrl+Z, Ctrl+Shift+Z) are triggered; the catalogue's stored check
is read to agree with what the window shows."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.photos import PhotoService
from gui.main_window import MainWindow
from tests.factories import desk_ready
from tests.gui.conftest import WindowFactory, select_rows, type_text

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


def import_sample(archive: Archive) -> dict[str, int]:
    session = ImportSession(
        archive, sorted(SAMPLE.glob("*.jpg")), ImportOptions(event="Sample Premiere", jobs=1)
    )
    list(session.run())
    assert not session.report.failed
    desk_ready(archive, list(session.report.photo_ids))
    photos = PhotoService(archive.sessions)
    return {
        Path(photos.detail(pid)["source_paths"][0]).stem: pid for pid in session.report.photo_ids
    }


def tile_status(window: MainWindow, pid: int) -> str | None:
    tile = window.model.tile(window.model.row_of(pid))
    return None if tile is None else tile.status


def stored_status(archive: Archive, pid: int) -> str | None:
    return PhotoService(archive.sessions).statuses([pid]).get(pid)


def test_undo_and_redo_of_a_credit_turn_the_badge_at_once(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory
) -> None:
    ids = import_sample(archive)
    pid = ids["09-no-credit"]
    window = make_window()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(ids), timeout=20_000)
    qtbot.waitUntil(lambda: tile_status(window, pid) == "blocked", timeout=10_000)

    inspector = window.inspector
    before = inspector.data
    select_rows(window, [window.model.row_of(pid)])
    qtbot.waitUntil(lambda: inspector.data is not before and inspector.data is not None)
    assert inspector.form.status.text().startswith("✖ Blocked")
    assert "credit" in inspector.form.status.text()

    line = inspector.form.credit.line
    line.setFocus()
    assert line.text() == ""
    type_text(line, "Sara Lind/Getty Images")
    with qtbot.waitSignal(inspector.saved, timeout=20_000):
        window.actions_.save.trigger()  # Ctrl+S
    qtbot.waitUntil(lambda: tile_status(window, pid) not in (None, "blocked"), timeout=10_000)
    cleared = tile_status(window, pid)
    assert stored_status(archive, pid) == cleared
    qtbot.waitUntil(lambda: not inspector.form.status.text().startswith("✖"), timeout=10_000)

    # Ctrl+Z: the credit is gone, and so is the clear state — in the catalogue, on the tile
    # and in the inspector's check line.
    window.grid.setFocus()
    with qtbot.waitSignal(inspector.saved, timeout=20_000):
        window.actions_.undo.trigger()  # Ctrl+Z
    assert PhotoService(archive.sessions).detail(pid)["credit_line"] in (None, "")
    assert stored_status(archive, pid) == "blocked"
    qtbot.waitUntil(lambda: tile_status(window, pid) == "blocked", timeout=10_000)
    qtbot.waitUntil(lambda: inspector.form.status.text().startswith("✖ Blocked"), timeout=10_000)
    # The shortcuts are the actions the test triggers.
    assert window.actions_.undo.shortcut().toString() == "Ctrl+Z"
    assert window.actions_.redo.shortcut().toString() == "Ctrl+Shift+Z"

    # Ctrl+Shift+Z: the credit and the clear state come back together.
    with qtbot.waitSignal(inspector.saved, timeout=20_000):
        window.actions_.redo.trigger()  # Ctrl+Shift+Z
    assert PhotoService(archive.sessions).detail(pid)["credit_line"] == "Sara Lind/Getty Images"
    assert stored_status(archive, pid) == cleared
    qtbot.waitUntil(lambda: tile_status(window, pid) == cleared, timeout=10_000)
