"""`creditdesk edit IDS|--query Q [--caption T] … [--json]`, `history ID`, `undo`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli import EXIT_OK, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids
from archive.errors import UsageError

# The wire desk's IPTC fields: flag → help ("" clears a field).
IPTC_FLAGS = (
    ("--alt-text", "alt text for screen readers (IPTC 2021 accessibility)"),
    ("--extended-description", "extended description (IPTC 2021 accessibility)"),
    ("--creator", "the creator (by-line); also the photographer, credit line untouched"),
    ("--creator-job-title", "the creator's job title (IIM 2:85)"),
    ("--source", "IPTC Source: who supplied the picture"),
    ("--copyright", "copyright notice"),
    ("--usage-terms", "rights usage terms"),
    ("--city", "city"),
    ("--sublocation", "sublocation (venue, street)"),
    ("--state", "state / province"),
    ("--country", "country name (fills the ISO code)"),
    ("--country-code", "ISO 3166 country code, e.g. GB (fills the country name)"),
    ("--job-id", "job id / original transmission reference (IIM 2:103)"),
    ("--date-created", "date created, ISO 8601: 2023-05-14T19:30+01:00"),
    (
        "--source-type",
        "IPTC Digital Source Type: a NewsCodes term (digitalCapture, "
        "trainedAlgorithmicMedia, …) or its URI",
    ),
)


def iptc_values(args: argparse.Namespace) -> dict[str, str | None]:
    """The IPTC flags as EditRequest keyword arguments."""
    return {
        flag[2:].replace("-", "_"): getattr(args, flag[2:].replace("-", "_"))
        for flag, _ in IPTC_FLAGS
    }


def register(sub: Any) -> None:
    p = sub.add_parser(
        "edit", help="change captions, people, event, credit… of many photos at once"
    )
    add_selection(p)
    p.add_argument("--caption", metavar="T")
    p.add_argument("--headline", metavar="T")
    p.add_argument("--title", metavar="T")
    p.add_argument("--template", metavar="NAME", help="write the caption from a caption template")
    p.add_argument("--person", action="append", default=[], metavar="NAME", help="tag a person")
    p.add_argument("--remove-person", action="append", default=[], metavar="NAME")
    p.add_argument("--event", metavar="NAME", help='attach to an event ("" detaches)')
    p.add_argument("--photographer", metavar="NAME")
    p.add_argument("--agency", metavar="NAME")
    p.add_argument(
        "--credit", metavar="LINE", help="the credit line, parsed into photographer/agency"
    )
    p.add_argument("--keyword", action="append", default=[], metavar="K")
    p.add_argument("--remove-keyword", action="append", default=[], metavar="K")
    p.add_argument("--special-instructions", metavar="T")
    for flag, what in IPTC_FLAGS:
        p.add_argument(flag, metavar="T", help=what)
    p.add_argument(
        "--rating", metavar="N", help="star rating 1-5 (0 clears, -1 rejects): xmp:Rating"
    )
    p.add_argument(
        "--label",
        metavar="COLOUR",
        help='colour label: red, yellow, green, blue, purple ("" clears): xmp:Label',
    )
    p.add_argument("--create", action="store_true", help="create people/events not known yet")
    p.add_argument(
        "--if-version", type=int, metavar="N", help="refuse if the photo is not at version N"
    )
    p.add_argument(
        "--codes", metavar="FILE", help="code replacements (default: <archive>/codes.txt)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=edit)

    p = sub.add_parser("history", help="every change made to a photo")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=history)

    p = sub.add_parser("undo", help="revert the last edit batch (repeat to go further back)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=undo, verb="undo")
    p = sub.add_parser("redo", help="re-apply the last undone batch")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=undo, verb="redo")


def edit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from archive.captions import CodeReplacements, load_templates
    from archive.services.edits import EditRequest, EditService

    with open_archive(args) as archive:
        ids = selected_ids(archive, args)
        template = None
        if args.template is not None:
            templates = load_templates(archive.folder)
            if args.template not in templates:
                names = ", ".join(sorted(templates))
                raise UsageError(f"no caption template {args.template!r} (known: {names})")
            template = templates[args.template]
        codes_file = Path(args.codes) if args.codes else archive.folder / "codes.txt"
        if args.codes and not codes_file.is_file():
            raise UsageError(f"no code replacement file at {codes_file}")
        codes = CodeReplacements.load(codes_file) if codes_file.is_file() else None
        if args.if_version is not None and len(ids) != 1:
            raise UsageError("--if-version needs exactly one photo")
        request = EditRequest(
            caption=args.caption,
            headline=args.headline,
            title=args.title,
            template=template,
            add_people=tuple(args.person),
            remove_people=tuple(args.remove_person),
            event=args.event,
            photographer=args.photographer,
            agency=args.agency,
            credit=args.credit,
            add_keywords=tuple(args.keyword),
            remove_keywords=tuple(args.remove_keyword),
            special_instructions=args.special_instructions,
            **iptc_values(args),
            rating=_rating(args.rating),
            label=args.label,
            create=args.create,
            expected_versions={ids[0]: args.if_version} if args.if_version is not None else None,
        )
        result = EditService(archive.sessions, codes).edit(ids, request)
    if args.json:
        print_json(result.as_json())
    else:
        print(f"{result.changes} changes to {len(result.photo_ids)} of {len(ids)} photos")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _rating(text: str | None) -> int | None:
    """--rating as EditRequest takes it (0 = clear), refused early when it is no rating."""
    if text is None:
        return None
    from archive.ratings import parse_rating

    rating = parse_rating(text)
    return 0 if rating is None else rating


def history(args: argparse.Namespace) -> int:
    from archive.services.history import HistoryService

    with open_archive(args) as archive:
        entries = HistoryService(archive.sessions).history(args.id)
    if args.json:
        print_json([e.as_json() for e in entries])
        return EXIT_OK
    for e in entries:
        what = f"{e.field}: {e.old!r} → {e.new!r}" if e.field else f"{e.new}"
        print(f"{e.at}  {e.user:<12} {e.action:<16} {what}")
    return EXIT_OK


def undo(args: argparse.Namespace) -> int:
    from archive.services.history import HistoryService

    with open_archive(args) as archive:
        service = HistoryService(archive.sessions)
        result = service.undo() if args.verb == "undo" else service.redo()
    if args.json:
        print_json(result.as_json())
    else:
        print(f"{args.verb}: {result.changes} changes to {len(result.photo_ids)} photos")
    return EXIT_OK
