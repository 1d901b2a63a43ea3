"""Export benchmark: our export (original size, metadata embedded) vs exiftool writing the tags.

Uses the same generated 12-megapixel agency JPEGs as bench/import_bench.py (cached under
bench/out/). Imports them by reference (with thumbnails) into a scratch archive, then
measures in the same run:
  ours:     `ExportService.export` of every photo at original size (check, embed XMP/IIM/EXIF,
            write files, manifest, captions.csv, credits.txt; contact sheets off)
  cli:      `creditdesk export IDS --to DIR --contact-sheet none` end to end: process start to
            exit, i.e. until the bundle is renamed into place (check, write, sync, manifest,
            captions, credits) — what the user waits for
  sheets:   the same command with its default contact sheets (HTML + PDF)
  exiftool: one `exiftool -stay_open` process per core, each writing the same caption, credit,
            by-line, people and event to its share of copies of the files
            (-overwrite_original); processes started and warmed before the clock starts
  cp:       plain copies of the files (the floor)
Rates are printed for all cores and per core (all-core rate / cores).
Last line: export files=N ours_s=… cli_s=… exiftool_s=… exiftool_cores=… ratio=… cli_ratio=…
cli_sheets_s=… sheets_overhead=… and per-core rates. Quick: --files 100 (default); --files 1000.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.handle import Archive  # noqa: E402
from archive.importer.session import ImportOptions, ImportSession  # noqa: E402
from archive.services.exports import ExportRequest, ExportService  # noqa: E402
from archive.services.photos import PhotoService  # noqa: E402
from bench import exiftool_pool  # noqa: E402
from bench.import_bench import cli_command, corpus_dir, generate  # noqa: E402


def exiftool_args(detail: dict, path: Path) -> list[str]:
    args = [
        "-overwrite_original",
        "-codedcharacterset=utf8",
        f"-XMP-dc:Description={detail['caption'] or ''}",
        f"-IPTC:Caption-Abstract={detail['caption'] or ''}",
        f"-EXIF:ImageDescription={detail['caption'] or ''}",
        f"-XMP-photoshop:Credit={detail['credit_line'] or ''}",
        f"-IPTC:Credit={(detail['credit_line'] or '').encode()[:32].decode(errors='ignore')}",
        f"-XMP-dc:Creator={detail['photographer'] or ''}",
        f"-IPTC:By-line={detail['photographer'] or ''}",
        f"-EXIF:Artist={detail['photographer'] or ''}",
        f"-XMP-iptcExt:Event={(detail['event'] or {}).get('name', '')}",
    ]
    args += [f"-XMP-iptcExt:PersonInImage={p}" for p in detail["people"]]
    return [*args, str(path)]


def run_exiftool(details: list[dict], copies: list[Path]) -> float:
    with exiftool_pool.ExiftoolPool() as pool:
        cmds = [exiftool_args(d, p) for d, p in zip(details, copies, strict=True)]
        return pool.run(cmds)


def run_cli(work: Path, ids: list[int], target: Path, sheets: str) -> float:
    cmd = [*cli_command(), "--archive", str(work / "archive"), "export", *map(str, ids)]
    t = time.perf_counter()
    subprocess.run(
        [*cmd, "--to", str(target), "--contact-sheet", sheets],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - t
    assert target.is_dir(), target
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "import")
    args = ap.parse_args()
    files = generate(corpus_dir(args.cache, args.files), args.files)
    n = len(files)
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        work = Path(tmp)
        archive = Archive.open(work / "archive")
        # With thumbnails, as after a real import: the contact sheets embed them.
        session = ImportSession(archive, files, ImportOptions(reference=True))
        for _ in session.run():
            pass
        ids = sorted(session.report.photo_ids)
        details = [PhotoService(archive.sessions).detail(i) for i in ids]

        t = time.perf_counter()
        copies = []
        for i, d in enumerate(details):
            dest = work / "copies" / f"{i:05d}.jpg"
            dest.parent.mkdir(exist_ok=True)
            shutil.copyfile(d["stored_path"], dest)
            copies.append(dest)
        os.sync()
        cp_s = time.perf_counter() - t

        exiftool_s = run_exiftool(details, copies) if exiftool_pool.available() else float("nan")

        t = time.perf_counter()
        result = ExportService(archive).export(
            ExportRequest(ids, work / "bundle", contact_sheets=("none",))
        )
        ours_s = time.perf_counter() - t
        assert not result.blocked, result.report.as_json()["photos"][:2]
        archive.close()
        cli_s = run_cli(work, ids, work / "cli-bundle", "none")
        sheets_s = run_cli(work, ids, work / "cli-sheets", "html,pdf")
    cores = exiftool_pool.cores()
    print(f"{n} files; {cores} cores")
    rows = [
        ("cp (floor)", cp_s),
        (f"exiftool, {cores} processes", exiftool_s),
        ("export, in process", ours_s),
        ("creditdesk export, CLI", cli_s),
        ("  …with contact sheets", sheets_s),
    ]
    print(f"{'':30} {'seconds':>8} {'files/s':>8} {'per core':>9}")
    for label, sec in rows:
        print(f"{label:30} {sec:8.2f} {n / sec:8.1f} {n / sec / cores:9.1f}")
    ratio, cli_ratio = exiftool_s / ours_s, exiftool_s / cli_s
    overhead = sheets_s / cli_s - 1
    print(f"in process = {ratio:.2f}x exiftool; CLI = {cli_ratio:.2f}x (target >= 1.5x)")
    print(f"contact sheets add {overhead:.0%} (target <= 20%)")
    print(
        f"export files={n} ours_s={ours_s:.2f} cli_s={cli_s:.2f} exiftool_s={exiftool_s:.2f} "
        f"exiftool_cores={cores} ratio={ratio:.2f} cli_ratio={cli_ratio:.2f} "
        f"cli_sheets_s={sheets_s:.2f} sheets_overhead={overhead:.2f} "
        f"ours_per_s_per_core={n / ours_s / cores:.1f} cli_per_s_per_core={n / cli_s / cores:.1f} "
        f"exiftool_per_s_per_core={n / exiftool_s / cores:.1f}"
    )


if __name__ == "__main__":
    main()
