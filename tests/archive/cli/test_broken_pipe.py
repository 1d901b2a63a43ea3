"""Issue 22 item 9: `creditdesk list --json | head` and friends stop quietly when the reader
goes away, instead of ending in a BrokenPipeError traceback.

The reader's end of the pipe is closed before the command starts, so every write the command
makes fails with EPIPE: the same thing `head` does after its tenth line, without any timing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli import EXIT_PIPE, main
from tests.factories import winslet_getty, winslet_wireimage, write_photo

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pipe")
    write_photo(tmp / "in" / "getty.jpg", winslet_getty(), seed=31)
    write_photo(tmp / "in" / "wire.jpg", winslet_wireimage(), seed=32)
    assert main(["--archive", str(tmp / "arc"), "import", str(tmp / "in"), "--jobs", "1"]) == 0
    return tmp / "arc"


def run_into_closed_pipe(archive: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--archive", str(archive), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--json"),
        ("list",),
        ("search", "winslet"),
        ("search", "winslet", "--json"),
        ("agencies", "list"),
        ("agencies", "list", "--json"),
    ],
)
def test_a_closed_pipe_ends_quietly(archive_dir: Path, args: tuple[str, ...]) -> None:
    proc = run_into_closed_pipe(archive_dir, *args)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert "Exception ignored" not in err, err
    assert proc.returncode == EXIT_PIPE, err


def test_an_open_pipe_still_gets_everything(archive_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--archive", str(archive_dir), "agencies", "list"],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Getty Images" in proc.stdout
