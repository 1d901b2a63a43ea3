"""The fault tests reuse the archive fixtures (both engines) of tests/archive."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.archive.conftest import archive, db_url, engine_name, pg_ok, pg_url  # noqa: F401
from tests.factories import Agency, embed, write_photo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_env_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDITDESK_DB", raising=False)
    monkeypatch.delenv("CREDITDESK_ARCHIVE", raising=False)


def agency_photos(
    folder: Path, n: int, size: tuple[int, int] = (640, 480), seed: int = 0, noise: bool = False
) -> Path:
    """*n* distinct JPEGs with a full agency credit (so exports are not blocked); *noise*
    makes them large (grain does not compress)."""
    for i in range(n):
        meta = Agency(
            caption=f"Guest number {i} arrives at the 2023 BAFTA Television Awards in London.",
            byline="Joe Maher",
            credit="Joe Maher/Getty Images",  # the published line: import keeps it as sent
            people=["Kate Winslet"],
            taken="2023:05:14 17:42:10",
        )
        if noise:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"p{i:03d}.jpg").write_bytes(embed(noisy_jpeg(size, seed + i), meta))
        else:
            write_photo(folder / f"p{i:03d}.jpg", meta, seed=seed + i, size=size)
    return folder


def noisy_jpeg(size: tuple[int, int], seed: int) -> bytes:
    import io
    import random

    from PIL import Image

    rng = random.Random(seed)
    im = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def creditdesk(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def start(cmd: list[str], wait_for: bytes | None = None) -> subprocess.Popen[bytes]:
    """Run *cmd* in its own process group, so kill -9 reaches its workers too; with
    *wait_for*, return once it has printed that line (it is then really working)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE if wait_for else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if wait_for and proc.stdout is not None:
        line = proc.stdout.readline()
        assert line.strip() == wait_for, f"{cmd[-4:]} printed {line!r}"
    return proc


def kill_after(proc: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGKILL the whole group after *seconds*; False if it had already finished."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # Workers are in the same group; give the kernel a moment to reap them.
    time.sleep(0.05)
    return True


def arc_args(folder: Path, url: str | None) -> list[str]:
    return ["--archive", str(folder)] + (["--db", url] if url else [])
