"""`creditdesk people|events|agencies|photographers ...` (`credit …` lives in credit_cmd)."""

from __future__ import annotations

import argparse
from typing import Any

from archive.cli import EXIT_OK, open_archive, print_json


def register(sub: Any) -> None:
    people = _group(sub, "people", "the people registry (names and aliases)")
    p = people.add_parser("add", help="add a person")
    p.add_argument("name")
    p.add_argument("--alias", action="append", default=[], metavar="NAME")
    _json(p)
    p = people.add_parser("alias", help="add an alias to a person")
    p.add_argument("name")
    p.add_argument("alias")
    _json(p)
    p = people.add_parser("suggest", help="people of the registry named in a photo's caption")
    p.add_argument("id", type=int)
    _json(p)
    _rename_merge(people)

    events = _group(sub, "events", "events (name, dates, venue, city, country)")
    for verb in ("add", "edit"):
        p = events.add_parser(verb, help=f"{verb} an event")
        p.add_argument("name")
        p.add_argument("--date", metavar="YYYY-MM-DD", help="(start) date")
        p.add_argument("--end-date", metavar="YYYY-MM-DD")
        p.add_argument("--venue")
        p.add_argument("--city")
        p.add_argument("--country")
        _json(p)
    _rename_merge(events)

    agencies = _group(sub, "agencies", "agencies and brands (WireImage → Getty Images)")
    p = agencies.add_parser("add", help="add an agency")
    p.add_argument("name")
    p.add_argument("--parent", metavar="NAME")
    _json(p)
    _rename_merge(agencies)

    photographers = _group(sub, "photographers", "photographers")
    p = photographers.add_parser("add", help="add a photographer")
    p.add_argument("name")
    _json(p)
    _rename_merge(photographers)


def _group(sub: Any, name: str, help_text: str) -> Any:
    group = sub.add_parser(name, help=help_text)
    verbs = group.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = verbs.add_parser("list", help=f"list {name} with photo counts")
    _json(p)
    group.set_defaults(handler=run, kind=name)
    return verbs


def _rename_merge(verbs: Any) -> None:
    p = verbs.add_parser("rename", help="rename (for people the old name stays as an alias)")
    p.add_argument("old")
    p.add_argument("new")
    _json(p)
    p = verbs.add_parser("merge", help="merge duplicates into the first name; every tag moves")
    p.add_argument("keep")
    p.add_argument("others", nargs="+")
    _json(p)


def _json(p: Any) -> None:
    p.add_argument("--json", action="store_true")


def _service(kind: str, sessions: Any) -> Any:
    from archive.services.people import PeopleService
    from archive.services.registries import AgencyService, EventService, PhotographerService

    return {
        "people": PeopleService,
        "events": EventService,
        "agencies": AgencyService,
        "photographers": PhotographerService,
    }[kind](sessions)


def run(args: argparse.Namespace) -> int:
    with open_archive(args) as archive:
        service = _service(args.kind, archive.sessions)
        verb = args.verb
        if verb == "list":
            out: Any = service.listing()
        elif verb == "rename":
            out = service.rename(args.old, args.new)
        elif verb == "merge":
            out = service.merge(args.keep, args.others)
        elif verb == "alias":
            out = service.alias(args.name, args.alias)
        elif verb == "suggest":
            from archive.services.photos import PhotoService

            caption = PhotoService(archive.sessions).detail(args.id)["caption"]
            out = service.suggest(caption)
        elif args.kind == "people":
            out = service.add(args.name, args.alias)
        elif args.kind == "events":
            fields = {
                "start_date": args.date,
                "end_date": args.end_date,
                "venue": args.venue,
                "city": args.city,
                "country": args.country,
            }
            out = getattr(service, verb)(args.name, **fields)
        elif args.kind == "agencies":
            out = service.add(args.name, args.parent)
        else:
            out = service.add(args.name)
    rows = out if isinstance(out, list) else [out]
    rows = [r.as_json() if hasattr(r, "as_json") else r for r in rows]
    if args.json:
        print_json(rows if isinstance(out, list) else rows[0])
    else:
        for row in rows:
            print(_line(row))
    return EXIT_OK


def _line(row: Any) -> str:
    if isinstance(row, str):
        return row
    extras = [f"{k}: {v}" for k, v in row.items() if k not in ("id", "name", "photos") and v]
    extras = [e.replace("[", "").replace("]", "").replace("'", "") for e in extras]
    photos = row.get("photos", 0)
    return f"{row['name']}  ({photos} photos){'  ' + '; '.join(extras) if extras else ''}"
