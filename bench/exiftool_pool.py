"""exiftool on every core: one `-stay_open` process per core, each on its own share of files.

A fair reference (issue 16, PITFALLS "A fair exiftool reference uses every core"): exiftool
is single-threaded, so one process measures one core against our workers on all of them.
The processes are started and warmed (Perl and its modules loaded, one command answered)
before the clock starts, as our worker pools are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence

READY = "{ready}"


def available() -> bool:
    return shutil.which("exiftool") is not None


def cores() -> int:
    return os.cpu_count() or 1


class ExiftoolPool:
    def __init__(self, processes: int | None = None) -> None:
        self.size = processes or cores()
        self.procs = [
            subprocess.Popen(
                ["exiftool", "-stay_open", "True", "-@", "-"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
            )
            for _ in range(self.size)
        ]
        self._run_all([[["-ver"]] for _ in self.procs])  # warm-up, untimed

    def _one(self, proc: subprocess.Popen[str], commands: Sequence[Sequence[str]]) -> None:
        assert proc.stdin is not None and proc.stdout is not None

        def write() -> None:
            assert proc.stdin is not None
            for cmd in commands:
                proc.stdin.write("\n".join(cmd) + "\n-execute\n")
            proc.stdin.flush()

        writer = threading.Thread(target=write)
        writer.start()
        left = len(commands)
        while left:
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError("exiftool stopped")
            if line.startswith(READY):
                left -= 1
        writer.join()

    def _run_all(self, shares: Sequence[Sequence[Sequence[str]]]) -> None:
        threads = [
            threading.Thread(target=self._one, args=(p, s))
            for p, s in zip(self.procs, shares, strict=True)
            if s
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def run(self, commands: Sequence[Sequence[str]], batch: bool = False) -> float:
        """Seconds to run *commands* (one per file), split into one contiguous share per
        process. batch=True joins each share into one command (reading: `-j a.jpg b.jpg…`)."""
        n = len(commands)
        bounds = [n * i // self.size for i in range(self.size + 1)]
        shares: list[list[list[str]]] = [
            [list(c) for c in commands[bounds[i] : bounds[i + 1]]] for i in range(self.size)
        ]
        if batch:
            shares = [[_join(s)] if s else [] for s in shares]
        t = time.perf_counter()
        self._run_all(shares)
        return time.perf_counter() - t

    def close(self) -> None:
        for p in self.procs:
            assert p.stdin is not None
            try:
                p.stdin.write("-stay_open\nFalse\n")
                p.stdin.close()
            except OSError:
                pass
        for p in self.procs:
            p.wait(timeout=60)

    def __enter__(self) -> ExiftoolPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _join(share: list[list[str]]) -> list[str]:
    """One command for a share of same-option commands: the options once, then every file."""
    opts = [a for a in share[0] if a.startswith("-")]
    return [*opts, *(a for c in share for a in c if not a.startswith("-"))]
