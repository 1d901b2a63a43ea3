"""The expiry digest: licences ending within N days, grouped by agency and by the article
each picture ran in (a picture never published is listed under "not published")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import Agency, Licence, Photo, Publication
from archive.errors import UsageError

NOT_PUBLISHED = "(not published)"


class ExpiryDigest:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def expiring(
        self, days: int, now: datetime | None = None, used_only: bool = False
    ) -> dict[str, Any]:
        """*used_only*: only pictures with a publication record (the start-up notice)."""
        if days < 0:
            raise UsageError("--days cannot be negative")
        start = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        until = start + timedelta(days=days)
        with self.sessions() as s:
            rows = s.execute(
                select(Photo.id, Photo.credit_line, Agency.name, Licence.valid_until)
                .join(Licence, Photo.licence_id == Licence.id)
                .outerjoin(Agency, Photo.agency_id == Agency.id)
                .where(and_(Licence.valid_until > start, Licence.valid_until <= until))
                .order_by(Licence.valid_until, Photo.id)
            ).all()
            ids = [r[0] for r in rows]
            pubs: dict[int, list[tuple[str, str, str]]] = {}  # title, where, ISO day
            for i in range(0, len(ids), 500):
                found = s.execute(
                    select(
                        Publication.photo_id,
                        Publication.title,
                        Publication.location,
                        Publication.published_on,
                    )
                    .where(Publication.photo_id.in_(ids[i : i + 500]))
                    .order_by(Publication.published_on)
                )
                for pid, title, where, ran in found:
                    pubs.setdefault(pid, []).append((title, where, ran.isoformat()))
        agencies: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        total = 0
        for pid, credit, agency, ends in rows:
            assert ends is not None  # the query asks for a window
            valid_until: datetime = ends
            if used_only and pid not in pubs:
                continue
            total += 1
            photo = {
                "photo_id": pid,
                "credit_line": credit,
                "expires": valid_until.replace(tzinfo=UTC).isoformat(timespec="seconds"),
                "days_left": (valid_until - start).days,
            }
            articles = agencies.setdefault(agency or "(no agency)", {})
            for title, where, day in pubs.get(pid, [(NOT_PUBLISHED, "", "")]):
                art = articles.setdefault(
                    (title, where),
                    {
                        "title": title,
                        "where": where or None,
                        "published_on": day or None,
                        "photos": [],
                    },
                )
                art["photos"].append(photo)
        return {
            "days": days,
            "from": start.replace(tzinfo=UTC).isoformat(timespec="seconds"),
            "until": until.replace(tzinfo=UTC).isoformat(timespec="seconds"),
            "photos": total,
            "agencies": [
                {
                    "agency": name,
                    "photos": len({p["photo_id"] for a in arts.values() for p in a["photos"]}),
                    "articles": list(arts.values()),
                }
                for name, arts in sorted(agencies.items())
            ],
        }
