"""The month's per-agency usage sheet: every use with its expected fee and the quota it
consumed, the sheet a desk checks an agency's invoice against.

Uses are publication records. A subscription's quota counts the uses of its calendar
period from the period's first day (a report from the 15th still knows the 1st–14th);
terms whose quota counts pictures count each picture once per period, its versions with
it (archive.similar.collapse), and its later uses that period cost nothing more.
Export records are listed beside them (kind "export"): a file sent out is not yet a use,
so it carries no fee.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from archive.credits import load_registry
from archive.db.models import Publication
from archive.rights.publications import publication_json
from archive.rights.terms import Terms, all_terms, cost_of, period_start, terms_for


def agency_names(agency: str) -> set[str]:
    """The agency and its brands (Getty Images → WireImage …), as the registry knows them."""
    registry = load_registry()
    known = registry.get(agency)
    return {known.name, *registry.brands_under(known.name)} if known is not None else {agency}


def costed_publications(
    s: Session, agency: str | None, start: date | None, end: date | None
) -> list[dict[str, Any]]:
    terms = all_terms(s)
    stmt = select(Publication)
    if agency:
        names = agency_names(agency)
        stmt = stmt.where(or_(Publication.agency.in_(names), Publication.agency_parent.in_(names)))
    if start is not None:
        # From the start of the longest period, so quota positions are right.
        stmt = stmt.where(Publication.published_on >= period_start(start, "year"))
    if end is not None:
        stmt = stmt.where(Publication.published_on < end)
    pubs = list(s.scalars(stmt.order_by(Publication.published_on, Publication.id)))
    picture = _pictures(s, terms)
    rows = []
    counts: dict[tuple[str, date], int] = {}
    counted: dict[tuple[str, date], dict[int, int]] = {}  # quota by pictures: picture → nth
    for p in pubs:
        t = terms_for(terms, p.agency, p.agency_parent)
        nth, repeat = 0, False
        if t is not None and t.model == "subscription" and not _free(t, p.licence_kind):
            key = (t.agency, period_start(p.published_on, t.period))
            seen = counted.setdefault(key, {})
            pic = picture(p.photo_id) if t.quota_counts == "pictures" else None
            if pic is not None and pic in seen:
                nth, repeat = seen[pic], True
            else:
                counts[key] = nth = counts.get(key, 0) + 1
                if pic is not None:
                    seen[pic] = nth
        if start is not None and p.published_on < start:
            continue
        cost = cost_of(t, p.licence_kind, p.use, p.size, nth, repeat)
        row = publication_json(p)
        row.update(
            {
                "terms": t.agency if t else None,
                "model": t.model if t else None,
                "expected_fee": None if cost.fee is None else f"{cost.fee:.2f}",
                "expected_currency": cost.currency,
                "basis": cost.basis,
                "quota": cost.quota,
                "quota_used": cost.quota_used,
                "over_quota": cost.over_quota,
            }
        )
        rows.append(row)
    return rows


def _pictures(s: Session, terms: list[Terms]) -> Callable[[int], int]:
    """photo id → its picture (the smallest id of its versions), read only when some
    terms count pictures."""
    if not any(t.quota_counts == "pictures" for t in terms):
        return lambda photo_id: photo_id
    from archive.similar.collapse import groups_in

    root = groups_in(s).root
    return lambda photo_id: root.get(photo_id, photo_id)


def _free(t: Terms, kind: str | None) -> bool:
    return bool(kind and kind in t.free_kinds)


def totals(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per terms agency: uses, included, over quota, expected and recorded fees by currency."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("kind") != "publication":
            continue
        key = r.get("terms") or r.get("agency") or "(no agency)"
        t = out.setdefault(
            key,
            {
                "uses": 0,
                "included": 0,
                "over_quota": 0,
                "unpriced": 0,
                "expected": {},
                "recorded": {},
            },
        )
        t["uses"] += 1
        if r["over_quota"]:
            t["over_quota"] += 1
        elif r["quota"] is not None:
            t["included"] += 1
        if r["expected_fee"] is None:
            t["unpriced"] += 1
        else:
            cur = r["expected_currency"]
            t["expected"][cur] = t["expected"].get(cur, Decimal(0)) + Decimal(r["expected_fee"])
        if r["fee"] is not None:
            cur = r["currency"]
            t["recorded"][cur] = t["recorded"].get(cur, Decimal(0)) + Decimal(r["fee"])
    for t in out.values():
        t["expected"] = {c: f"{v:.2f}" for c, v in sorted(t["expected"].items())}
        t["recorded"] = {c: f"{v:.2f}" for c, v in sorted(t["recorded"].items())}
    return dict(sorted(out.items()))


def day_of(value: datetime | None) -> date | None:
    return None if value is None else value.astimezone(UTC).date()
