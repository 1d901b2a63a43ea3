"""`creditdesk import PATH... [--event NAME] [--reference] [--jobs N] [--json]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli import EXIT_OK, EXIT_PARTIAL, open_archive, print_json
from archive.progress import ImportProgress


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="import photos (files and folders, recursively)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--event", metavar="NAME", help="attach every imported photo to this event")
    p.add_argument(
        "--reference",
        action="store_true",
        help="leave the files where they are instead of copying them into the archive",
    )
    p.add_argument("--preset", metavar="NAME", help="apply this ingest preset to the new pictures")
    p.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        from archive.errors import UsageError

        raise UsageError("--jobs must be at least 1")
    from archive.importer.session import ImportOptions, ImportSession

    with open_archive(args) as archive:
        preset = None
        if args.preset:
            from archive.ingest.presets_store import PresetService

            preset = PresetService(archive.sessions).get(args.preset)  # unknown: fail first
        options = ImportOptions(event=args.event, reference=args.reference, jobs=args.jobs)
        session = ImportSession(archive, args.paths, options)
        bar = ProgressBar() if sys.stderr.isatty() else None
        fresh: list[int] = []
        try:
            for event in session.run():
                if event.kind == "catalogued" and event.photo_id is not None:
                    fresh.append(event.photo_id)
                if bar is not None:
                    bar.update(event)
        except KeyboardInterrupt:
            if bar is not None:
                bar.finish()
            print(
                "creditdesk: import interrupted; what was catalogued is kept — "
                "run the same import again to complete it",
                file=sys.stderr,
            )
            return 130
        if bar is not None:
            bar.finish()
        report = session.report
        applied = _apply_preset(archive, preset, fresh, args.event) if preset and fresh else None
    if args.json:
        out = report.as_json()
        if applied is not None:
            out["preset"] = {"name": args.preset, **applied}
        print_json(out)
    else:
        print(
            f"imported {report.imported}, duplicates {report.duplicates}, "
            f"failed {len(report.failed)}"
        )
        for failure in report.failed:
            print(f"  failed: {failure.path}: {failure.error}")
        for failure in report.thumbnail_failures:
            print(f"  no thumbnail: {failure.path}: {failure.error}")
        for note in report.warnings:
            print(f"  warning: {note.path}: {note.error}")
    return EXIT_PARTIAL if report.failed or report.not_copied else EXIT_OK


def _apply_preset(archive: Any, preset: Any, ids: list[int], event: str | None) -> dict[str, Any]:
    from archive.captions import CodeReplacements
    from archive.ingest.apply import PresetApplier

    codes_file = archive.folder / "codes.txt"
    codes = CodeReplacements.load(codes_file) if codes_file.is_file() else None
    result = PresetApplier(archive.sessions, codes).apply(ids, preset, event=event)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return {"batch": result.batch, "changes": result.changes, "photo_ids": result.photo_ids}


class ProgressBar:
    """Count, rate and ETA on one stderr line; only drawn on a terminal."""

    WIDTH = 30

    def __init__(self) -> None:
        self._last = ""

    def update(self, ev: ImportProgress) -> None:
        if ev.kind == "stored" and ev.thumbnails % 10 and ev.thumbnails != ev.thumbnails_total:
            return
        total = max(ev.total, 1)
        filled = int(self.WIDTH * ev.processed / total)
        eta = f"{ev.eta_seconds:.0f}s" if ev.eta_seconds is not None else "?"
        line = (
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {ev.processed}/{ev.total} "
            f"{ev.rate:.1f}/s ETA {eta}  thumbnails {ev.thumbnails}/{ev.thumbnails_total}"
            f"  failed {ev.failed}"
        )
        if line != self._last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self._last = line

    def finish(self) -> None:
        if self._last:
            sys.stderr.write("\n")
            sys.stderr.flush()
