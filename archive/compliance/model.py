"""A usage restriction as Creditdesk stores it: a kind, its parameters, and the source evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from archive.compliance.countries import KNOWN_CODES, SLUG_ALIASES
from archive.errors import ArchiveError

MEDIA: tuple[str, ...] = ("tv", "magazines", "newspapers", "books", "internet", "social")


class RestrictionError(ArchiveError):
    """A stored restriction (catalogue JSON) is malformed: unknown kind, bad date, bad code."""


class Kind(StrEnum):
    EDITORIAL_ONLY = "editorial-only"
    MANDATORY_CREDIT = "mandatory-credit"
    TERRITORY_OUT = "territory-out"
    MEDIA_OUT = "media-out"
    NO_SALES = "no-sales"
    NO_ARCHIVE = "no-archive"
    NO_MARKETING = "no-marketing"
    EXCLUSIVE = "exclusive"
    EMBARGO = "embargo"
    TIME_LIMIT = "time-limit"
    MODEL_RELEASE_NONE = "no-model-release"
    UNPARSED = "unparsed"


@dataclass(frozen=True)
class Restriction:
    """One rule. `text` is the exact fragment of the agency text it was read from."""

    kind: Kind
    text: str
    territories: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, TERRITORY_OUT only
    media: tuple[str, ...] = ()  # values from MEDIA, MEDIA_OUT only
    until: datetime | None = None  # EMBARGO: aware, normalised to UTC
    days: int | None = None  # TIME_LIMIT: days from transmission
    credit: str | None = None  # MANDATORY_CREDIT: the credit line, when the agency gave one

    def __post_init__(self) -> None:
        if self.until is not None:
            if self.until.utcoffset() is None:
                raise RestrictionError(f"embargo time must be timezone-aware: {self.until!r}")
            # Normalised so equal instants print, hash and serialise identically.
            object.__setattr__(self, "until", self.until.astimezone(UTC))

    def slugs(self) -> tuple[str, ...]:
        """Search tags: every territory as "<code>-out" (plus "uk-out" for GB), each medium as
        "<medium>-out", otherwise the kind's value ("editorial-only", "no-archive", …)."""
        if self.kind is Kind.TERRITORY_OUT and self.territories:
            tags: list[str] = []
            for code in self.territories:
                if code in SLUG_ALIASES:
                    tags.append(f"{SLUG_ALIASES[code]}-out")
                tags.append(f"{code.lower()}-out")
            return tuple(tags)
        if self.kind is Kind.MEDIA_OUT and self.media:
            return tuple(f"{medium}-out" for medium in self.media)
        return (self.kind.value,)

    def slug(self) -> str:
        """The primary search tag: the first of `slugs()` ("uk-out" for "UK OUT")."""
        return self.slugs()[0]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types; parameters that are unset are left out to keep rows small."""
        out: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        if self.territories:
            out["territories"] = list(self.territories)
        if self.media:
            out["media"] = list(self.media)
        if self.until is not None:
            out["until"] = self.until.isoformat()
        if self.days is not None:
            out["days"] = self.days
        if self.credit is not None:
            out["credit"] = self.credit
        return out

    @classmethod
    def from_json(cls, data: Any) -> Restriction:
        """Inverse of `to_json`; RestrictionError on anything it would not have written."""
        if not isinstance(data, dict):
            raise RestrictionError(f"restriction must be an object, not {type(data).__name__}")
        try:
            kind = Kind(data["kind"])
            text = data["text"]
        except (KeyError, ValueError, TypeError) as exc:
            raise RestrictionError(f"restriction has no valid kind/text: {data!r}") from exc
        if not isinstance(text, str):
            raise RestrictionError(f"restriction text must be a string: {data!r}")
        territories = _strings(data, "territories")
        if any(code not in KNOWN_CODES for code in territories):
            raise RestrictionError(f"unknown territory code in {territories!r}")
        media = _strings(data, "media")
        if any(medium not in MEDIA for medium in media):
            raise RestrictionError(f"unknown medium in {media!r}")
        return cls(
            kind=kind,
            text=text,
            territories=territories,
            media=media,
            until=_until(data.get("until")),
            days=_days(data.get("days")),
            credit=_optional_str(data, "credit"),
        )


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise RestrictionError(f"restriction {key} must be a list of strings: {value!r}")
    return tuple(value)


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise RestrictionError(f"restriction {key} must be a string: {value!r}")
    return value


def _until(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        until = datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise RestrictionError(f"bad embargo time {value!r}") from exc
    if until.utcoffset() is None:
        raise RestrictionError(f"embargo time without a zone: {value!r}")
    return until


def _days(value: Any) -> int | None:
    # bool is an int subclass; true/false in the JSON is corruption, not a day count.
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RestrictionError(f"time limit must be a positive whole number of days: {value!r}")
    return value
