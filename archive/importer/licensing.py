"""The licence a picture arrives with: dates, release status and restrictions as embedded.

Filled at import from IIM Release/Expiration Date+Time (2:30/2:35, 2:37/2:38), PLUS
LicenseStartDate/LicenseEndDate/ModelReleaseStatus/PropertyReleaseStatus, and the
Special Instructions / usage terms text parsed into rules (plus the agency's default
restrictions from the rule pack). Text the parser does not understand is kept as an
unparsed restriction, never dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archive.compliance import Kind, Restriction, parse_restrictions
from archive.db.models import Licence
from archive.metadata.embedded import EmbeddedMetadata
from archive.metadata.values import parse_iim_datetime, parse_xmp_datetime

# PLUS vocabulary codes → our release states.
RELEASE_CODES = {
    "MR-NON": "none",
    "MR-NAP": "not-applicable",
    "MR-UMR": "unlimited",
    "MR-LMR": "limited",
    "PR-NON": "none",
    "PR-NAP": "not-applicable",
    "PR-UPR": "unlimited",
    "PR-LPR": "limited",
}


def _release(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return RELEASE_CODES.get(value.rstrip("/").rsplit("/", 1)[-1].upper())


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:  # a date with no zone: read as UTC, the safe common ground
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _plus_date(xmp: dict[str, Any], name: str) -> datetime | None:
    for key, value in xmp.items():
        if key.startswith("Xmp.plus.") and key.endswith(name) and isinstance(value, str):
            return parse_xmp_datetime(value)
    return None


def transmitted_at(meta_raw: dict[str, Any]) -> datetime | None:
    """When the agency sent the picture (IIM envelope 1:70 Date Sent + 1:80 Time Sent)."""
    iptc = meta_raw.get("iptc") or {}
    date_sent = iptc.get("1:70")
    if not isinstance(date_sent, str):
        return None
    time_sent = iptc.get("1:80")
    return parse_iim_datetime(date_sent, time_sent if isinstance(time_sent, str) else None)


def licence_from_metadata(
    meta: EmbeddedMetadata, agency_restrictions: tuple[str, ...] = ()
) -> Licence | None:
    xmp = meta.raw.get("xmp") or {}
    restrictions = parse_restrictions(
        meta.special_instructions, meta.usage_terms, *agency_restrictions
    )
    valid_from = meta.release_at or _plus_date(xmp, "LicenseStartDate")
    valid_until = meta.expires_at or _plus_date(xmp, "LicenseEndDate")
    model = _release(xmp.get("Xmp.plus.ModelReleaseStatus"))
    prop = _release(xmp.get("Xmp.plus.PropertyReleaseStatus"))
    if not (restrictions or valid_from or valid_until or model or prop):
        return None
    return licence_from_restrictions(
        restrictions,
        valid_from=_utc(valid_from),
        valid_until=_utc(valid_until),
        model_release=model,
        property_release=prop,
    )


def licence_from_restrictions(restrictions: list[Restriction], **fields: Any) -> Licence:
    """The structured licence implied by restrictions (the raw rules are kept beside it)."""
    territories: list[str] = []
    days = None
    embargo = fields.pop("valid_from", None)
    for r in restrictions:
        if r.kind is Kind.TERRITORY_OUT:
            territories.extend(t for t in r.territories if t not in territories)
        elif r.kind is Kind.TIME_LIMIT and r.days:
            days = r.days if days is None else min(days, r.days)
        elif r.kind is Kind.EMBARGO and r.until is not None and not r.media:
            until = r.until.astimezone(UTC).replace(tzinfo=None)
            embargo = until if embargo is None else max(embargo, until)
    editorial = any(r.kind is Kind.EDITORIAL_ONLY for r in restrictions)
    return Licence(
        kind="editorial-only" if editorial else None,
        uses=[],
        excluded_territories=territories,
        valid_from=embargo,
        time_limit_days=days,
        restrictions=[r.to_json() for r in restrictions],
        **fields,
    )
