"""Export benchmark: our export (original size, metadata embedded) vs exiftool writing the tags.

Uses the same generated 12-megapixel agency JPEGs as bench/import_bench.py (cached under
bench/out/). Imports them by reference into a scratch archive, then measures in the same run:
  ours:     `ExportService.export` of every photo at original size (check, embed XMP/IIM/EXIF,
            write files, manifest, captions.csv, credits.txt; contact sheets off)
  exiftool: one `exiftool -stay_open` process writing the same caption, credit, by-line,
            people and event to copies of the same files (-overwrite_original)
  cp:       plain copies of the files (the floor)
Last line: export files=N ours_s=… exiftool_s=… ratio=…
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
from bench.import_bench import generate  # noqa: E402


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
    return [*args, str(path), "-execute"]


def run_exiftool(details: list[dict], copies: list[Path]) -> float:
    proc = subprocess.Popen(
        ["exiftool", "-stay_open", "True", "-@", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdin is not None
    t = time.perf_counter()
    for detail, path in zip(details, copies, strict=True):
        proc.stdin.write("\n".join(exiftool_args(detail, path)) + "\n")
    proc.stdin.write("-stay_open\nFalse\n")
    proc.stdin.close()
    proc.wait()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "import")
    args = ap.parse_args()
    files = generate(args.cache / f"n{args.files}", args.files)
    n = len(files)
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        work = Path(tmp)
        archive = Archive.open(work / "archive")
        session = ImportSession(archive, files, ImportOptions(reference=True, thumbnails=False))
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

        exiftool_s = run_exiftool(details, copies) if shutil.which("exiftool") else float("nan")

        t = time.perf_counter()
        result = ExportService(archive).export(
            ExportRequest(ids, work / "bundle", contact_sheets=("none",))
        )
        ours_s = time.perf_counter() - t
        assert not result.blocked, result.report.as_json()["photos"][:2]
        archive.close()
    print(f"{n} files; {os.cpu_count()} cores")
    print(f"cp (floor):              {n / cp_s:8.1f} files/s")
    print(f"exiftool, one process:   {n / exiftool_s:8.1f} files/s")
    ratio = exiftool_s / ours_s
    print(f"creditdesk export:       {n / ours_s:8.1f} files/s  = {ratio:.2f}x exiftool")
    print(f"export files={n} ours_s={ours_s:.2f} exiftool_s={exiftool_s:.2f} ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
