"""Apply an ingest preset to photos: one edit batch, audited and undoable like any edit.

Per photo, each field of the preset is either filled only where the photo has nothing
("fill") or set regardless ("always"); template variables and codes are filled from the
photo itself. Plain values go first (event, people, credit, places…) and templated
values after, so ``{event}`` in a headline sees the event the same preset attaches.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from archive.captions import CodeReplacements, TemplateError, render
from archive.db.models import Photo
from archive.errors import UsageError
from archive.ingest.presets import Preset
from archive.services.context import caption_context
from archive.services.edits import (
    EditRequest,
    EditResult,
    EditService,
    check_version,
    conflicts_reported,
)
from archive.services.photo_editor import PhotoEditor
from archive.users import current_user

# Preset field → how to read the photo's current value (for "fill only if empty").
_CURRENT = {"credit": "credit_line"}


@dataclass(frozen=True)
class _Step:
    plain: dict[str, str]
    templated: dict[str, str]


def _current(photo: Photo, name: str) -> Any:
    return getattr(photo, _CURRENT.get(name, name))


def _split(preset: Preset, photo: Photo) -> _Step:
    plain: dict[str, str] = {}
    templated: dict[str, str] = {}
    for name, value in preset.fields.items():
        if preset.mode_of(name) == "fill" and _current(photo, name):
            continue
        (templated if "{" in value else plain)[name] = value
    return _Step(plain, templated)


class PresetApplier:
    def __init__(
        self, sessions: sessionmaker[Session], codes: CodeReplacements | None = None
    ) -> None:
        self.sessions = sessions
        self.codes = codes
        self.user = current_user()

    def apply(
        self,
        ids: list[int],
        preset: Preset,
        event: str | None = None,
        expected_versions: dict[int, int] | None = None,
    ) -> EditResult:
        """*event* (e.g. `watch --event`) replaces the preset's own event."""
        if not ids:
            raise UsageError("no photos selected")
        result = EditResult(batch=uuid.uuid4().hex)
        event = event or preset.event
        loader = EditService(self.sessions)
        with conflicts_reported(self.sessions, ids), self.sessions.begin() as session:
            for photo in loader._load(session, ids):
                check_version(photo, expected_versions)
                editor = PhotoEditor(session, photo, result, self.user, create=True)
                self._apply_one(editor, preset, event, result)
                if editor.changed:
                    result.photo_ids.append(photo.id)
            session.flush()
            result.versions = {pid: v for pid, v in _versions(session, ids).items()}
        return result

    def _apply_one(
        self, editor: PhotoEditor, preset: Preset, event: str | None, result: EditResult
    ) -> None:
        photo = editor.photo
        step = _split(preset, photo)
        attach = (
            event if event and (preset.mode_of("event") == "always" or not photo.event) else None
        )
        first = self._request(step.plain, result, photo.id)
        editor.apply(
            EditRequest(
                **first,
                event=attach,
                add_people=tuple(p for p in preset.people if p),
                add_keywords=tuple(self._code(k, result, photo.id) for k in preset.keywords),
                create=True,
            )
        )
        if step.templated:
            rendered: dict[str, str] = {}
            context = caption_context(photo)
            for name, text in step.templated.items():
                try:
                    rendered[name] = render(text, context)
                except TemplateError as exc:
                    result.warnings.append(f"photo {photo.id}: preset {preset.name}: {name}: {exc}")
            if rendered:
                editor.apply(EditRequest(**self._request(rendered, result, photo.id), create=True))

    def _request(self, values: dict[str, str], result: EditResult, pid: int) -> dict[str, Any]:
        return {name: self._code(value, result, pid) for name, value in values.items()}

    def _code(self, value: str, result: EditResult, pid: int) -> str:
        if self.codes is None:
            return value
        replaced = self.codes.apply(value)
        for code in replaced.unknown:
            result.warnings.append(f"photo {pid}: unknown code {code}: left as typed")
        return replaced.text


def _versions(session: Session, ids: list[int]) -> dict[int, int]:
    from sqlalchemy import select

    return dict(session.execute(select(Photo.id, Photo.version).where(Photo.id.in_(ids))).all())
