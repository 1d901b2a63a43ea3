"""Issue 22: ratings, labels, the loupe, Help and the entity editor in a real window (X11
under Xvfb, the real event loop). Skipped where Xvfb is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.gui.xvfb_harness import XVFB_MISSING, run_in_xvfb


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None,
    reason=XVFB_MISSING,
)
def test_the_desk_habits_in_a_real_window(tmp_path: Path) -> None:
    seen = run_in_xvfb("tests.gui.xvfb_habits", tmp_path)
    assert seen["platform"] == "xcb"
    assert seen["steps"] == [
        "start", "imported", "marked", "loupe", "moved", "help", "entities", "venue",
    ]  # fmt: skip
    assert seen["tile"] == [3, "red"]
    assert "full size" in seen["loupe"]
    assert seen["next"] == "2 / 12"
    assert seen["help"] is True
    assert seen["venue"] == "Real Window Hall"
