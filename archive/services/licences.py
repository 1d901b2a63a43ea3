"""Editing licences: kind, uses, territories, validity, releases, restrictions (audited).

A licence edit is an ordinary edit batch: each changed field is an AuditEvent with field
``licence.<key>`` holding licence_json's values, the photos' versions move on, and
HistoryService undoes and redoes it through restore_licence.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from archive.compliance import parse_restrictions
from archive.compliance.facts import LICENCE_KINDS
from archive.db.models import AuditEvent, Licence, Photo
from archive.errors import NotFoundError, UsageError
from archive.importer.licensing import licence_from_restrictions
from archive.services.edits import check_version, conflicts_reported
from archive.services.licence_json import licence_json
from archive.services.profiles import parse_when, territory, uses
from archive.users import current_user

RELEASES = ("none", "not-applicable", "unlimited", "limited")
AUDIT_PREFIX = "licence."  # AuditEvent.field of a licence change: "licence.kind"…
# licence_json's keys that are terms (audited, restored); id and shared are identity.
TERMS = (
    "kind",
    "uses",
    "excluded_territories",
    "valid_from",
    "valid_until",
    "time_limit_days",
    "model_release",
    "property_release",
    "reference",
    "notes",
    "restrictions",
)
_LISTS = ("uses", "excluded_territories", "restrictions")
_DATES = ("valid_from", "valid_until")


@dataclass(frozen=True)
class LicenceChange:
    """None leaves a field alone."""

    kind: str | None = None
    uses: str | None = None  # comma list
    exclude_territories: tuple[str, ...] = ()
    include_territories: tuple[str, ...] = ()  # remove from the excluded list
    valid_from: str | None = None  # ISO; "" clears
    valid_until: str | None = None
    time_limit_days: int | None = None  # 0 clears
    model_release: str | None = None
    property_release: str | None = None
    reference: str | None = None
    notes: str | None = None
    add_restrictions: tuple[str, ...] = ()  # free text, parsed like agency instructions
    clear_restrictions: bool = False


class LicenceService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def edit(
        self,
        ids: list[int],
        change: LicenceChange,
        shared: bool = False,
        *,
        expected_versions: Mapping[int, int] | None = None,
    ) -> dict[str, Any]:
        """Change the licence of these photos in one audited batch (undoable).

        *expected_versions* ({photo id: version read}) refuses the whole edit with a
        ConflictError when one of those photos was saved by someone else meanwhile.
        """
        if not ids:
            raise UsageError("no photos selected")
        if change == LicenceChange():
            raise UsageError("nothing to change: name at least one licence field")
        values = _validated(change)
        batch, user = uuid.uuid4().hex, current_user()
        with conflicts_reported(self.sessions, ids), self.sessions.begin() as s:
            photos = s.scalars(
                select(Photo).options(selectinload(Photo.licence)).where(Photo.id.in_(ids))
            ).all()
            missing = sorted(set(ids) - {p.id for p in photos})
            if missing:
                raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
            for photo in photos:
                check_version(photo, expected_versions)
            common = None
            if shared:
                # One licence (a contract) for all: start from the first photo's terms.
                common = (
                    _clone(photos[0].licence) if photos[0].licence else Licence(restrictions=[])
                )
                common.shared = True
                s.add(common)
                _apply(common, values, change)  # once: restrictions are appended, not set
            for photo in photos:
                before = licence_json(photo.licence) or {}
                if common is not None:
                    photo.licence = common
                else:
                    _apply(own_licence(s, photo), values, change)
                # Dirties the row, so its version counter (version_id_col) moves on.
                photo.updated_at = datetime.now(UTC).replace(tzinfo=None)
                s.flush()
                after = licence_json(photo.licence) or {}
                audit_licence(s, photo, before, after, batch=batch, user=user, action="edit")
            s.flush()
            versions = {p.id: p.version for p in photos}
        return {"batch": batch, "photo_ids": [p.id for p in photos], "versions": versions}


def own_licence(s: Session, photo: Photo) -> Licence:
    """The photo's licence, safe to change for it alone: a new one if it has none, a copy
    if another photo uses the same row (a shared contract is never changed for all)."""
    if photo.licence is None or _used_elsewhere(s, photo):
        photo.licence = _clone(photo.licence) if photo.licence else Licence(restrictions=[])
    return photo.licence


def audit_licence(
    s: Session,
    photo: Photo,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    batch: str,
    user: str,
    action: str,
) -> int:
    """One AuditEvent per licence term that differs between two licence_json forms
    ({} = no licence); the number written."""
    written = 0
    for key in TERMS:
        old, new = before.get(key), after.get(key)
        if old != new:
            s.add(
                AuditEvent(
                    user=user,
                    batch=batch,
                    action=action,
                    entity="photo",
                    entity_id=photo.id,
                    field=f"{AUDIT_PREFIX}{key}",
                    old=old,
                    new=new,
                )
            )
            written += 1
    return written


def restore_licence(
    s: Session, photo: Photo, terms: dict[str, Any], *, batch: str, user: str, action: str
) -> int:
    """Set the licence terms of *photo* back to *terms* (audited values, licence_json's
    form, e.g. the ``old`` of a batch): undo and redo of a licence edit. A list term that
    is None means the photo had no licence then, and it gets none again. The photo's row
    is touched (its version moves on) and each change audited; the number of changes."""
    before = licence_json(photo.licence) or {}
    if any(terms.get(key, ()) is None for key in _LISTS):
        photo.licence = None
    else:
        lic = own_licence(s, photo)
        for key, value in terms.items():
            if key in TERMS:
                setattr(lic, key, _column_value(key, value))
    s.flush()
    after = licence_json(photo.licence) or {}
    written = audit_licence(s, photo, before, after, batch=batch, user=user, action=action)
    if written:
        photo.updated_at = datetime.now(UTC).replace(tzinfo=None)
    return written


def _column_value(key: str, value: Any) -> Any:
    if key in _LISTS:
        return list(value or [])
    if key in _DATES and value is not None:
        return datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
    return value


def _used_elsewhere(s: Session, photo: Photo) -> bool:
    assert photo.licence is not None
    count = s.scalar(select(func.count()).where(Photo.licence_id == photo.licence.id)) or 0
    return count > 1


def _clone(lic: Licence) -> Licence:
    skip = {"id", "shared", "updated_at"}
    return Licence(
        **{c.key: getattr(lic, c.key) for c in Licence.__table__.columns if c.key not in skip}
    )


def _validated(change: LicenceChange) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if change.kind is not None:
        if change.kind not in LICENCE_KINDS:
            raise UsageError(f"unknown licence kind {change.kind!r}: {', '.join(LICENCE_KINDS)}")
        out["kind"] = change.kind
    if change.uses is not None:
        out["uses"] = uses(change.uses) if change.uses else []
    for name in ("valid_from", "valid_until"):
        value = getattr(change, name)
        if value is not None:
            out[name] = parse_when(value).astimezone(UTC).replace(tzinfo=None) if value else None
    if change.time_limit_days is not None:
        if change.time_limit_days < 0:
            raise UsageError("--time-limit-days cannot be negative")
        out["time_limit_days"] = change.time_limit_days or None
    for name in ("model_release", "property_release"):
        value = getattr(change, name)
        if value is not None:
            if value not in RELEASES:
                raise UsageError(f"{name.replace('_', ' ')} must be one of {', '.join(RELEASES)}")
            out[name] = value
    for name in ("reference", "notes"):
        if getattr(change, name) is not None:
            out[name] = getattr(change, name) or None
    return out


def _apply(lic: Licence, values: dict[str, Any], change: LicenceChange) -> None:
    for key, value in values.items():
        setattr(lic, key, value)
    excluded = list(lic.excluded_territories or [])
    for name in change.exclude_territories:
        code = territory(name)
        if code not in excluded:
            excluded.append(code)
    drop = {territory(n) for n in change.include_territories}
    lic.excluded_territories = [c for c in excluded if c not in drop]
    restrictions = [] if change.clear_restrictions else list(lic.restrictions or [])
    if change.add_restrictions:
        parsed = parse_restrictions(*change.add_restrictions)
        derived = licence_from_restrictions(parsed)
        restrictions.extend(r.to_json() for r in parsed)
        for code in derived.excluded_territories:
            if code not in lic.excluded_territories:
                lic.excluded_territories = [*lic.excluded_territories, code]
        if derived.time_limit_days and not lic.time_limit_days:
            lic.time_limit_days = derived.time_limit_days
        if derived.kind and not lic.kind:
            lic.kind = derived.kind
    lic.restrictions = restrictions
