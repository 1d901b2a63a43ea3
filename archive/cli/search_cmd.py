"""`creditdesk search QUERY [--limit N] [--offset N] [--json] [--facets]
[--collapse-versions]`; `creditdesk reindex`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive.cli import EXIT_OK, EXIT_USAGE, open_archive, print_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "search",
        help='find photos: words, "phrases", person: event: agency: taken:2023-05.. …',
        description="Search the archive. Quote the whole query for the shell, e.g. "
        "creditdesk search 'person:\"Kate Winslet\" event:bafta agency:getty taken:2023'. "
        "A query starting with '-' goes after '--'.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="the query (words are joined)")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--offset", type=int, default=0, metavar="N")
    p.add_argument("--json", action="store_true")
    p.add_argument("--facets", action="store_true", help="counts by event, person, agency…")
    p.add_argument(
        "--collapse-versions",
        action="store_true",
        help="one result per picture: its other versions (near copies under another credit, "
        "a resized re-send) fold under the first in the query's order; totals count pictures",
    )
    p.set_defaults(handler=search)
    p = sub.add_parser("reindex", help="rebuild the search index from the catalogue")
    p.set_defaults(handler=run_reindex)


def search(args: argparse.Namespace) -> int:
    # Imported here: building the parser for any command must not load the search stack.
    from archive.search import QueryError, SearchService
    from archive.services.photo_reads import summaries

    query = " ".join(args.query)
    versions: dict[int, int] | None = None
    with open_archive(args) as archive:
        try:
            if args.collapse_versions:
                result, versions = _collapsed(SearchService(archive), archive.sessions, query, args)
            else:
                result = SearchService(archive).search(
                    query, limit=args.limit, offset=args.offset, facets=args.facets
                )
        except QueryError as exc:
            print(f"creditdesk: bad query: {exc.message}", file=sys.stderr)
            print(f"  {exc.query}\n  {' ' * exc.position}^", file=sys.stderr)
            return EXIT_USAGE
        with archive.engine.connect() as conn:  # the page's rows: Core, as PhotoService
            photos = summaries(conn, list(result.ids))
    if args.json:
        print_json(
            {
                "total": result.total,
                "ids": list(result.ids),
                "photos": [
                    {
                        "id": p.id,
                        "taken_at": p.taken_at,
                        "caption": p.caption,
                        "credit_line": p.credit_line,
                        "people": list(p.people),
                        "event": p.event,
                    }
                    | ({"versions": versions.get(p.id, 1)} if versions is not None else {})
                    for p in photos
                ],
                "facets": result.facets.as_dict() if result.facets else None,
            }
        )
        return EXIT_OK
    shown = f", showing {args.offset + 1}–{args.offset + len(photos)}" if photos else ""
    print(f"{result.total} photos{shown}")
    for p in photos:
        people = ", ".join(p.people)
        more = f"  ({versions[p.id]} versions)" if versions and p.id in versions else ""
        print(
            f"{p.id:>7}  {p.taken_at or '-':<25}  {people[:40]:<40}  {(p.event or '-')[:40]:<40}"
            f"  {p.credit_line or '-'}{more}"
        )
    if result.facets:
        for kind, values in result.facets.as_dict().items():
            if values:
                line = ", ".join(f"{v['name']} ({v['count']})" for v in values[:10])
                print(f"{kind}: {line}")
    return EXIT_OK


def _collapsed(
    service: Any, sessions: Any, query: str, args: argparse.Namespace
) -> tuple[Any, dict[int, int]]:
    """The page with one photo per picture, and each shown photo's count of versions; the
    facets still count photos (every version is a photo the desk holds)."""
    from dataclasses import replace

    from archive.similar.collapse import CollapsedSearch, version_counts

    collapsed = CollapsedSearch(service, sessions)
    result = collapsed.search_page(query, args.limit, args.offset)
    if args.facets:
        result = replace(result, facets=service.facets(query))
    return result, version_counts(collapsed.groups(), result.ids)


def run_reindex(args: argparse.Namespace) -> int:
    from archive.search import reindex

    with open_archive(args) as archive:
        count = reindex(archive)
    print(f"reindexed {count} photos")
    return EXIT_OK
