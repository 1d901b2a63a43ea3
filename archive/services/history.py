"""What happened to a photo, and undoing the last edit batch."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import AuditEvent, Photo
from archive.errors import NotFoundError, UsageError
from archive.services.edits import EditResult
from archive.services.field_edits import IPTC_TEXT_FIELDS, set_date_created
from archive.services.licences import AUDIT_PREFIX, restore_licence
from archive.services.photo_editor import PhotoEditor
from archive.users import current_user

REVERTIBLE_TEXT = frozenset(
    {
        "caption",
        "headline",
        "title",
        "special_instructions",
        "credit_line",
        "creator",
        "country",
        "country_code",
        "digital_source_type",  # issue 19: set by `edit --source-type`
        *IPTC_TEXT_FIELDS,
    }
)


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    user: str
    action: str
    field: str | None
    old: Any
    new: Any
    batch: str

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class HistoryService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def history(self, photo_id: int) -> list[HistoryEntry]:
        with self.sessions() as session:
            if session.get(Photo, photo_id) is None:
                raise NotFoundError(f"no photo with id {photo_id}")
            rows = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == "photo", AuditEvent.entity_id == photo_id)
                .order_by(AuditEvent.id)
            )
            return [
                HistoryEntry(
                    at=r.at.isoformat(timespec="seconds") + "Z",
                    user=r.user,
                    action=r.action,
                    field=r.field,
                    old=r.old,
                    new=r.new,
                    batch=r.batch,
                )
                for r in rows
            ]

    def undo(self) -> EditResult:
        """Revert the most recent edit batch not undone yet; again and again, like Ctrl+Z."""
        with self.sessions.begin() as session:
            undone = self._markers(session, "undo-batch", "undoes")
            batch = self._latest(session, ("edit", "merge"), exclude=undone)
            if batch is None:
                raise UsageError("nothing to undo")
            return self._revert_batch(session, batch, "undo", "undo-batch", "undoes")

    def redo(self) -> EditResult:
        """Re-apply the most recent undo, as long as nothing was edited since."""
        with self.sessions.begin() as session:
            redone = self._markers(session, "redo-batch", "redoes")
            last = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(("edit", "undo-batch", "redo-batch")))
                .order_by(AuditEvent.id.desc())
                .limit(1)
            ).first()
            if last is None or last.action == "edit":
                raise UsageError("nothing to redo")
            batch = self._latest(session, ("undo",), exclude=redone)
            if batch is None:
                raise UsageError("nothing to redo")
            # Redone changes are edits again, so a later undo can take them back.
            return self._revert_batch(session, batch, "edit", "redo-batch", "redoes")

    def _markers(self, session: Session, action: str, key: str) -> set[str]:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return {str((r.new or {}).get(key)) for r in rows}

    def _latest(self, session: Session, actions: tuple[str, ...], exclude: set[str]) -> str | None:
        rows = session.scalars(
            select(AuditEvent.batch)
            .where(AuditEvent.action.in_(actions), AuditEvent.entity == "photo")
            .order_by(AuditEvent.id.desc())
        )
        return next((b for b in rows if b not in exclude), None)

    def _revert_batch(
        self, session: Session, batch: str, action: str, marker: str, key: str
    ) -> EditResult:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.batch == batch, AuditEvent.entity == "photo")
            .order_by(AuditEvent.id.desc())
        ).all()
        result = EditResult(batch=uuid.uuid4().hex)
        user = current_user()
        by_photo: dict[int, list[AuditEvent]] = {}
        for row in rows:
            if row.entity_id is not None and row.field:
                by_photo.setdefault(row.entity_id, []).append(row)
        for photo_id, changes in by_photo.items():
            photo = session.get(Photo, photo_id)
            if photo is None:
                continue
            editor = PhotoEditor(session, photo, result, user, create=True, action=action)
            licence: dict[str, Any] = {}  # term → value before the batch (rows are newest first)
            with session.no_autoflush:  # one UPDATE, one version per photo (see EditService)
                for change in changes:
                    if change.field and change.field.startswith(AUDIT_PREFIX):
                        licence[change.field.removeprefix(AUDIT_PREFIX)] = change.old
                    else:
                        _revert(editor, change)
            session.flush()
            restored = 0
            if licence:
                restored = restore_licence(
                    session, photo, licence, batch=result.batch, user=user, action=action
                )
                result.changes += restored
            if editor.changed or restored:
                result.photo_ids.append(photo_id)
        session.add(
            AuditEvent(
                user=user, batch=result.batch, action=marker, entity="batch", new={key: batch}
            )
        )
        session.flush()
        return result


def _revert(editor: PhotoEditor, change: AuditEvent) -> None:
    name, old = change.field, change.old
    if name in REVERTIBLE_TEXT:
        editor.set_text(name, old or "")
    elif name == "date_created":
        set_date_created(editor, old)
    elif name == "people":
        editor.set_people(list(old or []))
    elif name == "keywords":
        editor.set_keywords(list(old or []))
    elif name == "event":
        editor.set_event(old)
    elif name == "photographer":
        editor.set_photographer(old)
    elif name == "agency":
        editor.set_agency(old)
    elif name == "rating":
        editor.set_rating(old)
    elif name == "label":
        editor.set_label(old)
