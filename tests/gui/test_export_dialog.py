"""Check & export: blocked until overridden with a reason, a clean export, a refused target,
an honest cancel, and nothing left behind (widgets, threads)."""

from __future__ import annotations

import json
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import gui.widgets.export_result as result_view
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.exports import ExportRequest, ExportResult, ExportService
from archive.services.history import HistoryService
from gui.dialogs.export_dialog import ExportDialog, suggested_name
from gui.main_window import MainWindow
from tests.factories import Agency, winslet_getty, winslet_wireimage, write_photo

from .conftest import WindowFactory, flush_deletes, select_rows

REASON = "Cleared with Getty for UK use, ref 4471"


def imported(archive: Archive, *files: Path) -> list[int]:
    session = ImportSession(archive, list(files), ImportOptions(jobs=1))
    for _ in session.run():
        pass
    assert not session.report.failed, session.report.failed
    return list(session.report.photo_ids)


def uk_out() -> Agency:
    meta = winslet_getty()
    meta.instructions = "EDITORIAL USE ONLY. UK OUT"
    return meta


def open_checked(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    """Ctrl+Shift+E's action; the dialog checks as soon as the profiles are in."""
    window.actions_.export.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    return dialog


def rows(dialog: ExportDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]


def wait_exported(qtbot: QtBot, dialog: ExportDialog) -> None:
    def answered() -> bool:
        return not dialog.exporting and (dialog.export_result, dialog.error) != (None, None)

    qtbot.waitUntil(answered, timeout=60_000)


def test_export_action_is_ctrl_shift_e_in_the_file_menu(make_window: WindowFactory) -> None:
    window = make_window()
    action = window.actions_.export
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()


def test_a_blocked_photo_cannot_be_exported_until_overridden_with_a_reason(
    qtbot: QtBot,
    archive: Archive,
    tmp_path: Path,
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (pid,) = imported(archive, write_photo(tmp_path / "in" / "uk.jpg", uk_out(), seed=701))
    window = make_window()
    dialog = open_checked(qtbot, window)  # nothing selected: the whole result
    assert dialog.profile.currentText() == "editorial-web-GB"
    assert [p.id for p in dialog.report.photos] == [pid]
    assert dialog.report.errors >= 1
    assert not dialog.export_button.isEnabled()
    assert "override" in dialog.export_button.toolTip()
    assert dialog.status.text().startswith("Export waits:")
    territory = next(i for i, r in enumerate(rows(dialog)) if r[2] == "territory")
    assert rows(dialog)[territory][3] == "error"

    target = tmp_path / "out" / "uk-bundle"
    target.parent.mkdir()
    dialog.destination.setText(str(target))
    dialog.export()  # refused while an error stands: nothing is written
    assert not dialog.exporting and not target.exists()

    # Override it with a written reason; the dialog checks again and Export opens.
    asked: list[str] = []
    dialog.ask = lambda _parent, what: (asked.append(what), (REASON, True))[1]
    dialog.table.selectRow(territory)
    before = dialog.report
    dialog.override_selected()
    qtbot.waitUntil(lambda: dialog.report not in (None, before), timeout=20_000)
    assert "territory" in asked[0]
    assert dialog.report.errors == 0
    assert any(f"overridden: {REASON}" in r[4] for r in rows(dialog))
    assert dialog.export_button.isEnabled()

    dialog.export_button.click()
    assert dialog.exporting and dialog.progress.isVisible()
    wait_exported(qtbot, dialog)
    assert dialog.error is None, dialog.error
    result = dialog.export_result
    assert result is not None and not result.blocked
    assert result.bundle == target.resolve()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert [p["photo_id"] for p in manifest["photos"]] == [pid]
    # (UK OUT is found twice, as the licence's exclusion and as the restriction: one rule.)
    overrides = manifest["photos"][0]["overrides"]
    assert overrides and all(o == {"rule": "territory", "reason": REASON} for o in overrides)
    assert (target / manifest["photos"][0]["file"]).is_file()

    # The override is in the photo's history, with its reason.
    history = HistoryService(archive.sessions).history(pid)
    assert any(h.action == "override" and REASON in json.dumps(h.new) for h in history), history

    # The result view lists the files and opens the bundle folder.
    view = dialog.result_view
    assert dialog.pages.currentWidget() is view
    listed = [view.files_list.item(i).text() for i in range(view.files_list.count())]
    shown = manifest["photos"][0]
    # Each file with its photo (issue 18 item 11).
    assert any(t.startswith(f"{shown['file']}  ← photo {shown['photo_id']}") for t in listed)
    assert "manifest.json" in listed
    opened: list[QUrl] = []
    monkeypatch.setattr(result_view, "open_url", lambda url: opened.append(url) or True)
    view.open_button.click()
    assert [u.toLocalFile() for u in opened] == [str(target.resolve())]


def test_clean_export_of_the_running_example_at_web_size(
    qtbot: QtBot,
    archive: Archive,
    settings: QSettings,
    tmp_path: Path,
    make_window: WindowFactory,
) -> None:
    folder = tmp_path / "in"
    imported(
        archive,
        write_photo(folder / "getty.jpg", winslet_getty(), seed=711, size=(640, 480)),
        write_photo(folder / "wire.jpg", winslet_wireimage(), seed=712, size=(640, 480)),
    )
    imported(archive, write_photo(folder / "bare.jpg", Agency(caption="Guests"), seed=713))
    out = tmp_path / "exports"  # the conftest's settings keep exports in tmp_path
    assert settings.value("export/folder") == str(out)
    window = make_window()
    assert window.model.rowCount() == 3
    wanted = [r for r in range(3) if window.model.tile(r).summary.event]  # the two BAFTA pictures
    select_rows(window, wanted)
    dialog = open_checked(qtbot, window)
    assert {p.id for p in dialog.report.photos} == {window.model.tile(r).id for r in wanted}
    assert dialog.report.errors == 0 and dialog.export_button.isEnabled()

    # A new folder named after the event and its date, in the last export folder.
    qtbot.waitUntil(lambda: bool(dialog.destination.text()), timeout=10_000)
    suggested = Path(dialog.destination.text())
    assert suggested.parent == out and suggested.name.startswith("20230514")
    assert "BAFTA" in suggested.name and not suggested.exists()

    dialog.destination.setText(str(out / "bafta.zip"))
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData("web"))
    dialog.pdf_sheet.setChecked(False)
    dialog.export_button.click()
    wait_exported(qtbot, dialog)
    assert dialog.error is None, dialog.error
    result = dialog.export_result
    assert result is not None and result.bundle == (out / "bafta.zip").resolve()
    with zipfile.ZipFile(out / "bafta.zip") as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
    assert {"manifest.json", "captions.csv", "credits.txt", "contact-sheet.html"} <= names
    assert "contact-sheet.pdf" not in names
    assert manifest["size"] == "web" and len(manifest["photos"]) == 2
    assert {f["file"] for f in result.files} <= names

    view = dialog.result_view
    warnings = [view.warnings_list.item(i).text() for i in range(view.warnings_list.count())]
    assert warnings == result.warnings or warnings == ["No warnings."]
    assert "2 photos" in view.label.text()
    # The folder is remembered for the next export.
    assert settings.value("export/folder") == str(out.resolve())


def test_an_existing_target_is_refused_with_a_clear_message(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    imported(archive, write_photo(tmp_path / "in" / "g.jpg", winslet_getty(), seed=721))
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    window = make_window()
    dialog = open_checked(qtbot, window)
    assert dialog.export_button.isEnabled()
    dialog.destination.setText(str(target))
    dialog.export_button.click()
    assert not dialog.exporting
    assert "already exists" in dialog.status.text() and str(target) in dialog.status.text()
    assert [p.name for p in target.iterdir()] == ["keep.txt"]

    # Should it appear between the form and the service: the archive's refusal is shown.
    late = tmp_path / "late"
    dialog.destination.setText(str(late))
    real = dialog.exports

    class Racing:
        def export(self, request: ExportRequest) -> ExportResult:
            late.mkdir()
            return real.export(request)

    dialog.exports = Racing()  # type: ignore[assignment]
    dialog.export_button.click()
    wait_exported(qtbot, dialog)
    assert dialog.export_result is None and "exists already" in (dialog.error or "")
    assert dialog.status.text().startswith("Not exported:")
    assert list(late.iterdir()) == []
    assert dialog.export_button.isEnabled()


class GatedExports:
    """The real export, held at a gate so a test can act while it runs."""

    def __init__(self, real: ExportService) -> None:
        self.real, self.gate, self.started = real, threading.Event(), threading.Event()

    def export(self, request: ExportRequest) -> Any:
        self.started.set()
        assert self.gate.wait(30)
        return self.real.export(request)


def test_cancel_is_honest_and_closing_leaves_nothing_behind(
    qtbot: QtBot, archive: Archive, tmp_path: Path, make_window: WindowFactory
) -> None:
    imported(archive, write_photo(tmp_path / "in" / "g.jpg", winslet_getty(), seed=731))
    window = make_window()
    first = open_checked(qtbot, window)
    dialog = open_checked(qtbot, window)  # a second open replaces the first
    flush_deletes()
    assert not shiboken6.isValid(first)

    # Queued behind other work: Cancel drops it, nothing is written.
    hold = threading.Event()
    window.exporter.submit(lambda: hold.wait(30))
    queued = tmp_path / "queued"
    dialog.destination.setText(str(queued))
    dialog.export_button.click()
    assert dialog.exporting and dialog.cancel_button.isVisible()
    dialog.cancel_button.click()
    assert not dialog.exporting and "nothing was written" in dialog.status.text()
    hold.set()
    qtbot.waitUntil(lambda: not window.exporter.busy, timeout=10_000)
    assert not queued.exists()

    # Running: it cannot stop part-way, and says so; closing the window lets it finish.
    gated = GatedExports(dialog.exports)
    dialog.exports = gated  # type: ignore[assignment]
    running = tmp_path / "running"
    dialog.destination.setText(str(running))
    dialog.export_button.click()
    assert gated.started.wait(10)
    dialog.cancel_button.click()
    assert dialog.cancel_button.text() == "Finishing…" and not dialog.cancel_button.isEnabled()
    assert "cannot be stopped part-way" in dialog.status.text()
    threading.Timer(0.3, gated.gate.set).start()
    pool = window.exporter.pool
    window.close()
    assert pool.activeThreadCount() == 0
    assert (running / "manifest.json").is_file()  # finished, not abandoned half-way
    assert not list(tmp_path.glob(".running*"))

    window.deleteLater()
    flush_deletes()
    assert not shiboken6.isValid(dialog)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]


def test_suggested_name_from_event_and_date() -> None:
    from archive.records import PhotoSummary

    def summary(event: str | None, taken: str | None) -> PhotoSummary:
        return PhotoSummary(1, "", taken, None, None, (), event)

    photos = [summary("Gala: A/B", "2023-05-14T19:00:00+01:00"), summary(None, None)]
    assert suggested_name(photos) == "20230514 Gala_ A_B"  # made safe as a file name
    assert suggested_name([summary(None, None)], date(2026, 11, 3)) == "20261103 creditdesk export"
