"""CLI start benchmark: `creditdesk list`, `show` and `search` from process start to output.

On an archive of N synthetic photos built (once, cached under bench/out/search_<N>/) by
bench/search_bench.py's bulk builder and indexed with the product's own reindex. Each command
runs in a new process --runs times (default 7, at least 5) after one untimed warm-up run
(page cache, .pyc files); the time is from spawning the process until it has exited, i.e.
its whole output is written. Also printed: the child's CPU time (user + sys), which a loaded
machine inflates far less than wall time.
  list:   `creditdesk list --limit 50` (one page, as a script or the app asks for it)
  show:   `creditdesk show ID` of a photo in the middle of the archive
  search: `creditdesk search 'Kate Winslet'` (page of 50 with the exact total)
Last line: cli photos=N list_ms=… show_ms=… search_ms=… (medians) and …_max_ms, …_cpu_ms.
Quick run: default --photos 10000; the issue's size: --photos 100000.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.import_bench import cli_command  # noqa: E402
from bench.search_bench import OUT, STAR, index, index_is_current, open_sqlite  # noqa: E402


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall ms, child CPU ms) of one run of *cmd* in a new process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
    if proc.stderr:
        proc.stderr.close()
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--photos", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--cache", type=Path, default=OUT)
    args = ap.parse_args()
    runs = max(args.runs, 5)
    args.cache.mkdir(parents=True, exist_ok=True)
    arc, folder = open_sqlite(args.photos, args.seed, args.cache)
    try:
        if not index_is_current(arc):
            index(arc)
    finally:
        arc.close()
    base = [*cli_command(), "--archive", str(folder)]
    commands = {
        "list": [*base, "list", "--limit", "50"],
        "show": [*base, "show", str(args.photos // 2)],
        "search": [*base, "search", STAR],
    }
    figures: dict[str, tuple[float, float, float]] = {}
    print(f"{args.photos:,} photos; {runs} runs each after a warm-up; {os.cpu_count()} cores")
    for name, cmd in commands.items():
        run_once(cmd)  # warm-up
        walls, cpus = zip(*(run_once(cmd) for _ in range(runs)), strict=True)
        figures[name] = (statistics.median(walls), max(walls), statistics.median(cpus))
        med, worst, cpu = figures[name]
        print(f"{name:7} median {med:7.0f} ms  max {worst:7.0f} ms  cpu {cpu:6.0f} ms")
    print(
        f"cli photos={args.photos} "
        + " ".join(f"{k}_ms={v[0]:.0f}" for k, v in figures.items())
        + " "
        + " ".join(f"{k}_max_ms={v[1]:.0f} {k}_cpu_ms={v[2]:.0f}" for k, v in figures.items())
    )


if __name__ == "__main__":
    main()
