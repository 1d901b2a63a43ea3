"""The facts an override was given for, and whether they still hold (issue 22 item 1).

An editor overrides a finding, not a rule in the abstract: "photo 12 may run in GB although
its licence excludes GB" was written for *that* territory and *that* licence. The override
records the facts its rule's finding depends on; when they change (the licence now also
excludes FR, the embargo moved, the credit line was edited) the override lapses and the
finding comes back, marked "override no longer applies", until someone overrides it again.
Changing the facts back (Ctrl+Z) makes the override apply again: it is evidence, kept.

Pure functions over the check's frozen facts, like the rules themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from archive.compliance.facts import LicenceFacts, PhotoFacts, ProfileFacts
from archive.compliance.model import Kind

Facts = dict[str, Any]


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _restrictions(licence: LicenceFacts, *kinds: Kind) -> list[dict[str, Any]]:
    rows = [r.to_json() for r in licence.restrictions if not kinds or r.kind in kinds]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def _territory(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    lic = photo.licence
    return {
        "territory": profile.territory,
        "excluded_territories": sorted(lic.excluded_territories),
        "restrictions": _restrictions(lic, Kind.TERRITORY_OUT),
    }


def _embargo(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    lic = photo.licence
    return {"valid_from": _iso(lic.valid_from), "restrictions": _restrictions(lic, Kind.EMBARGO)}


def _expiry(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {"valid_until": _iso(photo.licence.valid_until)}


def _time_limit(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    lic = photo.licence
    return {
        "time_limit_days": lic.time_limit_days,
        "transmitted_at": _iso(photo.transmitted_at),
        "restrictions": _restrictions(lic, Kind.TIME_LIMIT),
    }


def _uses(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    lic = photo.licence
    return {
        "profile_uses": sorted(profile.uses),
        "kind": lic.kind,
        "uses": sorted(lic.uses),
        "restrictions": _restrictions(
            lic, Kind.EDITORIAL_ONLY, Kind.MEDIA_OUT, Kind.NO_MARKETING, Kind.NO_SALES
        ),
    }


def _releases(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    lic = photo.licence
    return {
        "profile_uses": sorted(profile.uses),
        "model_release": lic.model_release,
        "property_release": lic.property_release,
        "people": sorted(photo.people),
    }


def _unparsed(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {"restrictions": _restrictions(photo.licence, Kind.UNPARSED)}


def _credit(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {
        "credit_line": photo.credit_line,
        "photographer": photo.photographer,
        "agency": photo.agency,
        "embedded_credit": photo.embedded_credit,
        "embedded_byline": photo.embedded_byline,
    }


def _duplicates(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {**_credit(photo, profile), "duplicates": sorted(map(list, photo.duplicates))}


def _caption(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {"caption": photo.caption, "people": sorted(photo.people)}


def _texts(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    return {"text_fields": dict(sorted(photo.text_fields.items()))}


def _licence(photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    """For a rule this table does not know: the whole licence and the credit, so an
    override lapses rather than outliving a change it was never shown."""
    lic = photo.licence
    return {
        "licence": {
            "kind": lic.kind,
            "uses": sorted(lic.uses),
            "excluded_territories": sorted(lic.excluded_territories),
            "valid_from": _iso(lic.valid_from),
            "valid_until": _iso(lic.valid_until),
            "time_limit_days": lic.time_limit_days,
            "restrictions": _restrictions(lic),
        },
        **_credit(photo, profile),
    }


# Rule code → the facts its finding depends on (read from the rules in compliance/rules/).
DEPENDS: Mapping[str, Callable[[PhotoFacts, ProfileFacts], Facts]] = {
    "territory": _territory,
    "embargo": _embargo,
    "licence-expired": _expiry,
    "licence-expiring": _expiry,
    "time-limit": _time_limit,
    "use-not-allowed": _uses,
    "model-release": _releases,
    "restriction-unparsed": _unparsed,
    "credit-missing": _credit,
    "credit-format": _credit,
    "credit-mismatch": _credit,
    "photographer-missing": _credit,
    "agency-unknown": _credit,
    "duplicate-credit": _duplicates,
    "caption": _caption,
    "caption-missing": _caption,
    "caption-short": _caption,
    "caption-unresolved": _caption,
    "person-not-in-caption": _caption,
    "person-not-tagged": _caption,
    "alt-text-missing": _texts,
    "mojibake": _texts,
    "iim-truncation": _texts,
}


def facts_for(rule: str, photo: PhotoFacts, profile: ProfileFacts) -> Facts:
    """What an override of *rule* on *photo*, for *profile*, is given for (plain JSON)."""
    return DEPENDS.get(rule, _licence)(photo, profile)


def still_applies(
    recorded: Facts | None, rule: str, photo: PhotoFacts, profile: ProfileFacts
) -> bool:
    """Whether an override recorded for *recorded* facts still covers *photo* now.

    An override written before facts were recorded (catalogues before 0019) has none to
    compare: it keeps applying, as it did."""
    if recorded is None:
        return True
    return recorded == facts_for(rule, photo, profile)


def describe(facts: Facts | None) -> str:
    """The recorded facts in one line, for the check's explanation of a lapsed override."""
    if not facts:
        return ""
    parts = []
    for key, value in facts.items():
        if value in (None, [], {}):
            continue
        if key == "restrictions":
            value = "; ".join(str(r.get("text")) for r in value)
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        parts.append(f"{key.replace('_', ' ')} {value}")
    return ", ".join(parts)
