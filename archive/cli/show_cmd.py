"""`creditdesk show ID [--json]` and `creditdesk list [--json]`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from archive.cli import EXIT_OK, open_archive, print_json

T = TypeVar("T")


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


def read(args: argparse.Namespace, query: Callable[[Any], T]) -> T:
    """*query* on the archive's own SQLite catalogue through the standard library, else on a
    Core connection of the opened archive: the reads PhotoService runs, without the ORM or
    (when direct) SQLAlchemy, whose import was most of these commands' start (issue 16)."""
    from archive.db.sqlite_direct import Fallback, SqliteReader, open_direct

    conn = open_direct(args.archive, args.db)
    if conn is not None:
        try:
            return query(SqliteReader(conn))
        except Fallback:
            pass  # e.g. locked past the timeout: the usual path waits or says what is wrong
        finally:
            conn.close()
    with open_archive(args) as archive, archive.engine.connect() as core:
        return query(core)


def show(args: argparse.Namespace) -> int:
    from archive.errors import NotFoundError
    from archive.services.photo_reads import details

    found = read(args, lambda conn: details(conn, [args.id]))
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
    from archive.services.photo_reads import list_page

    page = read(args, lambda conn: list_page(conn, args.offset, args.limit))
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
