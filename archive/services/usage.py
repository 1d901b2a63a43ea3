"""Where has this picture been used, and what was published per agency (for invoices).

Rows of both kinds: exports (``"kind": "export"``) and publications (``"kind":
"publication"``, archive.rights), the latter with their expected fee and quota.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from archive.credits import load_registry
from archive.db.models import ExportBundle, ExportItem, Photo, Publication
from archive.errors import NotFoundError
from archive.rights.publications import publication_json
from archive.rights.report import costed_publications, day_of


def _iso(value: datetime) -> str:
    return value.replace(tzinfo=UTC).isoformat(timespec="seconds")


class UsageService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def usage(self, photo_id: int) -> list[dict[str, Any]]:
        with self.sessions() as s:
            if (
                s.get(Photo, photo_id) is None
                and not s.scalar(
                    select(ExportItem.id).where(ExportItem.photo_id == photo_id).limit(1)
                )
                and not s.scalar(
                    select(Publication.id).where(Publication.photo_id == photo_id).limit(1)
                )
            ):
                raise NotFoundError(f"no photo with id {photo_id}")
            rows = s.execute(
                select(ExportItem, ExportBundle)
                .join(ExportBundle, ExportItem.bundle_id == ExportBundle.id)
                .where(ExportItem.photo_id == photo_id)
                .order_by(ExportBundle.at)
            ).all()
            pubs = s.scalars(
                select(Publication)
                .where(Publication.photo_id == photo_id)
                .order_by(Publication.published_on, Publication.id)
            )
            out = [_row(item, bundle) for item, bundle in rows]
            return out + [publication_json(p) for p in pubs]

    def report(
        self,
        agency: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """Every exported file in the period, for one agency and its brands (Getty → WireImage)."""
        stmt = select(ExportItem, ExportBundle).join(
            ExportBundle, ExportItem.bundle_id == ExportBundle.id
        )
        if agency:
            registry = load_registry()
            known = registry.get(agency)
            names = {agency}
            if known is not None:
                names = {known.name, *registry.brands_under(known.name)}
            stmt = stmt.where(
                or_(ExportItem.agency.in_(names), ExportItem.agency_parent.in_(names))
            )
        if start is not None:
            stmt = stmt.where(ExportBundle.at >= start.astimezone(UTC).replace(tzinfo=None))
        if end is not None:
            stmt = stmt.where(ExportBundle.at < end.astimezone(UTC).replace(tzinfo=None))
        with self.sessions() as s:
            rows = s.execute(stmt.order_by(ExportBundle.at, ExportItem.id)).all()
            exports = [_row(item, bundle) for item, bundle in rows]
            uses = costed_publications(s, agency, day_of(start), day_of(end))
            return exports + uses


def _row(item: ExportItem, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "kind": "export",
        "exported_at": _iso(bundle.at),
        "bundle_id": bundle.id,
        "bundle": bundle.target,
        "profile": bundle.profile,
        "user": bundle.user,
        "photo_id": item.photo_id,
        "file": item.file_name,
        "agency": item.agency,
        "photographer": item.photographer,
        "credit_line": item.credit_line,
        "presentation_credit": item.presentation_credit,
        "caption": item.caption,
        "source_sha256": item.source_sha256,
        "exported_sha256": item.exported_sha256,
        "overrides": item.overrides,
    }
