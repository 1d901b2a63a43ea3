"""An ingest preset (Photo Mechanic's "IPTC Stationery Pad", FotoWare's metadata template):
named field values and rules applied to pictures as they arrive, or later to a selection.

Every text value may use the caption template variables (``{event}``, ``{people}``,
``{date}``, ``{city}``… see archive.captions) and code replacements (``=kw=``); they are
filled per photo when the preset is applied. Each field is applied "fill only if empty"
(the agency's value stays when it has one) or "always" (the preset's value replaces it);
keywords and people are always added, never replacing what the picture carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archive.captions import TemplateError
from archive.captions.template import parse
from archive.errors import UsageError

MODES = ("fill", "always")
# Preset field → what it sets (EditRequest attributes; "credit" is the credit line, parsed
# into photographer and agency as `edit --credit` does).
FIELDS = (
    "caption",
    "headline",
    "title",
    "alt_text",
    "extended_description",
    "creator",
    "creator_job_title",
    "credit",
    "source",
    "copyright",
    "usage_terms",
    "special_instructions",
    "city",
    "sublocation",
    "state",
    "country",
    "country_code",
    "job_id",
)
# Fields that take a mode: the text fields, and the event (fill: only photos without one).
MODE_KEYS = (*FIELDS, "event")
_NAME = re.compile(r"^[\w.@+-][\w .@+-]{0,99}$")
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Preset:
    name: str
    fields: dict[str, str] = field(default_factory=dict)
    mode: str = "fill"  # for every field without its own entry in `modes`
    modes: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    event: str | None = None
    profile: str | None = None  # the profile arriving pictures are checked against
    name_template: str | None = None  # export file names for pictures of this preset

    def mode_of(self, name: str) -> str:
        return self.modes.get(name, self.mode)

    def validate(self) -> Preset:
        if not _NAME.match(self.name) or self.name != self.name.strip():
            raise UsageError(
                f"preset name {self.name!r}: use letters, digits, spaces, . _ - @ + "
                "(up to 100 characters)"
            )
        if self.mode not in MODES:
            raise UsageError(f"preset mode is fill or always, not {self.mode!r}")
        for name, mode in self.modes.items():
            if name not in MODE_KEYS:
                raise UsageError(f"preset: no field {name!r} (fields: {', '.join(FIELDS)})")
            if mode not in MODES:
                raise UsageError(f"preset: {name} mode is fill or always, not {mode!r}")
        for name, value in self.fields.items():
            if name not in FIELDS:
                raise UsageError(f"preset: no field {name!r} (fields: {', '.join(FIELDS)})")
            if not isinstance(value, str):
                raise UsageError(f"preset: {name} must be text")
            try:
                parse(value)  # a broken template is refused when saved, not at 3 a.m.
            except TemplateError as exc:
                raise UsageError(f"preset: {name}: {exc}") from None
        if self.name_template is not None:
            from archive.export.names import NameAllocator

            try:
                NameAllocator(self.name_template)
            except Exception as exc:  # the allocator says what is wrong with the template
                raise UsageError(f"preset: name template: {exc}") from None
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "fields": dict(self.fields),
            "mode": self.mode,
            "modes": dict(self.modes),
            "keywords": list(self.keywords),
            "people": list(self.people),
            "event": self.event,
            "profile": self.profile,
            "name_template": self.name_template,
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> Preset:
        return cls(
            name=name,
            fields={str(k): str(v) for k, v in (data.get("fields") or {}).items()},
            mode=str(data.get("mode") or "fill"),
            modes={str(k): str(v) for k, v in (data.get("modes") or {}).items()},
            keywords=tuple(data.get("keywords") or ()),
            people=tuple(data.get("people") or ()),
            event=data.get("event") or None,
            profile=data.get("profile") or None,
            name_template=data.get("name_template") or None,
        )

    def as_json(self) -> dict[str, Any]:
        """The `presets show --json` shape: the stored form with its name."""
        return {"name": self.name, **self.to_json()}


def parse_assignments(items: list[str], flag: str = "--set") -> dict[str, str]:
    """``["headline={event} - Arrivals", "city=London"]`` → a field mapping."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or not key:
            raise UsageError(f"{flag} takes FIELD=VALUE, not {item!r}")
        if key not in FIELDS:
            raise UsageError(f"{flag}: no field {key!r} (fields: {', '.join(FIELDS)})")
        out[key] = value
    return out
