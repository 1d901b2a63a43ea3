"""The rights desk: `publish`, `usage-import`, `similar`, `terms`, `licences expiring`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from archive.cli import EXIT_OK, EXIT_PARTIAL, open_archive, print_json
from archive.cli.selection import add_selection, selected_ids
from archive.errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("publish", help="record where pictures ran (article, gallery, page)")
    add_selection(p)
    p.add_argument("--where", required=True, metavar="URL", help="the URL, or the printed title")
    p.add_argument("--title", required=True, metavar="T", help="the article's title")
    p.add_argument("--date", required=True, metavar="D", help="the day it ran (YYYY-MM-DD)")
    p.add_argument("--section", metavar="S")
    p.add_argument("--page", metavar="P")
    p.add_argument("--edition", metavar="E")
    p.add_argument("--use", metavar="USE", help="web (default) or print (default with --page)")
    p.add_argument("--size", metavar="SIZE", help="as the rate card says: quarter-page, gallery")
    p.add_argument("--fee", metavar="AMOUNT", help="the fee, when known (needs --currency)")
    p.add_argument("--currency", metavar="CUR", help="ISO 4217, e.g. GBP")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=publish)

    p = sub.add_parser("usage-import", help="import a CMS usage log (CSV; columns in README)")
    p.add_argument("csv", type=Path, metavar="LOG.csv")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=usage_import)

    p = sub.add_parser("similar", help="the other versions of a picture (near copies)")
    p.add_argument("id", type=int, nargs="?")
    p.add_argument(
        "--rebuild", action="store_true", help="fingerprint photos imported before (thumbnails)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=similar)

    p = sub.add_parser("terms", help="what an agency charges: subscription, pay per use, free")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    v = verbs.add_parser("list")
    v.add_argument("--json", action="store_true")
    v = verbs.add_parser("show")
    v.add_argument("agency")
    v.add_argument("--json", action="store_true")
    v = verbs.add_parser("set")
    v.add_argument("agency")
    v.add_argument("--model", required=True, choices=("subscription", "pay-per-use", "free"))
    v.add_argument("--quota", type=int, metavar="N", help="uses included per period")
    v.add_argument("--period", choices=("month", "quarter", "year"), default="month")
    v.add_argument(
        "--quota-counts",
        choices=("uses", "pictures"),
        default="uses",
        help="what the quota meters: each publication (uses), or each picture once per "
        "period, all its versions together (pictures)",
    )
    v.add_argument("--over-quota-fee", metavar="AMOUNT")
    v.add_argument("--currency", default="GBP", metavar="CUR")
    v.add_argument(
        "--fees",
        metavar="JSON",
        help='by use and size: \'{"web": {"default": 60}, "print": {"full-page": 250}}\'',
    )
    v.add_argument("--free-kinds", metavar="LIST", help="licence kinds that cost nothing")
    v.add_argument("--json", action="store_true")
    p.set_defaults(handler=terms)

    p = sub.add_parser("licences", help="licence digests")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    v = verbs.add_parser("expiring", help="licences ending soon, by agency and article")
    v.add_argument("--days", type=int, default=14, metavar="N")
    v.add_argument("--used", action="store_true", help="only pictures that were published")
    v.add_argument("--json", action="store_true")
    p.set_defaults(handler=licences)


def publish(args: argparse.Namespace) -> int:
    from archive.rights.publications import (
        PublicationRequest,
        PublicationService,
        parse_day,
        parse_fee,
    )

    req = PublicationRequest(
        where=args.where,
        title=args.title,
        published_on=parse_day(args.date),
        section=args.section,
        page=args.page,
        edition=args.edition,
        use=args.use,
        size=args.size,
        fee=parse_fee(args.fee),
        currency=args.currency,
    )
    with open_archive(args) as archive:
        rows = PublicationService(archive.sessions).record(selected_ids(archive, args), req)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(
                f"photo {r['photo_id']}: ran {r['published_on']} in {r['title']!r} ({r['where']})"
            )
    return EXIT_OK


def usage_import(args: argparse.Namespace) -> int:
    from archive.rights.usage_log import UsageLogImporter

    with open_archive(args) as archive:
        report = UsageLogImporter(archive.sessions).run(args.csv)
    if args.json:
        print_json(report.as_json())
    else:
        print(f"{len(report.recorded)} uses recorded, {len(report.skipped)} already recorded")
        for line, error in report.errors:
            print(f"  line {line}: {error}")
    return EXIT_PARTIAL if report.errors else EXIT_OK


def similar(args: argparse.Namespace) -> int:
    from archive.similar.service import SimilarService

    with open_archive(args) as archive:
        service = SimilarService(archive.sessions)
        if args.rebuild:
            done, skipped = service.rebuild(archive.thumbnail_path)
            out: Any = {"fingerprinted": done, "without_thumbnail": skipped}
            text = f"{done} photos fingerprinted, {skipped} without a thumbnail (run verify)"
        elif args.id is None:
            raise UsageError("give a photo id, or --rebuild")
        else:
            copies = service.similar(args.id)
            out = [c.as_json() for c in copies]
            lines = [f"photo {args.id}: {len(copies)} other versions"]
            for c in copies:
                lic = c.licence_kind or "no licence"
                if c.licence_until:
                    lic += f" until {c.licence_until}"
                lines.append(
                    f"  #{c.id:<7} distance {c.distance:<3} {c.agency or '-':<18} "
                    f"{c.credit_line or '-':<36} {lic}"
                )
            text = "\n".join(lines)
    if args.json:
        print_json(out)
    else:
        print(text)
    return EXIT_OK


def terms(args: argparse.Namespace) -> int:
    from archive.rights.terms import TermsService

    with open_archive(args) as archive:
        service = TermsService(archive.sessions)
        if args.verb == "list":
            found = service.listing()
        elif args.verb == "show":
            found = [service.get(args.agency)]
        else:
            try:
                fees = json.loads(args.fees) if args.fees else {}
            except json.JSONDecodeError as exc:
                raise UsageError(f"--fees is not JSON: {exc}") from None
            data: dict[str, Any] = {
                "model": args.model,
                "quota": args.quota,
                "period": args.period,
                "quota_counts": args.quota_counts,
                "over_quota_fee": args.over_quota_fee,
                "currency": args.currency,
                "fees": fees,
            }
            if args.free_kinds:
                data["free_kinds"] = [k.strip() for k in args.free_kinds.split(",") if k.strip()]
            found = [service.set(args.agency, data)]
    if args.json:
        out = [t.as_json() for t in found]
        print_json(out if args.verb == "list" else out[0])
    else:
        for t in found:
            unit = "pictures" if t.quota_counts == "pictures" else "uses"
            quota = f", {t.quota} {unit} per {t.period}" if t.quota is not None else ""
            print(f"{t.agency}: {t.model}{quota}, {t.currency}, fees {json.dumps(t.fees)}")
    return EXIT_OK


def licences(args: argparse.Namespace) -> int:
    from archive.rights.expiring import ExpiryDigest

    with open_archive(args) as archive:
        digest = ExpiryDigest(archive.sessions).expiring(args.days, used_only=args.used)
    if args.json:
        print_json(digest)
        return EXIT_OK
    print(f"{digest['photos']} pictures with a licence ending in the next {args.days} days")
    for agency in digest["agencies"]:
        print(f"{agency['agency']} ({agency['photos']})")
        for art in agency["articles"]:
            where = f" {art['where']}" if art["where"] else ""
            print(f"  {art['title']}{where}")
            for p in art["photos"]:
                print(f"    #{p['photo_id']:<7} expires {p['expires']}  {p['credit_line'] or '-'}")
    return EXIT_OK
