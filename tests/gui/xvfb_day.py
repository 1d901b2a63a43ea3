"""A working day through the real event loop in a real X window (run by test_real_window.py
under xvfb-run): import the sample, edit a headline, check, export the clear pictures.

    xvfb-run -a python -m tests.gui.xvfb_day OUT_DIR
Prints one JSON line of what the window showed; exits 0 only if every step happened."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from archive.handle import Archive
from gui.main_window import MainWindow
from gui.services import Services
from gui.settings import file_settings
from gui.widgets.empty_state import sample_files


def main(out: Path) -> int:
    app = QApplication(["creditdesk"])
    app.setOrganizationName("CreditdeskXvfbTest")
    seen: dict[str, object] = {"platform": app.platformName()}
    archive = Archive.open(out / "archive")
    window = MainWindow(Services.build(archive), file_settings(str(out / "s.ini")), import_jobs=1)
    window.show()
    steps: list[tuple[str, Callable[[], bool], Callable[[], None]]] = []

    def step(name: str, ready: Callable[[], bool], then: Callable[[], None]) -> None:
        steps.append((name, ready, then))

    def tiles() -> list[str]:
        model = window.model
        return [t.status for r in range(model.rowCount()) if (t := model.tile(r)) is not None]

    step(
        "start",
        lambda: not window.model.searching,
        lambda: window.open_import([str(p) for p in sample_files()], start=True),
    )
    step(
        "imported",
        lambda: len(tiles()) == 12 and "unchecked" not in tiles(),
        lambda: (
            seen.update(blocked=tiles().count("blocked")),
            window.grid.selectAll(),
            window.grid.clearSelection(),
            window.grid.setCurrentIndex(window.model.index(0)),
        ),
    )

    def edit() -> None:
        form = window.inspector.form
        form.headline.setText("Red carpet, real window")
        form.headline.dirty = True
        window.inspector.save()

    step("selected", lambda: window.inspector.data is not None, edit)
    step(
        "saved",
        lambda: window.inspector.save_state.label.text().startswith("✓ Saved"),
        lambda: (
            seen.update(saved=window.inspector.save_state.label.text()),
            window.grid.selectAll(),
            window.open_export(),
        ),
    )

    def export() -> None:
        dialog = window.export_dialog
        assert dialog is not None
        seen["report_rows"] = dialog.table.rowCount()
        dialog.destination.setText(str(out / "bundle"))
        dialog.export_clear_button.click()

    step(
        "checked",
        lambda: window.export_dialog is not None and window.export_dialog.report is not None,
        export,
    )
    step(
        "exported",
        lambda: window.export_dialog.export_result is not None,
        lambda: (
            seen.update(
                files=len(window.export_dialog.export_result.files),
                skipped=len(window.export_dialog.export_result.skipped),
            ),
            app.quit(),
        ),
    )

    def tick() -> None:
        if not steps:
            return
        name, ready, then = steps[0]
        if ready():
            steps.pop(0)
            seen.setdefault("steps", []).append(name)  # type: ignore[union-attr]
            then()
        QTimer.singleShot(50, tick)

    QTimer.singleShot(0, tick)
    QTimer.singleShot(120_000, app.quit)  # never hang a test run
    app.exec()
    window.close()
    window.shutdown()
    archive.close()
    print(json.dumps(seen))
    return 0 if not steps else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
