"""Publication records: a picture ran in an article, a gallery or on a print page.

Each record keeps a snapshot of who supplied the picture (agency, credit, licence kind)
as it was when it ran, so a later re-credit never rewrites what an invoice was checked
against; like export records, it outlives the photo row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from archive.compliance.facts import USES
from archive.db.models import AuditEvent, Photo, Publication
from archive.errors import NotFoundError, UsageError
from archive.importer.persist import current_user


@dataclass(frozen=True)
class PublicationRequest:
    where: str
    title: str
    published_on: date
    section: str | None = None
    page: str | None = None
    edition: str | None = None
    use: str | None = None  # default: print when a page is given, else web
    size: str | None = None
    fee: Decimal | None = None
    currency: str | None = None
    external_id: str | None = None
    origin: str = "cli"
    extra: dict[str, Any] = field(default_factory=dict)


def parse_fee(text: str | None) -> Decimal | None:
    if text is None or not str(text).strip():
        return None
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise UsageError(f"not an amount: {text!r} (use e.g. 120 or 120.50)") from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise UsageError(f"a fee is a positive amount with at most 2 decimals, not {text!r}")
    return value


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise UsageError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def checked(req: PublicationRequest) -> PublicationRequest:
    """The request with its values normalised, or UsageError saying what to fix."""
    if not req.where.strip():
        raise UsageError("--where needs the URL (or the printed title) where it ran")
    if not req.title.strip():
        raise UsageError("--title needs the article's title")
    use = (req.use or ("print" if req.page else "web")).strip().lower()
    if use not in USES:
        raise UsageError(f"unknown use {use!r}: choose from {', '.join(USES)}")
    currency = req.currency.strip().upper() if req.currency else None
    if req.fee is not None and currency is None:
        raise UsageError("a --fee needs its --currency (e.g. GBP)")
    if currency is not None and (len(currency) != 3 or not currency.isalpha()):
        raise UsageError(f"--currency is an ISO 4217 code such as GBP, not {req.currency!r}")
    return PublicationRequest(
        where=req.where.strip(),
        title=req.title.strip(),
        published_on=req.published_on,
        section=(req.section or "").strip() or None,
        page=(req.page or "").strip() or None,
        edition=(req.edition or "").strip() or None,
        use=use,
        size=(req.size or "").strip().lower() or None,
        fee=req.fee,
        currency=currency,
        external_id=(req.external_id or "").strip() or None,
        origin=req.origin,
    )


def publication_json(p: Publication) -> dict[str, Any]:
    return {
        "kind": "publication",
        "publication_id": p.id,
        "photo_id": p.photo_id,
        "published_on": p.published_on.isoformat(),
        "where": p.location,
        "title": p.title,
        "section": p.section,
        "page": p.page,
        "edition": p.edition,
        "use": p.use,
        "size": p.size,
        "fee": None if p.fee is None else f"{Decimal(p.fee):.2f}",
        "currency": p.currency,
        "agency": p.agency,
        "agency_parent": p.agency_parent,
        "credit_line": p.credit_line,
        "licence_kind": p.licence_kind,
        "origin": p.origin,
        "external_id": p.external_id,
        "user": p.user,
    }


class PublicationService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def record(self, ids: Sequence[int], req: PublicationRequest) -> list[dict[str, Any]]:
        """One record per photo, all or none (one transaction), audited."""
        req = checked(req)
        if not ids:
            raise UsageError("name the photos that ran (ids or --query)")
        with self.sessions.begin() as s:
            rows = record_in(s, list(dict.fromkeys(ids)), req, current_user())
            return [publication_json(p) for p in rows]

    def for_photo(self, photo_id: int) -> list[dict[str, Any]]:
        with self.sessions() as s:
            rows = s.scalars(
                select(Publication)
                .where(Publication.photo_id == photo_id)
                .order_by(Publication.published_on, Publication.id)
            )
            return [publication_json(p) for p in rows]

    def last_published(self, ids: Sequence[int]) -> dict[int, date]:
        from sqlalchemy import func

        with self.sessions() as s:
            rows = s.execute(
                select(Publication.photo_id, func.max(Publication.published_on))
                .where(Publication.photo_id.in_(list(ids)))
                .group_by(Publication.photo_id)
            )
            return {pid: day for pid, day in rows}


def record_in(s: Session, ids: list[int], req: PublicationRequest, user: str) -> list[Publication]:
    photos = {
        p.id: p
        for p in s.scalars(
            select(Photo)
            .options(selectinload(Photo.agency), selectinload(Photo.licence))
            .where(Photo.id.in_(ids))
        )
    }
    missing = [i for i in ids if i not in photos]
    if missing:
        raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
    external = req.external_id
    if external and len(ids) > 1:
        raise UsageError("an external id names one usage row: give one photo")
    out = []
    batch = f"publish-{datetime.now().strftime('%Y%m%dT%H%M%S%f')}"
    for pid in ids:
        photo = photos[pid]
        agency = photo.agency
        pub = Publication(
            photo_id=pid,
            published_on=req.published_on,
            location=req.where,
            title=req.title,
            section=req.section,
            page=req.page,
            edition=req.edition,
            use=req.use or "web",
            size=req.size,
            fee=req.fee,
            currency=req.currency,
            agency=agency.name if agency else None,
            agency_parent=agency.parent.name if agency and agency.parent else None,
            credit_line=photo.credit_line,
            licence_kind=photo.licence.kind if photo.licence else None,
            origin=req.origin,
            external_id=external,
            user=user,
        )
        s.add(pub)
        out.append(pub)
    s.flush()
    for pub in out:
        s.add(
            AuditEvent(
                user=user,
                batch=batch,
                action="publish",
                entity="photo",
                entity_id=pub.photo_id,
                field="publication",
                old=None,
                new=publication_json(pub),
            )
        )
    return out
