"""How fast the loupe shows a big picture, and how little of it the GUI thread pays (offscreen).

    .venv/bin/python bench/loupe_bench.py [--photos 6] [--megapixels 24]

Makes (once, cached in bench/out/loupe_NxMP) N camera-sized noisy JPEGs, imports them
into a fresh archive, opens the window and walks through them in the loupe (→), timing
for each picture: the GUI thread's own share of opening it (open_ms: the call that asks
for the decodes), the stand-in on screen (preview_ms: the catalogue's thumbnail) and the
full-size picture on screen (full_ms, decoded on the loupe's pool). The last line is

    loupe photos=N megapixels=M open_ms_p50=… open_ms_max=… preview_ms_p50=… preview_ms_max=…
          full_ms_p50=… full_ms_max=…   (one line)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_pictures(count: int, megapixels: int) -> Path:
    from PIL import Image

    folder = OUT / f"loupe_{count}x{megapixels}"
    if len(list(folder.glob("*.jpg"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    width = int((megapixels * 1_000_000 * 1.5) ** 0.5)
    height = width * 2 // 3
    for n in range(count):
        rng = random.Random(n)
        # Noise costs the decoder what a real photo does (flat colour decodes far faster).
        small = Image.effect_noise((width // 8, height // 8), 60 + n).convert("RGB")
        image = small.resize((width, height), Image.Resampling.BICUBIC)
        image = Image.blend(image, Image.new("RGB", image.size, (rng.randrange(256), 90, 40)), 0.3)
        image.save(folder / f"frame_{n:02d}.jpg", "JPEG", quality=92)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--photos", type=int, default=6)
    ap.add_argument("--megapixels", type=int, default=24)
    args = ap.parse_args()
    pictures = make_pictures(args.photos, args.megapixels)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from archive.handle import Archive
    from archive.importer.session import ImportOptions, ImportSession
    from gui.main_window import MainWindow
    from gui.services import Services
    from gui.settings import file_settings

    app = QApplication(["loupe-bench"])
    opened, preview, full = [], [], []
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "arc") as archive:
        session = ImportSession(archive, [pictures], ImportOptions(jobs=2))
        list(session.run())
        window = MainWindow(
            Services.build(archive), file_settings(str(Path(tmp) / "s.ini")), import_jobs=1
        )
        window.show()

        def wait(ready, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
            end = time.perf_counter() + timeout
            while not ready():
                if time.perf_counter() > end:
                    raise SystemExit("timed out")
                QCoreApplication.processEvents()
                time.sleep(0.001)

        wait(lambda: not window.model.searching and window.model.rowCount() == args.photos)
        for row in range(args.photos):
            window.grid.setCurrentIndex(window.model.index(row))
            started = time.perf_counter()
            loupe = window.open_loupe(row)
            opened.append((time.perf_counter() - started) * 1000)
            assert loupe is not None
            wait(lambda lp=loupe: "preview" in lp.stages or lp.stage in ("full", "failed"))
            preview.append((time.perf_counter() - started) * 1000)
            wait(lambda lp=loupe: lp.stage in ("full", "failed"))
            full.append((time.perf_counter() - started) * 1000)
            assert loupe.stage == "full", loupe.problem
        window.close()
        window.shutdown()
    del app

    def fig(name: str, values: list[float]) -> str:
        return f"{name}_p50={statistics.median(values):.1f} {name}_max={max(values):.1f}"

    print(
        f"loupe photos={args.photos} megapixels={args.megapixels} "
        f"{fig('open_ms', opened)} {fig('preview_ms', preview)} {fig('full_ms', full)}"
    )


if __name__ == "__main__":
    main()
