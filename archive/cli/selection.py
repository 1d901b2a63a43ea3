"""`IDS…|--query Q`: how every batch command says which photos it acts on.

IDS is typed the way people type it: `3 4`, `3 7 12`, `3-7`, `1,2,7-9`, or a mix
(`creditdesk edit 3 4 --headline …`, `creditdesk export 3 7 12 --to …`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from archive.errors import UsageError
from archive.services.selection import parse_ids

if TYPE_CHECKING:
    from archive.handle import Archive


def add_selection(parser: Any) -> None:
    parser.add_argument(
        "ids", nargs="*", metavar="IDS", help="photo ids: 3, 3 4 12, 3-7 or 1,2,7-9"
    )
    parser.add_argument("--query", "-q", metavar="Q", help="act on every photo this search finds")


def selected_ids(archive: Archive, args: argparse.Namespace) -> list[int]:
    if bool(args.ids) == bool(args.query):
        raise UsageError("name the photos either by IDS or by --query, not both and not neither")
    if args.ids:
        return parse_ids(",".join(args.ids))
    from archive.search import SearchService

    result = SearchService(archive).search(args.query, limit=None)
    if not result.ids:
        raise UsageError(f"no photo matches the query {args.query!r}")
    return list(result.ids)
