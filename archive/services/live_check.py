"""Live checking: every photo a transaction imports or edits is checked against the archive's
default profile in that same transaction (issue 17 item 5).

So a picture's stored check state — its tile badge, `status:blocked`, the sidebar's *Needs
attention* counts — is right the moment it commits, never "Not checked yet" until someone
runs a check. Like the search index (archive/search/sync.py) it is kept by session hooks:
``after_flush`` notes the photos a flush touched (their rows, people and keyword links,
licences, overrides), ``before_commit`` checks them all at once, in one batch, on the
transaction's own connection. Core INSERTs that no ORM event sees (the importer's bulk
insert) say so with ``mark_for_check``.

A later explicit check for another profile (the check dialog, `creditdesk check --profile`)
records its own result as the photo's last check, as before; the next edit checks against
the default profile again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from archive.db.base import utcnow
from archive.db.licensing import CheckResult, Licence, Override
from archive.db.models import Photo, PhotoKeyword, PhotoPerson

if TYPE_CHECKING:
    from archive.compliance.facts import Finding, ProfileFacts
    from archive.credits import AgencyRegistry

_KEY = "creditdesk.live_check.pending"
CHUNK = 500


@dataclass
class _Pending:
    photos: set[int] = field(default_factory=set)
    licences: set[int] = field(default_factory=set)


def _pending(session: Session) -> _Pending:
    found = session.info.get(_KEY)
    if found is None:
        found = session.info[_KEY] = _Pending()
    return found  # type: ignore[no-any-return]


def mark_for_check(session: Session, photo_ids: Iterable[int]) -> None:
    """Check these photos against the default profile when *session* commits."""
    _pending(session).photos.update(photo_ids)


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    note = _pending(session)
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Photo):
            note.photos.add(obj.id)
        elif isinstance(obj, PhotoPerson | PhotoKeyword | Override):
            note.photos.add(obj.photo_id)
        elif isinstance(obj, Licence) and obj.id is not None:
            note.licences.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, PhotoPerson | PhotoKeyword | Override):
            state: Any = inspect(obj)
            note.photos.add(state.committed_state.get("photo_id", obj.photo_id))


def _before_commit(session: Session, registry: Callable[[], AgencyRegistry] | None) -> None:
    session.flush()  # the last changes first (commit flushes only after this hook)
    note = session.info.pop(_KEY, None)
    if not note or not (note.photos or note.licences):
        return
    with session.no_autoflush:
        ids = set(note.photos)
        if note.licences:
            ids.update(session.scalars(select(Photo.id).where(Photo.licence_id.in_(note.licences))))
        ids.update(_twins(session, sorted(i for i in ids if i is not None)))
        check_and_record(session, sorted(i for i in ids if i is not None), registry)


def shared_hashes(session: Session, hashes: list[int]) -> set[int]:
    """The photos whose perceptual hash is one of *hashes* and is held by another photo too."""
    seen: dict[int | None, list[int]] = {}
    for start in range(0, len(hashes), CHUNK):
        rows = session.execute(
            select(Photo.id, Photo.dhash).where(Photo.dhash.in_(hashes[start : start + CHUNK]))
        )
        for pid, dhash in rows:
            seen.setdefault(dhash, []).append(pid)
    return {pid for group in seen.values() if len(group) > 1 for pid in group}


def _twins(session: Session, ids: list[int]) -> set[int]:
    """Other copies of the same picture (same perceptual hash): their duplicate-credit finding
    reads these photos' credit lines, so a change here changes their check too."""
    out: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        hashes = select(Photo.dhash).where(
            Photo.id.in_(ids[start : start + CHUNK]), Photo.dhash.is_not(None)
        )
        out.update(session.scalars(select(Photo.id).where(Photo.dhash.in_(hashes))))
    return out


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def check_and_record(
    session: Session,
    ids: list[int],
    registry: Callable[[], AgencyRegistry] | None = None,
    profile: ProfileFacts | None = None,
) -> None:
    """Check *ids* against *profile* (default: the archive's default profile, now) and store
    each result as the photo's last check, in *session*'s transaction.

    A catalogue without the default profile (none to check against) records nothing. When
    the check itself cannot run (a corrupt stored restriction), the photos' old results
    are removed rather than left standing: "not checked" is true, a stale "clear" is not.
    """
    from archive.errors import NotFoundError
    from archive.services.profiles import profile_facts

    if not ids:
        return
    if profile is None:
        try:
            profile = profile_facts(session, None)
        except NotFoundError:
            return
    reg = registry() if registry is not None else None
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        try:
            results = check_in_session(session, chunk, profile, reg)
        except Exception:  # the photos stay unchecked; an explicit check shows why
            session.connection().execute(delete(CheckResult).where(CheckResult.photo_id.in_(chunk)))
            continue
        record(session, results, profile)


