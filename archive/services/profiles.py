"""Publication profiles: where pictures are going (territory, uses, house credit, caption rules)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from archive.compliance.countries import ISO_3166, territory_codes
from archive.compliance.facts import SEVERITIES, USES, ProfileFacts
from archive.db.models import Profile
from archive.errors import NotFoundError, UsageError
from archive.provenance.settings import merge_settings, provenance_settings

DEFAULT_PROFILE = "editorial-web-GB"
_CODES = {code for code, _a3, _names in ISO_3166}
SETTABLE = (
    "territory",
    "uses",
    "publish_at",
    "credit_presentation",
    "caption_min_length",
    "people_must_be_named",
    "expiring_days",
    "severities",
    "provenance",
    "rights_on_export",
    "used_recently_days",
)


def territory(value: str) -> str:
    """ISO alpha-2 from a code or a name ("GB", "UK", "United Kingdom")."""
    text = value.strip()
    if text.upper() in _CODES:
        return text.upper()
    codes = territory_codes(text)
    if not codes or len(codes) != 1:
        raise UsageError(f"not a country: {value!r} (use an ISO code like GB or US)")
    return codes[0]


def uses(value: str | list[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    out = [u.strip().lower() for u in items if u.strip()]
    unknown = [u for u in out if u not in USES]
    if unknown or not out:
        raise UsageError(
            f"unknown use {', '.join(unknown) or '(none)'}: choose from {', '.join(USES)}"
        )
    return list(dict.fromkeys(out))


def profile_json(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "territory": p.territory,
        "uses": list(p.uses),
        "publish_at": p.publish_at.replace(tzinfo=UTC).isoformat() if p.publish_at else None,
        "credit_presentation": p.credit_presentation,
        "caption_min_length": p.caption_min_length,
        "people_must_be_named": p.people_must_be_named,
        "expiring_days": p.expiring_days,
        "used_recently_days": p.used_recently_days,
        "severities": dict(p.severities or {}),
        "hard_rules": _hard_rules(dict(p.severities or {})),
        "provenance": provenance_settings(p.provenance),
        "rights_on_export": p.rights_on_export is not False,
    }


def _hard_rules(severities: dict[str, Any]) -> list[str]:
    from archive.compliance.engine import DEFAULT_HARD, HARD

    codes = set(DEFAULT_HARD) | {c for c, level in severities.items() if level == HARD}
    return sorted(c for c in codes if severities.get(c, HARD) == HARD)


class ProfileService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def listing(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            return [profile_json(p) for p in s.scalars(select(Profile).order_by(Profile.name))]

    def show(self, name: str) -> dict[str, Any]:
        with self.sessions() as s:
            return profile_json(self._require(s, name))

    def add(self, name: str, **settings: Any) -> dict[str, Any]:
        name = name.strip()
        if not name or any(c.isspace() for c in name):
            raise UsageError("a profile needs a name without spaces, e.g. editorial-web-US")
        if "territory" not in settings or settings["territory"] is None:
            raise UsageError("a profile needs a --territory (ISO country code)")
        with self.sessions.begin() as s:
            if s.scalars(select(Profile).where(Profile.name == name)).first() is not None:
                raise UsageError(f"profile {name!r} exists already: use `profiles edit`")
            profile = Profile(name=name, uses=["editorial", "web"])
            _apply(profile, settings)
            s.add(profile)
            s.flush()
            return profile_json(profile)

    def edit(self, name: str, **settings: Any) -> dict[str, Any]:
        with self.sessions.begin() as s:
            profile = self._require(s, name)
            _apply(profile, settings)
            s.flush()
            return profile_json(profile)

    def facts(self, name: str | None, at: datetime | None = None) -> ProfileFacts:
        with self.sessions() as s:
            return profile_facts(s, name, at)

    def _require(self, s: Session, name: str) -> Profile:
        return require_profile(s, name)


def require_profile(s: Session, name: str) -> Profile:
    profile = s.scalars(select(Profile).where(Profile.name == name)).first()
    if profile is None:
        known = ", ".join(s.scalars(select(Profile.name)).all())
        raise NotFoundError(f"no profile called {name!r} (known: {known})")
    return profile


def profile_facts(s: Session, name: str | None, at: datetime | None = None) -> ProfileFacts:
    """What the rules see of profile *name* (default: DEFAULT_PROFILE), read in session *s*."""
    p = require_profile(s, name or DEFAULT_PROFILE)
    when = at or (p.publish_at.replace(tzinfo=UTC) if p.publish_at else datetime.now(UTC))
    prov = provenance_settings(p.provenance)
    return ProfileFacts(
        name=p.name,
        territory=p.territory,
        uses=tuple(p.uses),
        at=when.astimezone(UTC),
        credit_presentation=p.credit_presentation,
        caption_min_length=p.caption_min_length,
        people_must_be_named=p.people_must_be_named,
        expiring_days=p.expiring_days,
        used_recently_days=p.used_recently_days,
        severities=dict(p.severities or {}),
        labelled_illustrations=bool(prov["labelled_illustrations"]),
        ai_label=str(prov["ai_label"]),
        credentials_policy=str(prov["credentials"]),
        rights_on_export=p.rights_on_export is not False,
    )


def _apply(profile: Profile, settings: dict[str, Any]) -> None:
    for key, value in settings.items():
        if value is None:
            continue
        if key not in SETTABLE:
            raise UsageError(f"profiles have no setting {key!r}")
        if key == "territory":
            value = territory(value)
        elif key == "uses":
            value = uses(value)
        elif key == "publish_at":
            value = parse_when(value).astimezone(UTC).replace(tzinfo=None) if value else None
        elif key == "credit_presentation" and "{credit}" not in value:
            raise UsageError("the credit presentation must contain {credit}")
        elif (
            key in ("caption_min_length", "expiring_days", "used_recently_days") and int(value) < 0
        ):
            raise UsageError(f"{key.replace('_', ' ')} cannot be negative")
        elif key == "severities":
            merged = dict(profile.severities or {})
            for code, level in dict(value).items():
                if level not in (*SEVERITIES, "hard", "off"):
                    raise UsageError(
                        f"severity for {code} must be hard (an error nobody can override), "
                        "error, warning, info or off"
                    )
                merged[code] = level
            value = merged
        elif key == "provenance":
            value = merge_settings(profile.provenance, dict(value))
        setattr(profile, key, value)


def parse_when(text: str | datetime) -> datetime:
    """ISO date or date-time; no zone means UTC (stated in --help)."""
    if isinstance(text, datetime):
        value = text
    else:
        try:
            value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(
                f"not a date/time: {text!r} (use e.g. 2026-12-31 or 2026-12-31T18:00+01:00)"
            ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
