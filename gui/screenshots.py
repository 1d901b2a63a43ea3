"""Render the app to PNG files for the README (offscreen): `make screenshots`.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m gui.screenshots [DIR]

Imports the bundled sample event (resources/sample, or freshly generated) into a
temporary archive, checks it, and saves the main window, the inspector, the check dialog
and the check & export dialog to DIR (default: $SCREENSHOTS_DIR or docs/screenshots).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from gui.main_window import MainWindow
from gui.sample import EVENT, write_sample
from gui.services import Services
from gui.settings import file_settings
from gui.widgets.empty_state import sample_files

FOCUS = "03-wireimage-short"  # the picture the inspector shows: a credit to fix


def wait(app: QApplication, done: Callable[[], bool], seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / name
    widget.grab().save(str(path))
    print(path)
    return path


def populate(archive: Archive, scratch: Path) -> None:
    files = sample_files() or write_sample(scratch / "sample")
    session = ImportSession(archive, files, ImportOptions(event=EVENT, jobs=2))
    for _ in session.run():
        pass
    # Checked live at import; one override shows the badge of a picture cleared by a person.
    services = Services.build(archive)
    photos = services.photos
    uk = next(
        i for i in session.report.photo_ids if "04-uk-out" in photos.detail(i)["source_paths"][0]
    )
    services.compliance.override(uk, "territory", "Cleared with the agency for UK use, ref 4471")


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["creditdesk"])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("CreditdeskScreenshots")
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "archive") as archive:
        populate(archive, Path(tmp))
        window = MainWindow(Services.build(archive), file_settings(f"{tmp}/settings.ini"))
        window.resize(1440, 900)
        window.resizeDocks([window.inspector_dock], [440], Qt.Orientation.Horizontal)
        window.show()
        wait(app, lambda: not window.model.searching and window.model.rowCount() > 0)
        wait(app, lambda: len(window.loader.cache) >= 12, 10)
        wait(app, lambda: bool(window.sidebar.entries("People")), 10)
        window.sidebar.section("People").setExpanded(True)
        row = next(
            r
            for r in range(window.model.rowCount())
            if (t := window.model.tile(r)) and t.summary.people == ("Ada Quill", "Marco Venn")
        )
        window.grid.setCurrentIndex(window.model.index(row))
        wait(
            app, lambda: window.inspector.data is not None and window.inspector.form.preview.loaded
        )
        # As a desk would type it: the short form the agency's rule flags, live.
        credit = window.inspector.form.credit
        credit.agency.setCurrentText("WireImage")
        credit.line.setText("Mike Harlan/Getty")
        wait(app, lambda: False, 0.5)  # the grid's batched layout catches up with the width
        shots.append(save(window, out, "main-window.png"))
        shots.append(save(window.inspector_dock, out, "inspector.png"))
        # A caption template, previewed with its diff before it replaces anything.
        credit.line.setText(credit.line.text())
        window.inspector.form.credit.line.dirty = False
        credit.agency_dirty = False
        action = next(
            a for a in window.inspector.form.template_menu.actions() if a.data() == "arrivals"
        )
        action.trigger()
        preview = window.inspector.template_dialog
        assert preview is not None
        wait(app, lambda: preview.fields["country"].text() != "", 10)
        preview.fields["venue"].setText("The Lantern Theatre")
        preview.refresh()
        wait(app, lambda: preview.apply_button.isEnabled(), 10)
        shots.append(save(preview, out, "template-preview.png"))
        preview.reject()
        window.grid.selectAll()
        wait(app, lambda: window.inspector.data is not None and len(window.inspector.data.ids) > 1)
        dialog = window.open_check()
        wait(app, lambda: dialog.profile.count() > 0)
        dialog.check()
        wait(app, lambda: dialog.report is not None)
        dialog.resize(1180, 640)
        dialog.table.resizeRowsToContents()
        dialog.table.selectRow(0)
        shots.append(save(dialog, out, "check-dialog.png"))
        dialog.close()
        # Check & export on the whole selection: the blocked pictures hold the Export button.
        export = window.open_export()
        wait(app, lambda: export.report is not None and bool(export.destination.text()))
        export.destination.setText(f"~/Exports/{Path(export.destination.text()).name}")
        export.size_combo.setCurrentIndex(export.size_combo.findData("web"))
        export.table.selectRow(0)
        shots.append(save(export, out, "export-dialog.png"))
        window.close()
        window.deleteLater()
        app.processEvents()
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else os.environ.get("SCREENSHOTS_DIR", "docs/screenshots"))
    render(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
