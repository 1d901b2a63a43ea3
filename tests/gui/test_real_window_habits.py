"""Issue 22: ratings, labels, the loupe, Help and the entity editor in a real window (X11
under Xvfb, the real event loop). Skipped where Xvfb is absent."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None,
    reason="xvfb-run is not installed (apt-get install xvfb xauth and the xcb libraries)",
)
def test_the_desk_habits_in_a_real_window(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-m",
         "tests.gui.xvfb_habits", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb"
    assert seen["steps"] == [
        "start", "imported", "marked", "loupe", "moved", "help", "entities", "venue",
    ]  # fmt: skip
    assert seen["tile"] == [3, "red"]
    assert "full size" in seen["loupe"]
    assert seen["next"] == "2 / 12"
    assert seen["help"] is True
    assert seen["venue"] == "Real Window Hall"
