"""Watch benchmark: 12 MP agency JPEGs dropped at a steady rate into a watched folder.

A writer thread drops RATE files per second for SECONDS seconds into a drop folder (each
written whole and closed, as an SFTP upload ends); the folder watcher ingests them with an
ingest preset (fields filled, check run) exactly as `creditdesk watch --preset` does.
Per file it measures the latency from the file's last byte to
  * searchable: catalogued, preset applied and checked (the watcher's "ingested" event),
  * thumbnail: copied into the archive and its 320 px thumbnail written,
and reports p50 / p95 / max, whether the watcher kept up (everything ingested within a few
seconds of the last drop) and the largest backlog (dropped but not yet searchable).
Files come from bench/import_bench.py's generator (cached under bench/out/).
Last line: watch rate=N files=N p50_ms=… p95_ms=… thumb_p95_ms=… backlog_max=…
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.handle import Archive  # noqa: E402
from archive.ingest.batch import IngestSettings, WatchEvent  # noqa: E402
from archive.ingest.presets import Preset  # noqa: E402
from archive.ingest.watcher import FolderWatcher  # noqa: E402
from bench.import_bench import generate  # noqa: E402

PRESET = Preset(
    name="bench-desk",
    fields={
        "headline": "{event} - Arrivals",
        "alt_text": "A guest arrives on the red carpet",
        "copyright": "© 2023 Getty Images",
        "city": "London",
        "country": "United Kingdom",
    },
    keywords=("Red Carpet",),
)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=10.0, help="files dropped per second")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--settle", type=float, default=0.5)
    ap.add_argument("--poll", action="store_true", help="use the polling observer")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "import")
    args = ap.parse_args()
    n = int(args.rate * args.seconds)
    files = generate(args.cache, n)
    work = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    drop = work / "drop"
    drop.mkdir()
    archive = Archive.open(work / "archive")
    last_byte: dict[str, float] = {}
    searchable: dict[str, float] = {}
    thumbs: dict[str, float] = {}
    failures: list[str] = []
    lock = threading.Lock()

    ready = threading.Event()

    def seen(ev: WatchEvent) -> None:
        if ev.kind == "caught-up":
            ready.set()
        with lock:
            if ev.kind == "ingested" and ev.path:
                searchable.setdefault(ev.path, ev.at)
            elif ev.kind == "thumbnail" and ev.path:
                thumbs.setdefault(ev.path, ev.at)
            elif ev.kind == "failed":
                failures.append(f"{ev.path}: {ev.error}")

    watcher = FolderWatcher(
        archive,
        [drop],
        IngestSettings(preset=PRESET),
        seen,
        quiet=args.settle,
        polling=True if args.poll else None,
    )
    watcher.ingester.open_pool()  # here, before any thread: the workers fork cheaply
    runner = threading.Thread(target=watcher.run, daemon=True)
    runner.start()
    if not ready.wait(120):
        raise SystemExit("the watcher did not start")
    backlog_max = 0
    interval = 1.0 / args.rate
    start = time.monotonic()
    print(f"dropping {n} files at {args.rate:g}/s into {drop}…", file=sys.stderr)
    for i, src in enumerate(files):
        due = start + i * interval
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        dest = drop / src.name
        with open(src, "rb") as fin, open(dest, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
        last_byte[str(dest)] = time.time()
        with lock:
            backlog_max = max(backlog_max, len(last_byte) - len(searchable))
    dropping = time.monotonic() - start
    deadline = time.monotonic() + 30.0
    while time.monotonic() < deadline:
        with lock:
            if len(searchable) + len(failures) >= n and len(thumbs) >= len(searchable):
                break
        time.sleep(0.05)
    drained = time.monotonic() - start - dropping
    watcher.stop()
    runner.join(60)
    archive.close()

    lat = [(searchable[p] - t) * 1000 for p, t in last_byte.items() if p in searchable]
    thumb = [(thumbs[p] - t) * 1000 for p, t in last_byte.items() if p in thumbs]
    kept_up = len(lat) == n and not failures and drained < 5.0
    print(f"dropped {n} files in {dropping:.1f} s (target {args.seconds:g} s); "
          f"the last was searchable {drained:.2f} s after the last drop")  # fmt: skip
    print(f"to searchable (captioned, checked): p50 {percentile(lat, 0.5):.0f} ms, "
          f"p95 {percentile(lat, 0.95):.0f} ms, max {max(lat, default=float('nan')):.0f} ms, "
          f"median {statistics.median(lat) if lat else float('nan'):.0f} ms")  # fmt: skip
    print(
        f"to thumbnail: p50 {percentile(thumb, 0.5):.0f} ms, "
        f"p95 {percentile(thumb, 0.95):.0f} ms, max {max(thumb, default=float('nan')):.0f} ms"
    )
    print(
        f"kept up: {'yes' if kept_up else 'NO'} (ingested {len(lat)}/{n}, failed "
        f"{len(failures)}, largest backlog {backlog_max} files); target p95 <= 1000 ms"
    )
    for failure in failures[:5]:
        print(f"  failed: {failure}")
    shutil.rmtree(work, ignore_errors=True)
    print(
        f"watch rate={args.rate:g} files={n} p50_ms={percentile(lat, 0.5):.0f} "
        f"p95_ms={percentile(lat, 0.95):.0f} thumb_p95_ms={percentile(thumb, 0.95):.0f} "
        f"backlog_max={backlog_max}"
    )


if __name__ == "__main__":
    main()
