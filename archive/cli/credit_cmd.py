"""`creditdesk credit parse|explain|format|fix`: the credit engine from the command line.

``parse`` and ``explain`` take the same evidence import reads (Credit, By-line, Source,
Copyright, caption, special instructions) and give the same answer, through the same function
(``archive.credits.evidence.read_credit``); ``fix`` applies the proposed line to photos as one
audited, undoable edit.
"""

from __future__ import annotations

import argparse
from typing import Any

from archive.cli import EXIT_OK, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids


def register(sub: Any) -> None:
    credit = sub.add_parser("credit", help="parse, explain, format or fix credit lines")
    verbs = credit.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, text in (
        ("parse", "the parties of a credit line (with the evidence import would read)"),
        ("explain", "how the evidence was read, and why the line is or is not the one to publish"),
    ):
        p = verbs.add_parser(verb, help=text)
        p.add_argument("text", nargs="?", default=None, help="the Credit field")
        p.add_argument("--byline", metavar="B", help="the By-line (creator) field")
        p.add_argument("--source", metavar="S", help="the Source field")
        p.add_argument("--copyright", metavar="C", help="the Copyright notice")
        p.add_argument("--caption", metavar="C", help="the caption (credit instruction)")
        p.add_argument("--instructions", metavar="T", help="the special instructions")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=credit_parse if verb == "parse" else credit_explain)
    p = verbs.add_parser("format", help="the canonical credit line for a photographer and agency")
    p.add_argument("--photographer", metavar="P")
    p.add_argument("--agency", metavar="A", required=True)
    p.add_argument("--provider", metavar="NAME", help="partner, organiser or publication")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=credit_format)
    p = verbs.add_parser(
        "fix", help="apply the proposed credit line to photos (one audited, undoable edit)"
    )
    add_selection(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=credit_fix)


def _reading(args: argparse.Namespace) -> Any:
    from archive.credits.evidence import Evidence, read_credit
    from archive.credits.registry import load_registry

    evidence = Evidence(
        credit=args.text,
        byline=args.byline,
        source=args.source,
        copyright=args.copyright,
        caption=args.caption,
        instructions=args.instructions,
    )
    # The archive's own pack applies when --archive names one (as at import).
    archive_dir = getattr(args, "archive", None)
    return evidence, read_credit(evidence, registry=load_registry(archive_dir))


def _data(args: argparse.Namespace, found: Any) -> dict[str, Any]:
    # The first keys are the ones `credit parse --json` has always printed.
    return {
        "text": args.text,
        "photographer": found.photographer,
        "agency": found.agency,
        "parent": found.parent,
        "canonical": found.proposed,
        "matched_format": found.line is not None and found.line == found.proposed,
        "truncated": found.truncated,
        **found.as_json(),
    }


def credit_parse(args: argparse.Namespace) -> int:
    _, found = _reading(args)
    data = _data(args, found)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{'line':>12}: {found.line or ''}")
    for party in found.parties:
        extra = f"  ({party.kind})" if party.kind not in ("person", "agency") else ""
        print(f"{party.role:>12}: {party.name}{extra}")
    print(f"{'proposed':>12}: {found.proposed or ''}")
    status = "clear" if found.clear else ", ".join(sorted({f.code for f in found.findings}))
    print(f"{'check':>12}: {status}")
    return EXIT_OK


def credit_explain(args: argparse.Namespace) -> int:
    evidence, found = _reading(args)
    if args.json:
        print_json({"evidence": evidence.as_json(), **_data(args, found)})
        return EXIT_OK
    for note in found.notes:
        print(f"- {note}")
    print(f"parties: {', '.join(f'{p.role} {p.name}' for p in found.parties) or 'none'}")
    print(f"line to publish: {found.proposed or '(none can be proposed)'}")
    if found.clear:
        print("check: clear")
    for finding in found.findings:
        print(f"{finding.code}: {finding.message}\n  fix: {finding.fix}")
    return EXIT_OK


def credit_format(args: argparse.Namespace) -> int:
    from archive.credits import format_credit

    line = format_credit(args.photographer, args.agency, provider=args.provider)
    if args.json:
        print_json({"credit_line": line, "photographer": args.photographer, "agency": args.agency})
    else:
        print(line)
    return EXIT_OK


def credit_fix(args: argparse.Namespace) -> int:
    from archive.credits import load_registry
    from archive.services.credit_fix import CreditFixService

    with open_archive(args) as archive:
        ids = selected_ids(archive, args)
        result = CreditFixService(archive.sessions, load_registry(archive.folder)).fix(ids)
    if args.json:
        print_json(result.as_json())
        return EXIT_OK
    for item in result.photos:
        if item.reason == "fixed":
            print(f"{item.photo_id}: {item.old!r} → {item.new!r}")
        else:
            print(f"{item.photo_id}: {item.reason} ({item.old!r})")
    print(f"{len(result.fixed)} of {len(ids)} photos changed (batch {result.edit.batch})")
    return EXIT_OK
