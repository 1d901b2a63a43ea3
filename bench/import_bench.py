"""Import benchmark: how fast pictures become catalogued, beside exiftool and the hardware floor.

Generates N photo-like 12-megapixel JPEGs carrying agency-style EXIF/IPTC/XMP (seeded,
cached under bench/out/): each its own frame, as a shoot is, except that every 20th is the
frame before it again under another agency's credit (a twin: duplicate credit). Then it
measures on the same files in the same run:
  (a) catalogued: hash + metadata + catalogue row (searchable), from the import's own events
  (b) imported: the whole import including 320 px thumbnails
  (c) exiftool -j -fast2 reading every file: one -stay_open process per core, each on its
      share of the files (the industry reader on equal terms)
  (d) floor: read + SHA-256 + draft-decode thumbnail on all cores, nothing else
  (e) cli: `creditdesk import DIR` end to end, process start to exit (what the user waits)
Each figure is printed for all cores and per core (all-core rate / cores used).
Last line: import files=N catalogued_per_s=… imported_per_s=… exiftool_per_s=… exiftool_cores=…
floor_per_s=… cli_per_s=… and each rate's …_per_core.
Quick run: --files 100 (default); the issue's size: --files 1000.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.handle import Archive  # noqa: E402
from archive.importer.session import ImportOptions, ImportSession  # noqa: E402
from bench import exiftool_pool  # noqa: E402

SIZE = (4000, 3000)  # 12 MP
PEOPLE = ["Kate Winslet", "Mia Threapleton", "Olivia Colman", "Ncuti Gatwa", "Jodie Comer",
          "Łukasz Żal", "Zoë Wanamaker", "Ben Whishaw"]  # fmt: skip
AGENCIES = [("Joe Maher", "Getty Images"), ("Mike Marsland", "WireImage"),
            ("Dave Benett", "Getty Images"), ("Jeff Spicer", "Getty Images")]  # fmt: skip


@functools.cache
def _grain() -> Any:
    """Sensor grain, made once per process: the slow part of a frame."""
    from PIL import Image

    return Image.effect_noise(SIZE, 18).convert("RGB")


def base_jpeg(seed: int) -> bytes:
    """A distinct photo-like frame: smooth gradients from a random 40x30 grid, plus grain."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    small = Image.new("RGB", (40, 30))
    small.putdata(
        [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(1200)]
    )
    im = small.resize(SIZE, Image.Resampling.BICUBIC)  # smooth, photo-like gradients
    im = Image.blend(im, _grain(), 0.18).filter(ImageFilter.SMOOTH)  # realistic file size
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def agency_metadata(data: bytes, i: int) -> bytes:
    import exiv2

    rng = random.Random(i)
    people = rng.sample(PEOPLE, rng.choice([1, 1, 2, 3]))
    byline, credit = AGENCIES[i % len(AGENCIES)]
    caption = (f"{' and '.join(people)} attend the 2023 BAFTA Television Awards with P&O Cruises "
               "at The Royal Festival Hall on May 14, 2023 in London, England.")  # fmt: skip
    img = exiv2.ImageFactory.open(data)
    img.readMetadata()
    xmp, iptc, exif = img.xmpData(), img.iptcData(), img.exifData()
    # The agency's own credit form (photographer/agency): export checks it (credit-format).
    line = f"{byline}/WireImage/Getty Images" if credit == "WireImage" else f"{byline}/{credit}"
    xmp["Xmp.dc.description"] = exiv2.LangAltValue(caption)
    xmp["Xmp.dc.creator"] = exiv2.XmpArrayValue([byline], exiv2.TypeId.xmpSeq)
    xmp["Xmp.photoshop.Credit"] = line
    xmp["Xmp.photoshop.Source"] = "Getty Images Europe"
    xmp["Xmp.iptcExt.PersonInImage"] = exiv2.XmpArrayValue(people, exiv2.TypeId.xmpBag)
    xmp["Xmp.iptcExt.Event"] = exiv2.LangAltValue("2023 BAFTA Television Awards with P&O Cruises")
    xmp["Xmp.plus.ImageSupplierImageID"] = str(1_490_000_000 + i)
    iptc["Iptc.Envelope.CharacterSet"] = "\x1b%G"
    iptc["Iptc.Application2.Caption"] = caption
    iptc["Iptc.Application2.Byline"] = byline
    iptc["Iptc.Application2.Credit"] = line.encode()[:32].decode(errors="ignore")
    iptc["Iptc.Application2.Source"] = "Getty Images Europe"
    iptc["Iptc.Application2.SpecialInstructions"] = "EDITORIAL USE ONLY"
    iptc["Iptc.Application2.City"] = "London"
    exif["Exif.Image.Make"] = "Canon"
    exif["Exif.Image.Model"] = "Canon EOS R5"
    exif["Exif.Photo.DateTimeOriginal"] = f"2023:05:14 18:{i // 60 % 60:02d}:{i % 60:02d}"
    img.writeMetadata()
    io_ = img.io()
    io_.open()
    try:
        return bytes(io_.mmap())
    finally:
        io_.munmap()
        io_.close()


# Bumped whenever the generated files change, so a cache of the old files is never
# measured as the new ones. v2: credit lines in the agency's form. v3: every picture its
# own frame; v2 was 8 frames in 125 copies each, so every photo had 124 exact twins under
# other credits and each import or export check listed and re-checked them all.
GENERATION = "v3"
# Every TWIN_EVERY-th picture is the frame before it again, sent by another agency (the
# same picture from Getty and WireImage: what the duplicate-credit check is for).
TWIN_EVERY = 20


