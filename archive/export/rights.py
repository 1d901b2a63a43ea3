"""The rights an exported file carries (issue 22 item 3): the licence's uses and restrictions
as usage terms, and the agency's default copyright notice when the file has none.

IPTC Photo Metadata Standard: *Rights Usage Terms* (xmpRights:UsageTerms) is "the licensing
parameters of the image expressed in free-text"; *Copyright Notice* (dc:rights, IIM 2:116)
"contains any necessary copyright notice for claiming the intellectual property"
(iptc.org/std/photometadata/specification/IPTC-PhotoMetadata). IIM Special Instructions
(2:40) stay what the agency wrote: the licence terms go to XMP only, where they are labelled
as what they are. The agency's own usage terms come first and are kept word for word.

Pure functions: the export writes what they return and the check shows the same text
(`export_rights` of each photo in `check --json`, "export writes …" lines) before anything
is written. A profile turns it off: `profiles edit NAME --rights-on-export no`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from archive.compliance.facts import LicenceFacts, PhotoFacts
from archive.compliance.model import Kind, Restriction
from archive.credits import AgencyRegistry


@dataclass(frozen=True)
class ExportRights:
    usage_terms: str | None  # what the file will carry in xmpRights:UsageTerms
    copyright: str | None  # what it will carry as its copyright notice
    usage_terms_added: bool  # the licence added to (or gave) the usage terms
    copyright_added: bool  # the notice is the agency's default, the file had none


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def licence_terms(licence: LicenceFacts) -> str | None:
    """The licence in sentences an editor or a client reads; None when it says nothing."""
    parts: list[str] = []
    texts = list(dict.fromkeys(r.text.strip() for r in licence.restrictions if r.text.strip()))
    editorial = licence.kind == "editorial-only" or any(
        r.kind is Kind.EDITORIAL_ONLY for r in licence.restrictions
    )
    if editorial:
        parts.append("Editorial use only.")
    if licence.uses:
        parts.append(f"Licensed uses: {', '.join(licence.uses)}.")
    if licence.excluded_territories:
        parts.append(f"Not licensed in: {', '.join(sorted(licence.excluded_territories))}.")
    if licence.valid_from is not None:
        parts.append(f"Not before {_when(licence.valid_from)}.")
    if licence.valid_until is not None:
        parts.append(f"Licence expires {_when(licence.valid_until)}.")
    if licence.time_limit_days:
        parts.append(f"Use within {licence.time_limit_days} days of transmission.")
    if texts:
        parts.append(f"Restrictions: {'; '.join(texts)}.")
    if licence.reference:
        parts.append(f"Licence reference: {licence.reference}.")
    return " ".join(parts) or None


def usage_terms(agency_terms: str | None, licence: LicenceFacts) -> tuple[str | None, bool]:
    """(the usage terms to write, whether the licence added anything)."""
    ours = licence_terms(licence)
    theirs = (agency_terms or "").strip()
    if not ours or ours in theirs:
        return theirs or None, False
    return (f"{theirs} {ours}" if theirs else ours), True


def default_copyright(
    registry: AgencyRegistry,
    agency: str | None,
    photographer: str | None,
    taken_at: datetime | None,
    now: datetime | None = None,
) -> str | None:
    """The agency's default notice (rule pack key `copyright`, else its parent's), filled in."""
    entry = registry.get(agency) if agency else None
    seen: set[str] = set()
    while entry is not None and entry.copyright is None and entry.parent and entry.name not in seen:
        seen.add(entry.name)
        entry = registry.get(entry.parent)
    if entry is None or entry.copyright is None:
        return None
    form = entry.copyright
    if "{photographer}" in form and not photographer:
        return None
    year = (taken_at or now or datetime.now(UTC)).year
    return form.replace("{year}", str(year)).replace("{photographer}", photographer or "")


def export_rights(
    registry: AgencyRegistry,
    *,
    licence: LicenceFacts,
    agency_terms: str | None,
    copyright: str | None,
    agency: str | None,
    photographer: str | None,
    taken_at: datetime | None,
) -> ExportRights:
    terms, terms_added = usage_terms(agency_terms, licence)
    notice = (copyright or "").strip() or None
    added = False
    if notice is None:
        notice = default_copyright(registry, agency, photographer, taken_at)
        added = notice is not None
    return ExportRights(terms, notice, terms_added, added)


def licence_from_json(data: dict[str, Any] | None) -> LicenceFacts:
    """LicenceFacts from a photo detail's `licence` (services/licences.licence_json)."""
    if not data:
        return LicenceFacts()

    def when(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if value else None

    return LicenceFacts(
        kind=data.get("kind"),
        uses=tuple(data.get("uses") or ()),
        excluded_territories=tuple(data.get("excluded_territories") or ()),
        valid_from=when("valid_from"),
        valid_until=when("valid_until"),
        time_limit_days=data.get("time_limit_days"),
        model_release=data.get("model_release"),
        property_release=data.get("property_release"),
        reference=data.get("reference"),
        restrictions=tuple(Restriction.from_json(r) for r in data.get("restrictions") or ()),
    )


def detail_rights(registry: AgencyRegistry, detail: dict[str, Any]) -> ExportRights:
    """export_rights for a photo detail (`show --json`'s shape), as the export has it."""
    taken = detail.get("taken_at")
    return export_rights(
        registry,
        licence=licence_from_json(detail.get("licence")),
        agency_terms=detail.get("usage_terms"),
        copyright=detail.get("copyright"),
        agency=detail.get("agency"),
        photographer=detail.get("photographer"),
        taken_at=datetime.fromisoformat(taken) if taken else None,
    )


def facts_rights(registry: AgencyRegistry, photo: PhotoFacts) -> ExportRights:
    """export_rights for the check's facts of a photo."""
    return export_rights(
        registry,
        licence=photo.licence,
        agency_terms=photo.text_fields.get("usage_terms"),
        copyright=photo.text_fields.get("copyright"),
        agency=photo.agency,
        photographer=photo.photographer,
        taken_at=photo.taken_at,
    )


def rights_json(rights: ExportRights) -> dict[str, Any]:
    return {
        "usage_terms": rights.usage_terms,
        "usage_terms_added": rights.usage_terms_added,
        "copyright": rights.copyright,
        "copyright_added": rights.copyright_added,
    }
