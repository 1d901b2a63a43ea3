"""`creditdesk watch DIR… [--preset NAME] [--event NAME] [--reference] [--json]`.

Runs until stopped (Ctrl-C or SIGTERM: the file in hand is finished, then a clean exit).
Each line of --json output is one JSON object (JSON Lines): started, caught-up, ingested,
duplicate, failed, thumbnail, warning, stopped.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from typing import Any

from archive.cli import EXIT_OK, open_archive


def register(sub: Any) -> None:
    p = sub.add_parser("watch", help="watch drop folders and ingest pictures as they arrive")
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("--preset", metavar="NAME", help="ingest preset applied to every arrival")
    p.add_argument("--event", metavar="NAME", help="attach every arrival to this event")
    p.add_argument(
        "--reference", action="store_true", help="leave the files where they are (no copy)"
    )
    p.add_argument(
        "--poll",
        action="store_true",
        help="poll the folders instead of waiting for events (automatic on network shares)",
    )
    p.add_argument(
        "--settle",
        type=float,
        default=0.5,
        metavar="S",
        help="seconds a file must stay unchanged when its writer never says it closed it",
    )
    p.add_argument("--no-check", action="store_true", help="do not check arrivals")
    p.add_argument("--json", action="store_true", help="one JSON object per line on stdout")
    p.set_defaults(handler=watch)


def watch(args: argparse.Namespace) -> int:
    from archive.errors import UsageError
    from archive.ingest.batch import IngestSettings, WatchEvent
    from archive.ingest.presets_store import PresetService
    from archive.ingest.watcher import FolderWatcher

    if args.settle < 0:
        raise UsageError("--settle must be zero or more seconds")

    def show(ev: WatchEvent) -> None:
        if args.json:
            sys.stdout.write(json.dumps(ev.as_json(), ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()
            return
        line = _line(ev)
        if line:
            print(
                line,
                file=sys.stderr if ev.kind in ("failed", "warning") else sys.stdout,
                flush=True,
            )

    with open_archive(args) as archive:
        preset = PresetService(archive.sessions).get(args.preset) if args.preset else None
        settings = IngestSettings(
            preset=preset, event=args.event, reference=args.reference, check=not args.no_check
        )
        watcher = FolderWatcher(
            archive, args.folders, settings, show, quiet=args.settle, polling=args.poll or None
        )

        def stop(signum: int, _frame: Any) -> None:
            watcher.stop()

        old = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            status = watcher.run()
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)
    if not args.json:
        print(
            f"stopped: {status.ingested} ingested, {status.duplicates} duplicates, "
            f"{status.failed} failed",
            file=sys.stderr,
        )
    return EXIT_OK


def _line(ev: Any) -> str | None:
    if ev.kind == "started":
        how = "polling" if ev.detail.get("polling") else "events"
        return f"watching {', '.join(ev.detail['folders'])} ({how}); Ctrl-C stops"
    if ev.kind == "caught-up":
        return f"caught up: {ev.detail['queued']} pictures arrived while nothing watched"
    if ev.kind == "ingested":
        status = f" [{ev.status}]" if ev.status else ""
        return f"ingested {ev.path} → photo {ev.photo_id}{status}"
    if ev.kind == "duplicate":
        return f"duplicate {ev.path} (photo {ev.photo_id} already in the archive)"
    if ev.kind == "failed":
        return f"failed: {ev.path}: {ev.error}"
    if ev.kind == "warning":
        return f"warning: {ev.path + ': ' if ev.path else ''}{ev.error}"
    return None
