"""Run the credit-compliance check for a profile, record results, and manage overrides."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from archive.compliance.engine import all_rules, is_hard
from archive.compliance.facts import Finding, ProfileFacts
from archive.credits import AgencyRegistry
from archive.db.models import AuditEvent, Override, Photo
from archive.errors import NotFoundError, UsageError
from archive.export.rights import ExportRights, rights_json
from archive.services.live_check import check_in_session
from archive.services.live_check import record as record_results
from archive.services.profiles import ProfileService
from archive.users import current_user

CHUNK = 500


@dataclass
class PhotoReport:
    id: int
    status: str
    findings: list[Finding]
    # What export will write about the rights (usage terms, copyright): issue 22 item 3.
    export_rights: ExportRights | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "findings": [f.as_json() for f in self.findings],
        }
        if self.export_rights is not None:
            out["export_rights"] = rights_json(self.export_rights)
        return out


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


def refuse_hard(overrides: dict[str, str], profile: ProfileFacts) -> None:
    """UsageError when any of *overrides* names a rule *profile* holds hard."""
    hard = [rule for rule in overrides if is_hard(rule, profile)]
    if hard:
        raise UsageError(
            f"{', '.join(hard)} cannot be overridden: a hard rule of profile {profile.name} "
            "(no reason makes an embargoed, expired or AI-generated picture publishable); "
            "fix the picture's licence or choose another picture"
        )


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
        if extra_overrides:
            refuse_hard(extra_overrides, facts_profile)
        report = CheckReport(facts_profile)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            with self.sessions.begin() as session:
                rights: dict[int, ExportRights] = {}
                results = check_in_session(
                    session, chunk, facts_profile, self.registry, extra_overrides, rights
                )
                missing = sorted(set(chunk) - {pid for pid, _, _ in results})
                if missing:
                    raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
                report.photos.extend(PhotoReport(*r, rights.get(r[0])) for r in results)
                if record:
                    record_results(session, results, facts_profile)
        return report

    def override(
        self,
        photo_id: int,
        rule: str,
        reason: str,
        profile: str | None = None,
        at: datetime | None = None,
    ) -> dict[str, Any]:
        """Accept one finding for one photo, with a written reason; audited and shown in history.

        Refused when the photo has no finding of *rule* now (for *profile*, default: the
        archive's default profile, at *at*, default: now): an override answers a problem
        that exists, it does not pre-clear one that might come. It records the facts the
        finding depends on and lapses when they change (archive/compliance/override_facts)."""
        codes = {r.code for r in all_rules()}
        if rule not in codes:
            raise UsageError(f"no rule {rule!r} (rules: {', '.join(sorted(codes))})")
        if not reason or not reason.strip():
            raise UsageError("an override needs a written reason (--reason TEXT)")
        facts_profile = self.profiles.facts(profile, at)
        refuse_hard({rule: reason}, facts_profile)
        user = current_user()
        with self.sessions.begin() as session:
            if session.get(Photo, photo_id) is None:
                raise NotFoundError(f"no photo with id {photo_id}")
            given_for = self.finding_facts(session, photo_id, rule, facts_profile)
            row = Override(
                photo_id=photo_id,
                rule=rule,
                reason=reason.strip(),
                profile=profile,
                user=user,
                facts=given_for,
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
                    new={"reason": reason.strip(), "profile": profile, "facts": given_for},
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
                "facts": given_for,
            }

    def finding_facts(
        self, session: Session, photo_id: int, rule: str, profile: ProfileFacts
    ) -> dict[str, Any]:
        """The facts *rule*'s finding on the photo depends on; UsageError when it has none."""
        from archive.compliance.engine import check_photo
        from archive.compliance.override_facts import facts_for
        from archive.services.facts import gather, load_photos

        (photo,) = gather(session, load_photos(session, [photo_id]))
        findings = check_photo(photo, profile, {}, registry=self.registry)
        if not any(f.rule == rule for f in findings):
            raise UsageError(
                f"photo {photo_id} has no {rule} finding for profile {profile.name}: there is "
                "nothing to override (run `creditdesk check` to see its findings)"
            )
        return facts_for(rule, photo, profile)
