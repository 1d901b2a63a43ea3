"""`creditdesk licence …`, `profiles list|show|add|edit`, `check …`, `override ID RULE --reason`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli import EXIT_ERROR, EXIT_OK, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids


def register(sub: Any) -> None:
    p = sub.add_parser(
        "licence", help="edit the licence of photos (kind, uses, territories, dates…)"
    )
    add_selection(p)
    p.add_argument(
        "--kind", help="agency-subscription, rights-managed, royalty-free, editorial-only, …"
    )
    p.add_argument("--uses", help="allowed uses, comma-separated: editorial,web,print,…")
    p.add_argument("--exclude-territory", action="append", default=[], metavar="CC")
    p.add_argument("--include-territory", action="append", default=[], metavar="CC")
    p.add_argument("--valid-from", metavar="WHEN", help="embargo / release (ISO; no zone = UTC)")
    p.add_argument("--valid-until", metavar="WHEN", help="expiry (ISO; no zone = UTC)")
    p.add_argument("--time-limit-days", type=int, metavar="N")
    p.add_argument("--model-release", help="none, not-applicable, unlimited, limited")
    p.add_argument("--property-release", help="none, not-applicable, unlimited, limited")
    p.add_argument("--reference", help="invoice or contract id")
    p.add_argument("--notes")
    p.add_argument(
        "--restriction",
        action="append",
        default=[],
        metavar="TEXT",
        help='restriction text, parsed like agency instructions ("UK OUT")',
    )
    p.add_argument("--clear-restrictions", action="store_true")
    p.add_argument("--shared", action="store_true", help="one licence shared by all the photos")
    p.add_argument(
        "--if-version", type=int, metavar="N", help="refuse if the photo is not at version N"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=licence)

    prof = sub.add_parser("profiles", help="publication profiles (where pictures are going)")
    verbs = prof.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = verbs.add_parser("list")
    p.add_argument("--json", action="store_true")
    p = verbs.add_parser("show")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    for verb in ("add", "edit"):
        p = verbs.add_parser(verb)
        p.add_argument("name")
        p.add_argument("--territory", metavar="CC")
        p.add_argument("--uses", metavar="LIST", help="e.g. editorial,web")
        p.add_argument("--publish-at", metavar="WHEN")
        p.add_argument(
            "--credit-presentation", metavar="T", help="default: (Image credit: {credit})"
        )
        p.add_argument("--caption-min-length", type=int, metavar="N")
        p.add_argument("--people-must-be-named", choices=("yes", "no"))
        p.add_argument("--expiring-days", type=int, metavar="N")
        p.add_argument(
            "--rights-on-export",
            choices=("yes", "no"),
            help="export writes the licence as usage terms and the agency's default copyright",
        )
        p.add_argument(
            "--used-recently-days", type=int, metavar="N", help="used-recently window (30)"
        )
        p.add_argument(
            "--severity",
            action="append",
            default=[],
            metavar="RULE=LEVEL",
            help="error, warning, info or off for one rule",
        )
        p.add_argument(
            "--provenance",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="labelled_illustrations=yes|no, ai_label=TEXT, "
            "credentials=keep-or-remove|remove|sign",
        )
        p.add_argument("--json", action="store_true")
    prof.set_defaults(handler=profiles)

    p = sub.add_parser("check", help="run the credit-compliance check for a profile")
    add_selection(p)
    p.add_argument("--profile", metavar="NAME", help="default: editorial-web-GB")
    p.add_argument("--at", metavar="WHEN", help="check as of this time (default: now)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=check)

    p = sub.add_parser("override", help="accept a rule for a photo, with a written reason")
    p.add_argument("id", type=int)
    p.add_argument("rule")
    p.add_argument("--reason", required=True)
    p.add_argument("--profile", metavar="NAME", help="only for this profile (default: all)")
    p.add_argument(
        "--at", metavar="WHEN", help="the finding as checked at this time (default: now)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=override)


def licence(args: argparse.Namespace) -> int:
    from archive.errors import UsageError
    from archive.services.licences import LicenceChange, LicenceService

    change = LicenceChange(
        kind=args.kind,
        uses=args.uses,
        exclude_territories=tuple(args.exclude_territory),
        include_territories=tuple(args.include_territory),
        valid_from=args.valid_from,
        valid_until=args.valid_until,
        time_limit_days=args.time_limit_days,
        model_release=args.model_release,
        property_release=args.property_release,
        reference=args.reference,
        notes=args.notes,
        add_restrictions=tuple(args.restriction),
        clear_restrictions=args.clear_restrictions,
    )
    with open_archive(args) as archive:
        ids = selected_ids(archive, args)
        if args.if_version is not None and len(ids) != 1:
            raise UsageError("--if-version needs exactly one photo")
        expected = {ids[0]: args.if_version} if args.if_version is not None else None
        result = LicenceService(archive.sessions).edit(
            ids, change, shared=args.shared, expected_versions=expected
        )
    if args.json:
        print_json(result)
    else:
        print(f"licence updated on {len(result['photo_ids'])} photos")
    return EXIT_OK


def profiles(args: argparse.Namespace) -> int:
    from archive.errors import UsageError
    from archive.provenance.settings import parse_pairs
    from archive.services.profiles import ProfileService

    with open_archive(args) as archive:
        service = ProfileService(archive.sessions)
        if args.verb == "list":
            out: Any = service.listing()
        elif args.verb == "show":
            out = service.show(args.name)
        else:
            severities = {}
            for item in args.severity:
                rule, sep, level = item.partition("=")
                if not sep:
                    raise UsageError(f"--severity takes RULE=LEVEL, not {item!r}")
                severities[rule.strip()] = level.strip()
            named = {"yes": True, "no": False}.get(args.people_must_be_named or "")
            settings = {
                "territory": args.territory,
                "uses": args.uses,
                "publish_at": args.publish_at,
                "credit_presentation": args.credit_presentation,
                "caption_min_length": args.caption_min_length,
                "people_must_be_named": named,
                "expiring_days": args.expiring_days,
                "used_recently_days": args.used_recently_days,
                "severities": severities or None,
                "provenance": parse_pairs(args.provenance) or None,
                "rights_on_export": {"yes": True, "no": False}.get(args.rights_on_export or ""),
            }
            out = getattr(service, args.verb)(args.name, **settings)
    if args.json:
        print_json(out)
    else:
        for row in out if isinstance(out, list) else [out]:
            print(
                f"{row['name']}: {row['territory']}, {','.join(row['uses'])}, "
                f"credit {row['credit_presentation']!r}"
            )
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    from archive.credits import load_registry
    from archive.services.compliance import ComplianceService
    from archive.services.profiles import parse_when

    at = parse_when(args.at) if args.at else None
    with open_archive(args) as archive:
        ids = selected_ids(archive, args)
        registry = load_registry(archive.folder)
        report = ComplianceService(archive.sessions, registry).check(ids, args.profile, at)
    if args.json:
        print_json(report.as_json())
    else:
        print_report(report)
    return EXIT_ERROR if report.errors else EXIT_OK


def print_report(report: Any, stream: Any = None) -> None:
    from archive.compliance.facts import LAPSED

    out = stream or sys.stdout
    print(
        f"profile {report.profile.name} at {report.profile.at:%Y-%m-%d %H:%M} UTC: "
        f"{report.errors} errors, {report.warnings} warnings",
        file=out,
    )
    for photo in report.photos:
        print(f"photo {photo.id}: {photo.status}", file=out)
        for f in photo.findings:
            mark = " (overridden)" if f.overridden else ""
            if f.override_lapsed:
                mark = f" ({LAPSED}: it was given for {f.lapsed_given_for} — {f.lapsed_reason})"
            print(f"  {f.severity:<7} [{f.rule}]{mark} {f.message}", file=out)
            if f.fix and not f.overridden:
                print(f"          fix: {f.fix}", file=out)
        rights = getattr(photo, "export_rights", None)
        if rights is not None and rights.usage_terms_added:
            print(f"  export writes usage terms: {rights.usage_terms}", file=out)
        if rights is not None and rights.copyright_added:
            print(f"  export writes copyright: {rights.copyright} (agency default)", file=out)


def override(args: argparse.Namespace) -> int:
    from archive.credits import load_registry
    from archive.services.compliance import ComplianceService
    from archive.services.profiles import parse_when

    at = parse_when(args.at) if args.at else None
    with open_archive(args) as archive:
        # The archive's own agency pack, as `check` uses: the finding must be the one it shows.
        registry = load_registry(archive.folder)
        row = ComplianceService(archive.sessions, registry).override(
            args.id, args.rule, args.reason, args.profile, at
        )
    if args.json:
        print_json(row)
    else:
        print(f"override recorded: photo {row['photo_id']} {row['rule']} — {row['reason']}")
    return EXIT_OK
