"""What the real-window tests share: the driver side (a window on a fresh archive, steps run
by the real event loop, one JSON line of what was seen) and the launcher side (the driver
module under xvfb-run on the xcb platform, its JSON read back)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
XVFB_MISSING = "xvfb-run is not installed (apt-get install xvfb xauth and the xcb libraries)"


class RealWindow:
    """A MainWindow on a new archive in *out*; `step`s run in order, each once it is ready."""

    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from archive.handle import Archive
        from gui.main_window import MainWindow
        from gui.services import Services
        from gui.settings import file_settings

        self.app = QApplication(["creditdesk"])
        self.app.setOrganizationName("CreditdeskXvfbTest")
        self.seen: dict[str, object] = {"platform": self.app.platformName()}
        self.archive = Archive.open(out / "archive")
        self.window = MainWindow(
            Services.build(self.archive), file_settings(str(out / "s.ini")), import_jobs=1
        )
        self.window.show()
        self.steps: list[tuple[str, Callable[[], bool], Callable[[], Any]]] = []

    def step(self, name: str, ready: Callable[[], bool], then: Callable[[], Any]) -> None:
        self.steps.append((name, ready, then))

    def run(self) -> int:
        """Run the steps through the event loop; print what was seen; 0 if every step ran."""
        from PySide6.QtCore import QTimer

        def tick() -> None:
            if not self.steps:
                return
            name, ready, then = self.steps[0]
            if ready():
                self.steps.pop(0)
                self.seen.setdefault("steps", []).append(name)  # type: ignore[union-attr]
                then()
            QTimer.singleShot(50, tick)

        QTimer.singleShot(0, tick)
        QTimer.singleShot(120_000, self.app.quit)  # never hang a test run
        self.app.exec()
        self.window.close()
        self.window.shutdown()
        self.archive.close()
        print(json.dumps(self.seen))
        return 0 if not self.steps else 1


def run_in_xvfb(module: str, out: Path) -> dict[str, Any]:
    """Run ``python -m module OUT`` in a real X server; what its window showed."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-m", module,
         str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen
