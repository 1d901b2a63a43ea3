"""How the desktop app copes with a big archive (offscreen).

    .venv/bin/python bench/gui_bench.py               # quick: 10,000 photos, 5 starts
    .venv/bin/python bench/gui_bench.py --photos 100000

Builds (once, cached in bench/out/gui_N) an archive of N synthetic photos with Core bulk
inserts (the search bench's generator) and a thumbnail on disk for every photo (a few
distinct 320 px JPEGs, hard-linked under each photo's name), so painting decodes real
thumbnails. Then starts the app --runs times (at least 5), each a new process (one untimed
run first warms the OS file cache), and measures in each:
  start:  process launch (interpreter and imports included) → grid painted with the visible
          thumbnails decoded;
  search: query typed → grid repainted with its thumbnails AND the sidebar counts updated
          (the sidebar refresh is debounced by the window: that wait is the user's too);
  scroll: one scroll frame; rss after scrolling to the end.
Reported: startup median and max over the starts; search median (and max) over every search
of every start. The last line is

    gui photos=N startup_ms=… startup_max_ms=… search_repaint_ms=… scroll_frame_ms=… rss_mb=…

(plus search_repaint_max_ms and search_grid_ms, the grid alone). Targets on 100,000 photos:
median start ≤ 1.0 s, search → grid and sidebar repainted ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
QUERIES = ("person:kate", "red carpet", "agency:getty taken:2021", "event:bafta", "london")


def build_archive(photos: int) -> Path:
    folder = OUT / f"gui_{photos}"
    if (folder / "catalog.sqlite").exists():
        return folder
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from search_bench import build, index

    from archive.handle import Archive

    tmp = OUT / f"gui_{photos}.part"
    shutil.rmtree(tmp, ignore_errors=True)
    with Archive.open(tmp) as arc:
        started = time.perf_counter()
        build(arc, photos, 7)
        index(arc)
        print(f"built {photos:,} photos in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    tmp.rename(folder)
    return folder


def ensure_thumbnails(folder: Path) -> None:
    """A thumbnail file for every photo, as an import leaves them (done once, marked)."""
    marker = folder / "thumbnails" / ".bench-complete"
    if marker.exists():
        return
    import io
    import random
    import sqlite3

    from PIL import Image, ImageDraw

    started = time.perf_counter()
    samples = []
    for seed in range(8):  # distinct pictures: the decoder cannot get away with one
        rng = random.Random(seed)
        im = Image.new("RGB", (320, 213), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(im)
        for _ in range(40):
            x, y = rng.randrange(320), rng.randrange(213)
            fill = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse((x, y, x + rng.randrange(10, 90), y + rng.randrange(10, 90)), fill=fill)
        path = folder / "thumbnails" / f".sample{seed}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=85)
        path.write_bytes(buf.getvalue())
        samples.append(path)
    with sqlite3.connect(folder / "catalog.sqlite") as db:
        shas = [r[0] for r in db.execute("SELECT sha256 FROM photo")]
    for i, sha in enumerate(shas):
        dest = folder / "thumbnails" / sha[:2] / f"{sha}.jpg"
        dest.parent.mkdir(exist_ok=True)
        if not dest.exists():
            os.link(samples[i % len(samples)], dest)
    marker.write_text(str(len(shas)))
    print(f"thumbnails for {len(shas):,} photos in {time.perf_counter() - started:.0f} s")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(folder: Path, launched: float) -> None:
    """Runs in the measured process: everything from imports on counts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from archive.handle import Archive
    from gui.main_window import MainWindow
    from gui.services import Services
    from gui.settings import file_settings

    app = QApplication(["creditdesk-bench"])
    archive = Archive.open(folder)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(Services.build(archive), file_settings(f"{tmp}/s.ini"))
        window.resize(1440, 900)
        window.show()

        def settle(done: object) -> None:
            while not done():  # type: ignore[operator]
                app.processEvents()

        loader = window.loader

        def painted() -> None:
            """Grid painted, then painted again once the visible thumbnails it queued are
            decoded (painting is what queues them)."""
            window.grid.viewport().repaint()
            settle(lambda: not loader._pending)
            window.grid.viewport().repaint()

        settle(lambda: not window.model.searching and window.model.rowCount() > 0)
        painted()
        startup_ms = (time.time() - launched) * 1000
        settle(lambda: not window.reader.busy)

        sidebar_set = window.sidebar.set_data
        updated: list[bool] = []

        def set_data(data: object) -> None:
            sidebar_set(data)  # type: ignore[arg-type]
            updated.append(True)

        window.sidebar.set_data = set_data  # type: ignore[method-assign]
        repaint: list[float] = []
        grid_only: list[float] = []
        for query in QUERIES * 2:
            updated.clear()
            started = time.perf_counter()
            window.search_bar.run(query)
            settle(lambda: not window.model.searching)
            painted()
            grid_only.append((time.perf_counter() - started) * 1000)
            settle(lambda: bool(updated))
            window.sidebar.viewport().repaint()
            repaint.append((time.perf_counter() - started) * 1000)
            settle(lambda: not window.reader.busy)  # names etc. finish between searches

        window.search_bar.run("")
        settle(lambda: not window.model.searching)
        bar = window.grid.verticalScrollBar()
        frames: list[float] = []
        for step in range(300):
            started = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep() // 2 + (step % 7) * 40)
            window.grid.viewport().repaint()
            app.processEvents()
            frames.append((time.perf_counter() - started) * 1000)
        bar.setValue(bar.maximum())  # a jump to the end of 100,000
        window.grid.viewport().repaint()
        settle(lambda: not window.reader.busy)
        memory = rss_mb()
        pages = window.model.loaded_pages
        window.close()
        archive.close()
    print(
        f"result {startup_ms:.0f} {statistics.median(repaint):.1f} "
        f"{statistics.median(frames):.1f} {memory:.0f} "
        f"{max(repaint):.1f} {sorted(frames)[int(len(frames) * 0.95)]:.1f} {pages} "
        f"{statistics.median(grid_only):.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--photos", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5, help="cold starts (at least 5)")
    ap.add_argument("--child", metavar="FOLDER", help=argparse.SUPPRESS)
    ap.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child), args.launched)
        return
    folder = build_archive(args.photos)
    ensure_thumbnails(folder)
    sys.path.insert(0, str(ROOT))
    from bench.bytecode import compile_ours

    compile_ours()  # an installed app has its bytecode (bench/bytecode.py)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = []
    for _ in range(max(args.runs, 5) + 1):  # a new process each; the first warms the OS cache
        launched = time.time()
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), "--launched", str(launched)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("result "))
        runs.append([float(v) for v in line.split()[1:]])
    timed = runs[1:]
    starts = [r[0] for r in timed]
    startup, startup_max = statistics.median(starts), max(starts)
    search = statistics.median(r[1] for r in timed)
    search_max = max(r[4] for r in timed)
    frame = statistics.median(r[2] for r in timed)
    frame_p95 = statistics.median(r[5] for r in timed)
    rss = max(r[3] for r in timed)
    grid = statistics.median(r[7] for r in timed)
    print(
        f"startup median {startup:.0f} ms, max {startup_max:.0f} ms "
        f"(starts: {', '.join(f'{s:.0f}' for s in starts)}; warm-up {runs[0][0]:.0f}); "
        f"search→grid+sidebar median {search:.1f} ms, max {search_max:.1f} ms "
        f"(grid alone {grid:.1f} ms); scroll frame median {frame:.1f} ms, p95 {frame_p95:.1f} ms; "
        f"{timed[-1][6]:.0f} pages held; {folder}"
    )
    print(
        f"gui photos={args.photos} startup_ms={startup:.0f} startup_max_ms={startup_max:.0f} "
        f"search_repaint_ms={search:.1f} scroll_frame_ms={frame:.1f} rss_mb={rss:.0f} "
        f"search_repaint_max_ms={search_max:.1f} search_grid_ms={grid:.1f}"
    )


if __name__ == "__main__":
    main()
