"""With no display, `main` explains what to do and returns 2 instead of letting Qt abort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import NO_DISPLAY_MESSAGE, display_problem

REPO = Path(__file__).resolve().parents[2]


def run_main(args: list[str]) -> subprocess.CompletedProcess[str]:
    # A subprocess: if the check failed, Qt would abort (SIGABRT) that process, not pytest.
    code = f"import sys; from gui.app import main; sys.exit(main({args!r}))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_display_prints_the_way_forward_and_returns_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "archive"

    result = run_main(["--archive", str(folder)])

    assert result.returncode == 2, result.stderr
    assert "no display found" in result.stderr
    assert "xvfb-run make run" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert ".venv/bin/creditdesk --help" in result.stderr
    assert result.stdout == ""
    # The check runs first: nothing was created for a window that cannot open.
    assert not folder.exists()


def test_unopenable_archive_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    result = run_main(["--archive", str(tmp_path / "a"), "--db", "mysql://nobody@nowhere/x"])

    assert result.returncode == 1, result.stderr
    assert "cannot open the archive" in result.stderr
    assert "unsupported catalogue URL" in result.stderr


@pytest.mark.parametrize(
    ("env", "platform", "blocked"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),  # set but empty is no display either
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_display_problem(env: dict[str, str], platform: str, blocked: bool) -> None:
    expected = NO_DISPLAY_MESSAGE if blocked else None
    assert display_problem(env, platform) == expected
