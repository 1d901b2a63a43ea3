"""Editing many photos at once: one transaction per command, every change audited.

Only the fields the request names change. Each photo row carries a version counter;
a write based on a stale read (another editor saved in between) becomes a
ConflictError naming who changed it, never a silently lost update.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from archive.captions import CodeReplacements
from archive.db.models import AuditEvent, Photo, PhotoKeyword, PhotoPerson
from archive.errors import ConflictError, NotFoundError, UsageError
from archive.services.field_edits import IPTC_TEXT_FIELDS
from archive.services.photo_editor import TEXT_FIELDS, PhotoEditor
from archive.users import current_user


@dataclass(frozen=True)
class EditRequest:
    """None leaves a field alone; an empty string clears it."""

    caption: str | None = None
    headline: str | None = None
    title: str | None = None
    template: str | None = None  # template text (resolved from its name by the caller)
    add_people: tuple[str, ...] = ()
    remove_people: tuple[str, ...] = ()
    event: str | None = None
    photographer: str | None = None
    agency: str | None = None
    credit: str | None = None
    add_keywords: tuple[str, ...] = ()
    remove_keywords: tuple[str, ...] = ()
    special_instructions: str | None = None
    # The wire desk's IPTC fields (archive.services.field_edits); country and its ISO code
    # are filled from each other when only one is given.
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    country_code: str | None = None
    creator: str | None = None
    creator_job_title: str | None = None
    source: str | None = None
    copyright: str | None = None
    usage_terms: str | None = None
    alt_text: str | None = None
    extended_description: str | None = None
    job_id: str | None = None
    date_created: str | None = None  # ISO 8601; "" clears
    rating: int | None = None  # 1-5 stars, -1 rejected, 0 clears (archive.ratings)
    label: str | None = None  # red, yellow, green, blue, purple or any word; "" clears
    # IPTC Digital Source Type: a NewsCodes term or its URI (archive.provenance.vocab); "" clears
    source_type: str | None = None
    create: bool = False  # create people/events the archive does not know yet
    expected_versions: Mapping[int, int] | None = None

    def is_empty(self) -> bool:
        return self == EditRequest(create=self.create, expected_versions=self.expected_versions)


@dataclass
class EditResult:
    batch: str
    photo_ids: list[int] = field(default_factory=list)
    changes: int = 0
    versions: dict[int, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "photo_ids": self.photo_ids,
            "changes": self.changes,
            "versions": {str(k): v for k, v in self.versions.items()},
            "warnings": self.warnings,
        }


_LOAD = (
    selectinload(Photo.person_links).selectinload(PhotoPerson.person),
    selectinload(Photo.keyword_links).selectinload(PhotoKeyword.keyword),
    selectinload(Photo.event),
    selectinload(Photo.photographer),
    selectinload(Photo.agency),
)


class EditService:
    def __init__(
        self, sessions: sessionmaker[Session], codes: CodeReplacements | None = None
    ) -> None:
        self.sessions = sessions
        self.codes = codes
        self.user = current_user()

    def edit(self, ids: list[int], request: EditRequest) -> EditResult:
        if not ids:
            raise UsageError("no photos selected")
        if request.is_empty():
            raise UsageError("nothing to change: name at least one field to edit")
        if request.template is not None and request.caption is not None:
            raise UsageError("give either a caption or a template, not both")
        result = EditResult(batch=uuid.uuid4().hex)
        request = self._replace_codes(request, result)
        with conflicts_reported(self.sessions, ids), self.sessions.begin() as session:
            photos = self._load(session, ids)
            for photo in photos:
                check_version(photo, request.expected_versions)
                # No flush between the fields of one photo: each flush of a changed row is an
                # UPDATE that moves its version, and one edit is one version (a credit edit
                # used to move it twice: photographer, then agency). Flushed per photo, so the
                # next photo's lookups see the people and events this one created.
                with session.no_autoflush:
                    editor = PhotoEditor(session, photo, result, self.user, request.create)
                    changed = editor.apply(request)
                session.flush()
                if changed:
                    result.photo_ids.append(photo.id)
            session.flush()
            result.versions = {p.id: p.version for p in photos}
        return result

    def _load(self, session: Session, ids: list[int]) -> list[Photo]:
        found = {
            p.id: p for p in session.scalars(select(Photo).options(*_LOAD).where(Photo.id.in_(ids)))
        }
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"no photo with id {', '.join(map(str, missing))}")
        return [found[i] for i in ids]

    def _replace_codes(self, request: EditRequest, result: EditResult) -> EditRequest:
        if self.codes is None:
            return request
        updates: dict[str, Any] = {}
        for name in (*TEXT_FIELDS, *IPTC_TEXT_FIELDS, "template", "credit", "creator"):
            value = getattr(request, name)
            if value:
                replaced = self.codes.apply(value)
                updates[name] = replaced.text
                for code in replaced.unknown:
                    result.warnings.append(f"unknown code {code} in {name}: left as typed")
        for name in ("add_people", "add_keywords"):
            values = []
            for value in getattr(request, name):
                replaced = self.codes.apply(value)
                values.append(replaced.text)
                result.warnings.extend(f"unknown code {c} in {name}" for c in replaced.unknown)
            updates[name] = tuple(values)
        return _replace(request, updates)


def _replace(request: EditRequest, updates: dict[str, Any]) -> EditRequest:
    from dataclasses import replace

    return replace(request, **updates)


@contextmanager
def conflicts_reported(sessions: sessionmaker[Session], ids: list[int]) -> Iterator[None]:
    """Turn a stale write inside the block (a version check, a concurrent save, a lock
    refused) into a ConflictError naming who changed the photo; the block's transaction
    must end inside it, so nothing of the refused edit is saved."""
    try:
        yield
    except (StaleDataError, OperationalError) as exc:
        if isinstance(exc, OperationalError) and not _is_lock_conflict(exc):
            raise
        raise conflict_error(sessions, ids) from exc
    except DBAPIError as exc:
        if _is_serialization_failure(exc):
            raise conflict_error(sessions, ids) from exc
        raise


def conflict_error(sessions: sessionmaker[Session], ids: list[int]) -> ConflictError:
    with sessions() as session:
        last = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "photo", AuditEvent.entity_id.in_(ids))
            .order_by(AuditEvent.id.desc())
            .limit(1)
        ).first()
    who = (
        f" by {last.user} at {last.at:%Y-%m-%d %H:%M:%S} UTC ({last.field or last.action})"
        if last
        else ""
    )
    return ConflictError(
        f"conflict: photo {last.entity_id if last else ids[0]} was changed{who} "
        "since you read it; nothing was saved — reload and apply your edit again"
    )


def check_version(photo: Photo, expected: Mapping[int, int] | None) -> None:
    """Raise StaleDataError (made a conflict by conflicts_reported) if *photo* moved on."""
    if expected is None or photo.id not in expected:
        return
    if expected[photo.id] != photo.version:
        raise StaleDataError(f"photo {photo.id} is at version {photo.version}")


def _is_lock_conflict(exc: OperationalError) -> bool:
    # SQLite WAL refuses to upgrade a read snapshot another writer has moved past.
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _is_serialization_failure(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in {"40001", "40P01"}
