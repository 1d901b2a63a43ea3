"""A working day through the real event loop in a real X window (run by test_real_window.py
under xvfb-run): import the sample, edit a headline, check, export the clear pictures.

    xvfb-run -a python -m tests.gui.xvfb_day OUT_DIR
Prints one JSON line of what the window showed; exits 0 only if every step happened."""

from __future__ import annotations

import sys
from pathlib import Path

from gui.widgets.empty_state import sample_files
from tests.gui.xvfb_harness import RealWindow


def main(out: Path) -> int:
    real = RealWindow(out)
    app, seen, window, step = real.app, real.seen, real.window, real.step

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

    return real.run()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
