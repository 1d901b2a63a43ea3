"""The desk's habits in a real X window (run by test_real_window_habits.py under xvfb-run):
import the sample, rate and label from the keyboard, look through the loupe, read the
help, set an event's venue in the entity editor.

    xvfb-run -a python -m tests.gui.xvfb_habits OUT_DIR
Prints one JSON line of what the window showed; exits 0 only if every step happened."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.widgets.empty_state import sample_files
from tests.gui.xvfb_harness import RealWindow


def main(out: Path) -> int:
    real = RealWindow(out)
    app, seen, window, step = real.app, real.seen, real.window, real.step

    def first():  # type: ignore[no-untyped-def]
        return window.model.tile(0)

    def rate() -> None:
        window.grid.setCurrentIndex(window.model.index(0))
        window.grid.setFocus()
        QTest.keyClick(window.grid, Qt.Key.Key_3)
        QTest.keyClick(window.grid, Qt.Key.Key_6)

    step(
        "start",
        lambda: not window.model.searching,
        lambda: window.open_import([str(p) for p in sample_files()], start=True),
    )
    step("imported", lambda: window.model.rowCount() == 12 and first() is not None, rate)

    def loupe() -> None:
        seen["tile"] = [first().summary.rating, first().summary.label]
        QTest.keyClick(window.grid, Qt.Key.Key_Space)

    step(
        "marked",
        lambda: first().summary.rating == 3 and first().summary.label == "red",
        loupe,
    )
    step(
        "loupe",
        lambda: window.loupe is not None and window.loupe.stage == "full",
        lambda: (
            seen.update(loupe=window.loupe.info.text()),
            QTest.keyClick(window.loupe, Qt.Key.Key_Right),
        ),
    )

    def close_loupe() -> None:
        seen["next"] = window.loupe.caption.text().split("  ·  ")[0]
        QTest.keyClick(window.loupe, Qt.Key.Key_Escape)
        window.help_menu.shortcuts.trigger()

    step(
        "moved",
        lambda: window.loupe.row == 1 and window.loupe.stage == "full",
        close_loupe,
    )

    def entities() -> None:
        seen["help"] = "Rate the selection" in window.help_menu.dialogs["shortcuts"].text
        window.help_menu.dialogs["shortcuts"].close()
        window.open_entities()

    step("help", lambda: not window.loupe.isVisible(), entities)

    def venue() -> None:
        tab = window.entities_dialog.pages["event"]
        tab.list.setCurrentRow(0)
        tab.event_fields["venue"].setText("Real Window Hall")
        tab.save_button.click()

    step(
        "entities",
        lambda: window.entities_dialog.pages["event"].list.count() > 0,
        venue,
    )
    step(
        "venue",
        lambda: window.entities_dialog.pages["event"].message.text().startswith("Saved"),
        lambda: (
            seen.update(venue=window.entities_dialog.pages["event"].event_fields["venue"].text()),
            app.quit(),
        ),
    )

    return real.run()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
