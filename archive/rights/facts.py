"""What the compliance rules need to know of publications and costs, for many photos in a
few queries: each photo's last publication, its agency's terms and the uses under them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from archive.compliance.facts import CostFacts
from archive.db.models import Photo, Publication
from archive.rights.terms import Terms, all_terms, terms_for
from archive.similar.collapse import groups_in

POOL_DAYS = 400  # a year's period plus the weeks a scheduled publication lies ahead


def rights_facts(s: Session, photos: Sequence[Photo]) -> dict[int, tuple[date | None, CostFacts]]:
    ids = [p.id for p in photos]
    last: dict[int, date] = {}
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(Publication.photo_id, func.max(Publication.published_on))
            .where(Publication.photo_id.in_(ids[i : i + 500]))
            .group_by(Publication.photo_id)
        )
        last.update({pid: day for pid, day in rows})
    terms = all_terms(s)
    chosen: dict[int, Terms | None] = {}
    for p in photos:
        agency = p.agency.name if p.agency else None
        parent = p.agency.parent.name if p.agency and p.agency.parent else None
        chosen[p.id] = terms_for(terms, agency, parent) if terms else None
    pooled = {t.agency: t for t in chosen.values() if t is not None and t.quota is not None}
    by_pictures = any(t.quota_counts == "pictures" for t in pooled.values())
    root = groups_in(s).root if by_pictures else {}
    pools = {name: _pool(s, t, terms, root) for name, t in pooled.items()}
    out: dict[int, tuple[date | None, CostFacts]] = {}
    for p in photos:
        t = chosen[p.id]
        days, pictures = pools.get(t.agency, ((), ())) if t else ((), ())
        picture = root.get(p.id, p.id) if t is not None and t.quota_counts == "pictures" else None
        out[p.id] = (last.get(p.id), CostFacts(t, days, pictures, picture))
    return out


def _pool(
    s: Session, t: Terms, terms: list[Terms], root: dict[int, int]
) -> tuple[tuple[date, ...], tuple[int, ...]]:
    """Dates of the uses billed under *t* (brands without terms of their own count) and,
    for a quota that counts pictures, the picture of each."""
    since = datetime.now(UTC).date() - timedelta(days=POOL_DAYS)
    rows = s.execute(
        select(
            Publication.published_on,
            Publication.photo_id,
            Publication.agency,
            Publication.agency_parent,
            Publication.licence_kind,
        ).where(
            Publication.published_on >= since,
            or_(Publication.agency == t.agency, Publication.agency_parent == t.agency),
        )
    )
    uses = sorted(
        (day, root.get(pid, pid))
        for day, pid, agency, parent, kind in rows
        if _same(terms_for(terms, agency, parent), t) and not (kind and kind in t.free_kinds)
    )
    pictures = tuple(pic for _, pic in uses) if t.quota_counts == "pictures" else ()
    return tuple(day for day, _ in uses), pictures


def _same(a: Terms | None, b: Terms) -> bool:
    return a is not None and a.agency == b.agency
