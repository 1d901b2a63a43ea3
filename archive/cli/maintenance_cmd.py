"""Team archive and safety commands.

`creditdesk init --db URL --library DIR [--force] [--json]`
`creditdesk migrate --from DIR --to URL|PATH [--library DIR] [--force] [--json]`
`creditdesk verify [--repair] [--json]`
`creditdesk backup DEST [--json]`
`creditdesk restore BACKUP [--force] [--json]`   (into --archive / $CREDITDESK_ARCHIVE)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive.cli import EXIT_ERROR, EXIT_OK, open_archive, print_json
from archive.errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create a shared team archive (catalogue in PostgreSQL)")
    p.add_argument("--db", dest="init_db", metavar="URL", help="postgresql+psycopg://user@host/db")
    p.add_argument("--library", metavar="DIR", help="shared folder for originals and thumbnails")
    p.add_argument("--force", action="store_true", help="re-point an existing team folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_init)

    p = sub.add_parser("migrate", help="move a catalogue between SQLite and PostgreSQL")
    p.add_argument(
        "--from", dest="source", metavar="DIR", help="archive folder (default --archive)"
    )
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="URL|PATH",
        help="postgresql+psycopg://… URL, an .sqlite file or an archive folder",
    )
    p.add_argument("--library", metavar="DIR", help="destination library folder")
    p.add_argument("--force", action="store_true", help="replace a non-empty destination")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_migrate)

    p = sub.add_parser("verify", help="re-hash every original and check the catalogue")
    p.add_argument("--repair", action="store_true", help="regenerate missing thumbnails only")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_verify)

    p = sub.add_parser("backup", help="a consistent online backup into a new folder")
    p.add_argument("dest", metavar="DEST")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("restore", help="rebuild the archive (--archive) from a backup")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--force", action="store_true", help="replace a non-empty archive")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_restore)


def _done(args: argparse.Namespace, data: dict[str, Any], lines: list[str], ok: bool) -> int:
    if args.json:
        print_json(data)
    else:
        print("\n".join(lines))
    return EXIT_OK if ok else EXIT_ERROR


def run_init(args: argparse.Namespace) -> int:
    from archive.maintenance.team import init

    url = args.init_db or args.db
    library = args.library or args.archive
    if not url or not library:
        raise UsageError("init needs --db postgresql+psycopg://user@host/db and --library DIR")
    report = init(Path(library), url, force=args.force)
    lines = [
        f"team archive ready: library {report.library}",
        f"  catalogue {report.catalogue} (schema {report.schema_version})",
        f"  recorded in {report.team_file}: `creditdesk --archive {report.library} …` finds it",
    ]
    if report.password_removed:
        lines.append("  the password was not stored: teammates use PGPASSWORD or ~/.pgpass")
    return _done(args, report.as_json(), lines, True)


def run_migrate(args: argparse.Namespace) -> int:
    from archive.handle import default_archive_dir
    from archive.maintenance.transfer import transfer

    source = Path(args.source or args.archive or default_archive_dir())
    library = Path(args.library) if args.library else None
    report = transfer(source, args.target, library, force=args.force, source_db=args.db)
    data = report.as_json()
    lines = [
        f"migrated {data['rows']} rows in {len(report.tables)} tables "
        f"from {report.source} to {report.destination} in {report.seconds:.1f} s",
        f"  library {report.library}; {report.files_copied} files copied; "
        f"{report.photos_checked} photos re-hashed; {report.indexed} indexed for search",
    ]
    lines += [f"  {name}: {t['rows']} rows {'ok' if t['ok'] else 'DIFFERENT'}"
              for name, t in report.tables.items()]  # fmt: skip
    lines += [f"  problem: {p}" for p in report.problems]
    return _done(args, data, lines, not report.problems)


def run_verify(args: argparse.Namespace) -> int:
    from archive.maintenance.verify import KINDS, verify

    with open_archive(args) as archive:
        report = verify(archive, repair=args.repair)
    lines = [
        f"{'ok' if report.ok else 'PROBLEMS FOUND'}: {report.photos} photos, "
        f"{report.originals_checked} originals and {report.referenced_checked} referenced files "
        f"re-hashed, {report.thumbnails_checked} thumbnails checked"
    ]
    lines += [f"  {k}: {report.count(k)}" for k in KINDS if report.count(k)]
    lines += [f"  {p.kind}: {p.path} {p.detail}".rstrip() for p in report.problems[:200]]
    lines += [f"  repaired {p.kind}: {p.path}" for p in report.repaired[:200]]
    if report.repairable and not args.repair:
        # Only thumbnails whose original is there to rebuild them from are promised.
        lines.append(
            f"  {report.repairable} missing thumbnails can be rebuilt: creditdesk verify --repair"
            " (a picture whose pixels cannot be decoded gets a placeholder)"
        )
    if report.placeholders:
        lines.append(
            f"  {len(report.placeholders)} photos show a placeholder thumbnail: their pixels "
            "cannot be decoded (the originals are kept as received)"
        )
    return _done(args, report.as_json(), lines, report.ok)


def run_backup(args: argparse.Namespace) -> int:
    from archive.maintenance.backup import backup

    with open_archive(args) as archive:
        report = backup(archive, Path(args.dest))
    lines = [
        f"backup written to {report.dest}: {report.engine} catalogue, {report.photos} photos, "
        f"{report.files} files ({report.linked} hard-linked, {report.copied} copied, "
        f"{report.bytes / 1e6:.1f} MB)"
    ]
    if report.referenced:
        lines.append(f"  {report.referenced} referenced files stay where they are (not copied)")
    lines += [f"  warning: {w}" for w in report.warnings]
    return _done(args, report.as_json(), lines, not report.warnings)


def run_restore(args: argparse.Namespace) -> int:
    from archive.handle import default_archive_dir
    from archive.maintenance.restore import restore

    folder = Path(args.archive) if args.archive else default_archive_dir()
    report = restore(Path(args.backup), folder, args.db, force=args.force)
    lines = [
        f"restored {report.photos} photos and {report.files} files into {report.archive} "
        f"({report.catalogue})"
    ]
    lines += [f"  problem: {p}" for p in report.problems]
    if not report.problems:
        lines.append("  every file and table matches the backup's manifest")
    else:
        print("creditdesk: the restored archive differs from the backup", file=sys.stderr)
    return _done(args, report.as_json(), lines, not report.problems)
