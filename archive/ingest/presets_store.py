"""Ingest presets kept in the catalogue, so every desk of a team archive shares them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import IngestPreset
from archive.errors import NotFoundError, UsageError
from archive.ingest.presets import Preset


class PresetService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def names(self) -> list[str]:
        with self.sessions() as s:
            return list(s.scalars(select(IngestPreset.name).order_by(IngestPreset.name)))

    def listing(self) -> list[Preset]:
        with self.sessions() as s:
            rows = s.scalars(select(IngestPreset).order_by(IngestPreset.name))
            return [Preset.from_json(r.name, r.data) for r in rows]

    def get(self, name: str) -> Preset:
        with self.sessions() as s:
            row = self._row(s, name)
            return Preset.from_json(row.name, row.data)

    def add(self, preset: Preset) -> Preset:
        preset.validate()
        self._check_profile(preset)
        try:
            with self.sessions.begin() as s:
                if s.scalar(select(IngestPreset.id).where(IngestPreset.name == preset.name)):
                    raise UsageError(f"a preset called {preset.name!r} exists already")
                s.add(IngestPreset(name=preset.name, data=preset.to_json()))
        except IntegrityError:  # another desk added the same name meanwhile
            raise UsageError(f"a preset called {preset.name!r} exists already") from None
        return preset

    def edit(self, name: str, **changes: Any) -> Preset:
        """Replace the given attributes; ``fields``/``modes`` entries merge (value None drops)."""
        with self.sessions.begin() as s:
            row = self._row(s, name)
            current = Preset.from_json(row.name, row.data)
            fields = dict(current.fields)
            for key, value in (changes.pop("fields", None) or {}).items():
                if value is None:
                    fields.pop(key, None)
                else:
                    fields[key] = value
            modes = dict(current.modes)
            modes.update(changes.pop("modes", None) or {})
            keywords = list(current.keywords)
            keywords += [k for k in changes.pop("add_keywords", ()) if k not in keywords]
            drop = set(changes.pop("remove_keywords", ()))
            people = list(current.people)
            people += [p for p in changes.pop("add_people", ()) if p not in people]
            # "" clears event, profile or name template.
            rest: dict[str, Any] = {k: (v or None) for k, v in changes.items() if v is not None}
            updated = replace(
                current,
                fields=fields,
                modes=modes,
                keywords=tuple(k for k in keywords if k not in drop),
                people=tuple(people),
                **rest,
            ).validate()
            self._check_profile(updated)
            row.data = updated.to_json()
        return updated

    def remove(self, name: str) -> None:
        with self.sessions.begin() as s:
            s.delete(self._row(s, name))

    def _row(self, s: Session, name: str) -> IngestPreset:
        row = s.scalar(select(IngestPreset).where(IngestPreset.name == name))
        if row is None:
            known = ", ".join(s.scalars(select(IngestPreset.name).order_by(IngestPreset.name)))
            raise NotFoundError(
                f"no preset called {name!r}" + (f" (known: {known})" if known else "")
            )
        return row

    def _check_profile(self, preset: Preset) -> None:
        if preset.profile is None:
            return
        from archive.services.profiles import ProfileService

        ProfileService(self.sessions).show(preset.profile)  # NotFoundError names the problem
