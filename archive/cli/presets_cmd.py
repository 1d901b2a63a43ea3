"""`creditdesk presets list|show|add|edit|remove|apply` — ingest presets (IPTC stationery)."""

from __future__ import annotations

import argparse
from typing import Any

from archive.cli import EXIT_OK, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids


def _preset_options(p: Any, adding: bool) -> None:
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a field value; template variables and =codes= are filled per photo, "
        'e.g. --set "headline={event} - Arrivals" --set credit="Joe Maher/Getty Images"',
    )
    p.add_argument(
        "--always",
        action="append",
        default=[],
        metavar="FIELD",
        help="set FIELD even where the picture has a value (default: fill only if empty)",
    )
    p.add_argument(
        "--fill",
        action="append",
        default=[],
        metavar="FIELD",
        help="fill FIELD only where the picture has none",
    )
    p.add_argument("--mode", choices=("fill", "always"), help="the mode of every other field")
    p.add_argument("--keyword", action="append", default=[], metavar="K", help="keyword added")
    p.add_argument("--person", action="append", default=[], metavar="NAME", help="person added")
    p.add_argument("--event", metavar="NAME", help="event attached")
    p.add_argument(
        "--profile", metavar="NAME", help="profile arriving pictures are checked against"
    )
    p.add_argument(
        "--name-template", metavar="T", help="export file names for this preset's pictures"
    )
    if not adding:
        p.add_argument("--unset", action="append", default=[], metavar="FIELD")
        p.add_argument("--remove-keyword", action="append", default=[], metavar="K")
    p.add_argument("--json", action="store_true")


def register(sub: Any) -> None:
    top = sub.add_parser("presets", help="ingest presets: field values applied as pictures arrive")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    p = verbs.add_parser("list", help="every preset")
    p.add_argument("--json", action="store_true")
    p = verbs.add_parser("show", help="one preset")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p = verbs.add_parser("add", help="a new preset")
    p.add_argument("name")
    _preset_options(p, adding=True)
    p = verbs.add_parser("edit", help="change a preset")
    p.add_argument("name")
    _preset_options(p, adding=False)
    p = verbs.add_parser("remove", help="delete a preset (pictures keep what it gave them)")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p = verbs.add_parser("apply", help="apply a preset to photos: one edit, undoable")
    p.add_argument("name")
    add_selection(p)
    p.add_argument("--json", action="store_true")
    top.set_defaults(handler=presets)


def _modes(args: argparse.Namespace) -> dict[str, str]:
    from archive.errors import UsageError
    from archive.ingest.presets import MODE_KEYS

    modes: dict[str, str] = {}
    for mode in ("always", "fill"):
        for name in getattr(args, mode):
            key = name.strip().replace("-", "_")
            if key not in MODE_KEYS:
                raise UsageError(f"--{mode}: no field {name!r} (fields: {', '.join(MODE_KEYS)})")
            modes[key] = mode
    return modes


def presets(args: argparse.Namespace) -> int:
    from archive.ingest.presets import Preset, parse_assignments
    from archive.ingest.presets_store import PresetService

    with open_archive(args) as archive:
        service = PresetService(archive.sessions)
        out: Any
        if args.verb == "list":
            out = [p.as_json() for p in service.listing()]
        elif args.verb == "show":
            out = service.get(args.name).as_json()
        elif args.verb == "remove":
            service.remove(args.name)
            out = {"removed": args.name}
        elif args.verb == "apply":
            return _apply(archive, service, args)
        elif args.verb == "add":
            preset = Preset(
                name=args.name.strip(),
                fields=parse_assignments(args.set),
                mode=args.mode or "fill",
                modes=_modes(args),
                keywords=tuple(k.strip() for k in args.keyword if k.strip()),
                people=tuple(p.strip() for p in args.person if p.strip()),
                event=args.event or None,
                profile=args.profile or None,
                name_template=args.name_template or None,
            )
            out = service.add(preset).as_json()
        else:
            fields: dict[str, str | None] = dict(parse_assignments(args.set))
            fields.update({name.replace("-", "_"): None for name in args.unset})
            out = service.edit(
                args.name,
                fields=fields,
                modes=_modes(args),
                mode=args.mode,
                add_keywords=tuple(args.keyword),
                remove_keywords=tuple(args.remove_keyword),
                add_people=tuple(args.person),
                event=args.event,
                profile=args.profile,
                name_template=args.name_template,
            ).as_json()
    if args.json:
        print_json(out)
    else:
        for row in out if isinstance(out, list) else [out]:
            _print_preset(row)
    return EXIT_OK


def _print_preset(row: dict[str, Any]) -> None:
    if "removed" in row:
        print(f"removed preset {row['removed']}")
        return
    print(f"{row['name']}  (mode: {row['mode']})")
    for name, value in row["fields"].items():
        mode = row["modes"].get(name, row["mode"])
        print(f"  {name:<22} {mode:<7} {value}")
    for key in ("event", "profile", "name_template"):
        if row.get(key):
            print(
                f"  {key:<22} {row['modes'].get(key, row['mode']) if key == 'event' else '':<7} "
                f"{row[key]}"
            )
    if row["keywords"]:
        print(f"  {'keywords +':<22} {'':<7} {', '.join(row['keywords'])}")
    if row["people"]:
        print(f"  {'people +':<22} {'':<7} {', '.join(row['people'])}")


def _apply(archive: Any, service: Any, args: argparse.Namespace) -> int:
    from archive.captions import CodeReplacements
    from archive.ingest.apply import PresetApplier

    preset = service.get(args.name)
    ids = selected_ids(archive, args)
    codes_file = archive.folder / "codes.txt"
    codes = CodeReplacements.load(codes_file) if codes_file.is_file() else None
    result = PresetApplier(archive.sessions, codes).apply(ids, preset)
    if args.json:
        print_json(result.as_json())
    else:
        print(f"{result.changes} changes to {len(result.photo_ids)} of {len(ids)} photos")
        for warning in result.warnings:
            print(f"warning: {warning}")
    return EXIT_OK
