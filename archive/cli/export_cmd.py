"""`creditdesk export …`, `usage ID`, `usage-report --agency A --from … --to … [--csv]`."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from pathlib import Path
from typing import Any

from archive.cli import EXIT_ERROR, EXIT_OK, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids
from archive.errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="check, then export a captioned bundle (folder or .zip)")
    add_selection(p)
    p.add_argument("--to", required=True, metavar="DIR|FILE.zip")
    p.add_argument("--profile", metavar="NAME", help="default: editorial-web-GB")
    p.add_argument(
        "--size", default="original", help="original (default), web or a long edge in px"
    )
    p.add_argument(
        "--name-template",
        metavar="T",
        help="default: {date:%%Y%%m%%d}_{event}_{people}_id{id}.jpg ({seq}: 001, 002…)",
    )
    p.add_argument(
        "--contact-sheet", default="html,pdf", metavar="LIST", help="html,pdf (default) or none"
    )
    p.add_argument("--override", action="append", default=[], metavar="RULE=REASON")
    p.add_argument("--at", metavar="WHEN", help="publication time to check against (default: now)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing target")
    p.add_argument(
        "--skip-blocked",
        action="store_true",
        help="export the clear pictures and leave the blocked ones out (listed)",
    )
    p.add_argument(
        "--preset",
        metavar="NAME",
        help="take the file name template and profile of this ingest preset (unless given)",
    )
    p.add_argument(
        "--sidecar",
        action="store_true",
        help="leave each picture byte for byte the original; write its metadata to NAME.xmp",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=export)

    p = sub.add_parser("usage", help="where has this picture been used?")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=usage)

    p = sub.add_parser(
        "usage-report", help="what was published per agency (invoice reconciliation)"
    )
    p.add_argument("--agency", metavar="NAME")
    p.add_argument("--from", dest="start", metavar="WHEN")
    p.add_argument("--to", dest="end", metavar="WHEN")
    p.add_argument("--csv", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=usage_report)


def export(args: argparse.Namespace) -> int:
    overrides = {}
    for item in args.override:
        rule, sep, reason = item.partition("=")
        if not sep or not rule.strip() or not reason.strip():
            raise UsageError(f"--override takes RULE=REASON with a written reason, not {item!r}")
        overrides[rule.strip()] = reason.strip()
    sheets = tuple(s.strip() for s in args.contact_sheet.split(",") if s.strip())
    # The writer and sheet processes first, before the catalogue stack loads: they warm up
    # on the other core while this one imports, checks and reads (archive/export/helpers.py).
    from archive.export.helpers import ExportHelpers

    known = None
    if args.ids and not args.query:
        from archive.services.selection import parse_ids

        with contextlib.suppress(UsageError):  # said in its turn, by selected_ids
            known = len(parse_ids(",".join(args.ids)))
    with ExportHelpers.start(pdf_sheet="pdf" in sheets, files=known) as helpers:
        return _export(args, overrides, sheets, helpers)


def _export(
    args: argparse.Namespace, overrides: dict[str, str], sheets: tuple[str, ...], helpers: Any
) -> int:
    from archive.cli.compliance_cmd import print_report
    from archive.export.names import DEFAULT_NAME_TEMPLATE
    from archive.services.exports import ExportRequest, ExportService
    from archive.services.profiles import parse_when

    with open_archive(args) as archive:
        ids = selected_ids(archive, args)
        name_template, profile = args.name_template, args.profile
        if args.preset:
            from archive.ingest.presets_store import PresetService

            preset = PresetService(archive.sessions).get(args.preset)
            name_template = name_template or preset.name_template
            profile = profile or preset.profile
        request = ExportRequest(
            ids=ids,
            target=Path(args.to),
            profile=profile,
            size=args.size,
            name_template=name_template or DEFAULT_NAME_TEMPLATE,
            contact_sheets=sheets,
            overrides=overrides,
            overwrite=args.overwrite,
            at=parse_when(args.at) if args.at else None,
            skip_blocked=args.skip_blocked,
            sidecar=args.sidecar,
        )
        result = ExportService(archive, helpers).export(request)
    if args.json:
        print_json(result.as_json())
    elif result.blocked:
        print_report(result.report, sys.stderr)
        print("export blocked: nothing was written", file=sys.stderr)
    else:
        print(f"exported {len(result.files)} photos to {result.bundle}")
        for warning in result.warnings:
            print(f"  warning: {warning}")
        for left in result.skipped:
            print(f"  left out: photo {left['photo_id']} blocked ({', '.join(left['rules'])})")
    return EXIT_ERROR if result.blocked else EXIT_OK


def usage(args: argparse.Namespace) -> int:
    from archive.services.usage import UsageService

    with open_archive(args) as archive:
        rows = UsageService(archive.sessions).usage(args.id)
    if args.json:
        print_json(rows)
    elif not rows:
        print(f"photo {args.id} has not been exported or published")
    else:
        for r in rows:
            if r["kind"] == "publication":
                where = " ".join(
                    x for x in (r["section"], r["page"] and f"p.{r['page']}", r["edition"]) if x
                )
                print(f"{r['published_on']}  ran in {r['title']!r} {where} → {r['where']}")
            else:
                print(f"{r['exported_at']}  {r['profile']:<18} {r['file']}  → {r['bundle']}")
    return EXIT_OK


COLUMNS = (
    "exported_at",
    "agency",
    "photographer",
    "credit_line",
    "photo_id",
    "file",
    "bundle",
    "profile",
    "user",
    # Publication rows (the rights desk) fill these; export rows leave them empty.
    "kind",
    "published_on",
    "where",
    "title",
    "section",
    "page",
    "edition",
    "use",
    "size",
    "fee",
    "currency",
    "expected_fee",
    "expected_currency",
    "quota_used",
    "quota",
    "basis",
)


def usage_report(args: argparse.Namespace) -> int:
    from archive.services.profiles import parse_when
    from archive.services.usage import UsageService

    start = parse_when(args.start) if args.start else None
    end = parse_when(args.end) if args.end else None
    with open_archive(args) as archive:
        rows = UsageService(archive.sessions).report(args.agency, start, end)
    if args.json:
        print_json(rows)
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in COLUMNS])
    else:
        from archive.rights.report import totals

        exports = [r for r in rows if r["kind"] == "export"]
        uses = [r for r in rows if r["kind"] == "publication"]
        print(f"{len(exports)} files exported{' for ' + args.agency if args.agency else ''}")
        for r in exports:
            agency, credit = r["agency"] or "-", r["credit_line"] or "-"
            print(f"{r['exported_at']}  {agency:<20} {credit:<40} {r['file']}")
        print(f"{len(uses)} uses published")
        for r in uses:
            fee = f"{r['expected_currency']} {r['expected_fee']}" if r["expected_fee"] else "?"
            print(
                f"{r['published_on']}  {r['agency'] or '-':<20} #{r['photo_id']:<6} "
                f"{fee:>12}  {r['basis']}  {r['title']}"
            )
        for agency, t in totals(uses).items():
            expected = ", ".join(f"{c} {v}" for c, v in t["expected"].items()) or "0"
            print(
                f"total {agency}: {t['uses']} uses ({t['included']} included, "
                f"{t['over_quota']} over quota, {t['unpriced']} unpriced), expected {expected}"
            )
    return EXIT_OK


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
