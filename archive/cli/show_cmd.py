"""`creditdesk show ID [--json]` and `creditdesk list [--json]`."""

from __future__ import annotations

import argparse
from typing import Any

from archive.cli import EXIT_OK, open_archive, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("show", help="everything known about one photo")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)
    p = sub.add_parser("list", help="list the photos in the archive")
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--offset", type=int, default=0, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_photos)


def show(args: argparse.Namespace) -> int:
    # Core reads on the engine, as PhotoService.detail runs them, without the ORM (its import
    # and mapper set-up were a third of this command's start, issue 16).
    from archive.errors import NotFoundError
    from archive.services.photo_reads import details

    with open_archive(args) as archive, archive.engine.connect() as conn:
        found = details(conn, [args.id])
    if not found:
        raise NotFoundError(f"no photo with id {args.id}")
    detail = found[0]
    if args.json:
        print_json(detail)
        return EXIT_OK
    for key, value in detail.items():
        if key == "embedded":
            continue
        if key == "provenance":
            words = value.get("source_type_words") or "not stated"
            print(f"{'source type':>22}: {words}")
            print(f"{'data mining':>22}: {value.get('data_mining_words') or 'not stated'}")
            print(f"{'credentials':>22}: {value.get('summary')}")
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items() if v)
        print(f"{key:>22}: {'' if value is None else value}")
    return EXIT_OK


def list_photos(args: argparse.Namespace) -> int:
    from archive.services.photo_reads import list_page  # Core, no ORM: see show()

    with open_archive(args) as archive, archive.engine.connect() as conn:
        page = list_page(conn, args.offset, args.limit)
    if args.json:
        print_json(
            {
                "total": page.total,
                "photos": [
                    {
                        "id": p.id,
                        "taken_at": p.taken_at,
                        "caption": p.caption,
                        "credit_line": p.credit_line,
                        "people": list(p.people),
                        "event": p.event,
                    }
                    for p in page.photos
                ],
            }
        )
        return EXIT_OK
    print(f"{page.total} photos")
    for p in page.photos:
        people = ", ".join(p.people)
        print(f"{p.id:>7}  {p.taken_at or '-':<25}  {p.credit_line or '-':<40}  {people}")
    return EXIT_OK