def corpus_dir(cache: Path, n: int) -> Path:
    return cache / f"{GENERATION}-n{n}"


def frame_of(i: int) -> int:
    return i - 1 if i % TWIN_EVERY == TWIN_EVERY - 1 else i


def _write_frame(files: list[tuple[int, str]]) -> None:
    """One frame and every file that carries it (its twin's too), each with its metadata."""
    import exiv2

    exiv2.XmpParser.initialize()
    data = base_jpeg(frame_of(files[0][0]))
    for i, name in files:
        path = Path(name)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(agency_metadata(data, i))
        tmp.replace(path)


def generate(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"BAFTA_{i:05d}.jpg" for i in range(n)]
    frames: dict[int, list[tuple[int, str]]] = {}
    for i, f in enumerate(files):
        frames.setdefault(frame_of(i), []).append((i, str(f)))
    # A frame is made again whenever any of its files is missing (both, for a twin).
    missing = [group for group in frames.values() if any(not Path(p).exists() for _, p in group)]
    if missing:
        print(
            f"generating {sum(len(g) for g in missing)} 12 MP JPEGs in {folder} on every core "
            "(cached for next time)…",
            file=sys.stderr,
        )
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(_write_frame, missing, chunksize=4))
    return files


def floor_one(path: str) -> int:
    from PIL import Image

    data = Path(path).read_bytes()
    hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(data)) as im:
        im.draft("RGB", (320, 320))
        im.thumbnail((320, 320))
    return len(data)


def measure_floor(files: list[Path]) -> float:
    jobs = os.cpu_count() or 1
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(floor_one, [str(files[0])] * jobs))  # warm the workers
        t = time.perf_counter()
        list(pool.map(floor_one, [str(f) for f in files], chunksize=4))
        return time.perf_counter() - t


def measure_exiftool(files: list[Path]) -> float | None:
    if not exiftool_pool.available():
        print(
            "exiftool not installed: (c) skipped (apt-get install libimage-exiftool-perl)",
            file=sys.stderr,
        )
        return None
    with exiftool_pool.ExiftoolPool() as pool:
        return pool.run([["-j", "-fast2", str(f)] for f in files], batch=True)


def cli_command() -> list[str]:
    """The installed `creditdesk` script beside this interpreter (what users run), else the
    same entry point through this interpreter. Our modules' bytecode is brought up to date
    first, as an installed program has it (bench/bytecode.py)."""
    from bench.bytecode import compile_ours

    compile_ours()
    script = Path(sys.executable).with_name("creditdesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from archive.cli import main; sys.exit(main())"]


def measure_cli_import(folder: Path, work: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [*cli_command(), "--archive", str(work / "cli-archive"), "import", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return time.perf_counter() - t


def measure_import(files: list[Path], work: Path) -> tuple[float, float]:
    archive = Archive.open(work / "archive")
    try:
        t = time.perf_counter()
        catalogued_at = None
        session = ImportSession(archive, [files[0].parent], ImportOptions())
        for ev in session.run():
            if ev.kind in ("catalogued", "duplicate", "failed") and ev.processed == ev.total:
                catalogued_at = time.perf_counter() - t
        total = time.perf_counter() - t
        assert not session.report.failed, session.report.failed[:3]
        assert session.report.imported == len(files)
        return catalogued_at or total, total
    finally:
        archive.close()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "import")
    args = ap.parse_args()
    files = generate(corpus_dir(args.cache, args.files), args.files)
    mb = sum(f.stat().st_size for f in files) / len(files) / 1e6
    n = len(files)
    cores = exiftool_pool.cores()
    print(f"{n} files, {mb:.1f} MB each on average, {cores} cores")
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        floor = measure_floor(files)
        exiftool = measure_exiftool(files)
        catalogued, imported = measure_import(files, Path(tmp))
        cli = measure_cli_import(files[0].parent, Path(tmp))
    rate = {
        "catalogued": n / catalogued,
        "imported": n / imported,
        "exiftool": n / exiftool if exiftool else float("nan"),
        "floor": n / floor,
        "cli": n / cli,
    }
    vs_exiftool = rate["catalogued"] / rate["exiftool"]
    vs_floor = rate["imported"] / rate["floor"]
    rows = [
        ("catalogued", "(a) catalogued (hash + metadata + row)"),
        ("imported", "(b) imported incl. 320 px thumbnails"),
        ("exiftool", f"(c) exiftool -j -fast2, {cores} processes"),
        ("floor", "(d) floor: read + SHA-256 + draft"),
        ("cli", "(e) creditdesk import, end to end"),
    ]
    print(f"{'':42} {'all cores':>10} {'per core':>10}  (photos/s)")
    for key, label in rows:
        print(f"{label:42} {rate[key]:10.1f} {rate[key] / cores:10.1f}")
    print(f"(a)/(c) = {vs_exiftool:.2f}x exiftool on all cores (target >= 2x)")
    print(f"(b)/(d) = {vs_floor:.0%} of the floor (target >= 80%)")
    print(f"(e)/(c) = {rate['cli'] / rate['exiftool']:.2f}x exiftool, whole command")
    print(
        f"import files={n} catalogued_per_s={rate['catalogued']:.1f} "
        f"imported_per_s={rate['imported']:.1f} exiftool_per_s={rate['exiftool']:.1f} "
        f"exiftool_cores={cores} floor_per_s={rate['floor']:.1f} cli_per_s={rate['cli']:.1f} "
        + " ".join(
            f"{k}_per_s_per_core={rate[k] / cores:.1f}"
            for k in ("catalogued", "imported", "exiftool", "floor", "cli")
        )
    )


if __name__ == "__main__":
    main()