def check_in_session(
    session: Session,
    ids: list[int],
    profile: ProfileFacts,
    registry: AgencyRegistry | None,
    extra_overrides: dict[str, str] | None = None,
    rights_out: dict[int, Any] | None = None,
) -> list[tuple[int, str, list[Finding]]]:
    """(photo id, status, findings) for each of *ids* that exists, in *ids*' order.

    *rights_out*, when given, receives what export will write about each photo's rights
    (archive/export/rights.ExportRights), when the profile writes them."""
    from archive.compliance.engine import check_photo, status_of
    from archive.compliance.override_facts import describe, still_applies
    from archive.services.facts import gather, load_photos

    photos = load_photos(session, ids)
    granted = overrides_of(session, [p.id for p in photos], profile.name)
    out = []
    for facts in gather(session, photos):
        allowed: dict[str, str] = {}
        lapsed: dict[str, tuple[str, str]] = {}
        # An override holds only for the facts it was written for (issue 22 item 1).
        for rule, (reason, given_for) in granted.get(facts.id, {}).items():
            if still_applies(given_for, rule, facts, profile):
                allowed[rule] = reason
            else:
                lapsed[rule] = (reason, describe(given_for))
        allowed.update(extra_overrides or {})
        findings = check_photo(facts, profile, allowed, registry=registry, lapsed=lapsed)
        out.append((facts.id, status_of(findings), findings))
        if rights_out is not None and profile.rights_on_export:
            from archive.credits import load_registry
            from archive.export.rights import facts_rights

            rights_out[facts.id] = facts_rights(registry or load_registry(), facts)
    return out


def overrides_of(
    session: Session, ids: list[int], profile: str
) -> dict[int, dict[str, tuple[str, dict[str, Any] | None]]]:
    """Active overrides of these photos that apply to *profile*:
    photo → rule → (reason, the facts it was given for). The latest override of a rule wins."""
    rows = session.scalars(
        select(Override)
        .where(Override.photo_id.in_(ids), Override.active.is_(True))
        .order_by(Override.id)
    )
    out: dict[int, dict[str, tuple[str, dict[str, Any] | None]]] = {}
    for row in rows:
        if row.profile in (None, profile):
            out.setdefault(row.photo_id, {})[row.rule] = (row.reason, row.facts)
    return out


def record(
    session: Session, results: list[tuple[int, str, list[Finding]]], profile: ProfileFacts
) -> None:
    """Store each result as its photo's last check (one DELETE and one INSERT)."""
    if not results:
        return
    from datetime import UTC

    conn = session.connection()
    ids = [pid for pid, _, _ in results]
    conn.execute(delete(CheckResult).where(CheckResult.photo_id.in_(ids)))
    now = utcnow()
    checked_for = profile.at.astimezone(UTC).replace(tzinfo=None)
    rows: list[dict[str, Any]] = [
        {
            "photo_id": pid,
            "profile": profile.name,
            "status": status,
            "at": now,
            "checked_for": checked_for,
            "findings": [f.as_json() for f in findings],
        }
        for pid, status, findings in results
    ]
    conn.execute(insert(CheckResult), rows)
    # The ORM must not keep a stale CheckResult of these photos from earlier in the session.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, CheckResult) and obj.photo_id in ids:
            session.expunge(obj)


def install(
    sessions: sessionmaker[Session], registry: Callable[[], AgencyRegistry] | None = None
) -> None:
    """Check every photo a commit through *sessions* imports or edits (Archive.open).

    *registry* gives the archive's agency pack (bundled + its agencies.toml), read when
    first needed so opening an archive stays cheap."""
    if getattr(sessions, "_creditdesk_live_check", False):
        return
    sessions._creditdesk_live_check = True  # type: ignore[attr-defined]
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", lambda session: _before_commit(session, registry))
    event.listen(sessions, "after_rollback", _after_rollback)
