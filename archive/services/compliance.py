"""Run the credit-compliance check for a profile, record results, and manage overrides."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from archive.compliance.engine import all_rules, check_photo, status_of
from archive.compliance.facts import Finding, ProfileFacts
from archive.credits import AgencyRegistry
from archive.db.models import AuditEvent, CheckResult, Override, Photo
from archive.errors import NotFoundError, UsageError
from archive.importer.persist import current_user
from archive.services.facts import gather, load_photos
from archive.services.profiles import ProfileService

CHUNK = 500


@dataclass
class PhotoReport:
    id: int
    status: str
    findings: list[Finding]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "findings": [f.as_json() for f in self.findings],
        }


@dataclass
class CheckReport:
    profile: ProfileFacts
    photos: list[PhotoReport] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(
            1 for p in self.photos for f in p.findings if f.severity == "error" and not f.overridden
        )

    @property
    def warnings(self) -> int:
        return sum(
            1
            for p in self.photos
            for f in p.findings
            if f.severity == "warning" and not f.overridden
        )

    @property
    def blocked(self) -> bool:
        return any(p.status == "blocked" for p in self.photos)

    def as_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile.name,
            "at": self.profile.at.isoformat(),
            "errors": self.errors,
            "warnings": self.warnings,
            "photos": [p.as_json() for p in self.photos],
        }


class ComplianceService:
    def __init__(
        self, sessions: sessionmaker[Session], registry: AgencyRegistry | None = None
    ) -> None:
        self.sessions = sessions
        self.profiles = ProfileService(sessions)
        # The archive's own agency pack, so a desk's added agencies are known to the rules.
        self.registry = registry

    def check(
        self,
        ids: list[int],
        profile: str | None = None,
        at: datetime | None = None,
        extra_overrides: dict[str, str] | None = None,
        record: bool = True,
    ) -> CheckReport:
        """Every rule for every photo; the result is stored as each photo's last check."""
        facts_profile = self.profiles.facts(profile, at)
        report = CheckReport(facts_profile)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            with self.sessions.begin() as session:
                photos = load_photos(session, chunk)
                missing = sorted(set(chunk) - {p.id for p in photos})
                if missing:
                    raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
                overrides = self._overrides(session, chunk, facts_profile.name)
                for facts in gather(session, photos):
                    granted = {**overrides.get(facts.id, {}), **(extra_overrides or {})}
                    findings = check_photo(facts, facts_profile, granted, registry=self.registry)
                    report.photos.append(PhotoReport(facts.id, status_of(findings), findings))
                if record:
                    self._record(session, report.photos[-len(photos) :], facts_profile)
        return report

    def _overrides(
        self, session: Session, ids: list[int], profile: str
    ) -> dict[int, dict[str, str]]:
        rows = session.scalars(
            select(Override)
            .where(Override.photo_id.in_(ids), Override.active.is_(True))
            .order_by(Override.id)
        )
        out: dict[int, dict[str, str]] = {}
        for row in rows:
            if row.profile in (None, profile):
                out.setdefault(row.photo_id, {})[row.rule] = row.reason
        return out

    def _record(self, session: Session, photos: list[PhotoReport], profile: ProfileFacts) -> None:
        ids = [p.id for p in photos]
        session.execute(delete(CheckResult).where(CheckResult.photo_id.in_(ids)))
        checked_for = profile.at.astimezone(UTC).replace(tzinfo=None)
        for p in photos:
            session.add(
                CheckResult(
                    photo_id=p.id,
                    profile=profile.name,
                    status=p.status,
                    checked_for=checked_for,
                    findings=[f.as_json() for f in p.findings],
                )
            )

    def override(
        self, photo_id: int, rule: str, reason: str, profile: str | None = None
    ) -> dict[str, Any]:
        """Accept one rule for one photo, with a written reason; audited and shown in history."""
        codes = {r.code for r in all_rules()}
        if rule not in codes:
            raise UsageError(f"no rule {rule!r} (rules: {', '.join(sorted(codes))})")
        if not reason or not reason.strip():
            raise UsageError("an override needs a written reason (--reason TEXT)")
        user = current_user()
        with self.sessions.begin() as session:
            if session.get(Photo, photo_id) is None:
                raise NotFoundError(f"no photo with id {photo_id}")
            row = Override(
                photo_id=photo_id, rule=rule, reason=reason.strip(), profile=profile, user=user
            )
            session.add(row)
            session.add(
                AuditEvent(
                    user=user,
                    batch=uuid.uuid4().hex,
                    action="override",
                    entity="photo",
                    entity_id=photo_id,
                    field=rule,
                    new={"reason": reason.strip(), "profile": profile},
                )
            )
            session.flush()
            return {
                "id": row.id,
                "photo_id": photo_id,
                "rule": rule,
                "reason": row.reason,
                "profile": profile,
                "user": user,
                "at": row.at.replace(tzinfo=UTC).isoformat(),
            }
