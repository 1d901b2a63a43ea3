"""`credit fix`: apply the credit engine's proposed line to photos, as one audited, undoable edit.

The proposal is the one the check shows as the fix of ``credit-format`` / ``credit-mismatch``
(``archive.credits.evidence.read_credit`` over the picture's line and the embedded evidence).
Photos whose line already is the proposal, or for which no line can be proposed, are left
alone and listed. Every change is in the photo's history under one batch: ``undo`` reverts
them all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from archive.compliance.rules.base import using_registry
from archive.compliance.rules.credit import reading
from archive.credits import AgencyRegistry, load_registry
from archive.credits.evidence import CreditReading
from archive.errors import UsageError
from archive.services.edits import EditRequest, EditResult, check_version, conflicts_reported
from archive.services.facts import gather, load_photos
from archive.services.photo_editor import PhotoEditor
from archive.users import current_user


@dataclass
class CreditFix:
    photo_id: int
    old: str | None
    new: str | None
    reason: str  # "fixed", "already in form", "no proposal"
    findings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.photo_id,
            "old": self.old,
            "new": self.new,
            "status": self.reason,
            "findings": self.findings,
        }


@dataclass
class CreditFixResult:
    edit: EditResult
    photos: list[CreditFix]

    @property
    def fixed(self) -> list[CreditFix]:
        return [p for p in self.photos if p.reason == "fixed"]

    def as_json(self) -> dict[str, Any]:
        return {
            **self.edit.as_json(),
            "fixed": len(self.fixed),
            "photos": [p.as_json() for p in self.photos],
        }


class CreditFixService:
    def __init__(
        self, sessions: sessionmaker[Session], registry: AgencyRegistry | None = None
    ) -> None:
        self.sessions = sessions
        self.registry = registry if registry is not None else load_registry()
        self.user = current_user()

    def proposals(self, ids: list[int]) -> dict[int, CreditReading | None]:
        """The engine's reading of each photo's credit (None: the photo has no line)."""
        with self.sessions() as session, using_registry(self.registry):
            photos = load_photos(session, ids)
            return {facts.id: reading(facts) for facts in gather(session, photos)}

    def fix(
        self, ids: list[int], expected_versions: dict[int, int] | None = None
    ) -> CreditFixResult:
        if not ids:
            raise UsageError("no photos selected")
        result = EditResult(batch=uuid.uuid4().hex)
        fixes: list[CreditFix] = []
        with conflicts_reported(self.sessions, ids), self.sessions.begin() as session:
            with using_registry(self.registry):
                photos = load_photos(session, ids)
                missing = sorted(set(ids) - {p.id for p in photos})
                if missing:
                    from archive.errors import NotFoundError

                    raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
                readings = {f.id: reading(f) for f in gather(session, photos)}
            for photo in photos:
                check_version(photo, expected_versions)
                found = readings.get(photo.id)
                old = photo.credit_line
                messages = [f.message for f in found.findings] if found else []
                target = found.proposed if found else None
                if target is None:
                    fixes.append(CreditFix(photo.id, old, old, "no proposal", messages))
                    continue
                request = EditRequest(
                    credit=target,
                    photographer=found.photographer or "" if found else "",
                    agency=found.agency or "" if found else "",
                )
                # action "edit": undo and redo treat the batch like any other edit
                editor = PhotoEditor(session, photo, result, self.user)
                if editor.apply(request):
                    result.photo_ids.append(photo.id)
                    fixes.append(CreditFix(photo.id, old, target, "fixed", messages))
                else:
                    fixes.append(CreditFix(photo.id, old, target, "already in form", messages))
            session.flush()
            result.versions = {p.id: p.version for p in photos}
        return CreditFixResult(result, fixes)
