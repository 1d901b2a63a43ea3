"""The running example (issue #4) and small builders shared by the rule and engine tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from archive.compliance import parse_restrictions
from archive.compliance.engine import check_photo
from archive.compliance.facts import Finding, LicenceFacts, PhotoFacts, ProfileFacts

AT = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SENT = datetime(2024, 5, 28, 9, 30, tzinfo=UTC)

CAPTION = (
    "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with P&O Cruises "
    "at The Royal Festival Hall on May 14, 2023 in London, England."
)
PEOPLE = ("Kate Winslet", "Mia Threapleton")

EDITORIAL_WEB_GB = ProfileFacts(
    name="editorial-web-GB", territory="GB", uses=("editorial", "web"), at=AT
)
EDITORIAL_WEB_US = replace(EDITORIAL_WEB_GB, name="editorial-web-US", territory="US")
COMMERCIAL_GB = replace(EDITORIAL_WEB_GB, name="commercial-GB", uses=("commercial", "web"))


def licence(*texts: str, **fields: Any) -> LicenceFacts:
    """A licence whose restrictions are parsed from agency wording, as the importer does."""
    return LicenceFacts(restrictions=tuple(parse_restrictions(*texts)), **fields)


def _texts(**fields: str | None) -> dict[str, str]:
    return {k: v for k, v in fields.items() if v}


GETTY = PhotoFacts(
    id=1,
    sha256="a" * 64,
    caption=CAPTION,
    headline="2023 BAFTA Television Awards with P&O Cruises - Arrivals",
    credit_line="Joe Maher/Getty Images",
    photographer="Joe Maher",
    agency="Getty Images",
    embedded_byline="Joe Maher",
    embedded_credit="Getty Images",
    embedded_source="Getty Images Europe",
    people=PEOPLE,
    people_named_in_caption=PEOPLE,
    event="2023 BAFTA Television Awards",
    transmitted_at=SENT,
    imported_at=SENT,
    licence=licence("EDITORIAL USE ONLY", kind="editorial-only"),
    text_fields=_texts(
        caption=CAPTION,
        headline="2023 BAFTA Television Awards with P&O Cruises - Arrivals",
        creator="Joe Maher",
        credit_line="Joe Maher/Getty Images",
        source="Getty Images Europe",
        special_instructions="EDITORIAL USE ONLY",
        city="London",
        keywords="BAFTA\nTelevision Awards\nKate Winslet",
        alt_text="Two women smile on a red carpet",
    ),
)

WIREIMAGE = replace(
    GETTY,
    id=2,
    sha256="b" * 64,
    credit_line="Mike Marsland/WireImage/Getty Images",
    photographer="Mike Marsland",
    agency="WireImage",
    agency_parent="Getty Images",
    embedded_byline="Mike Marsland",
    embedded_credit="Mike Marsland/WireImage/Getty Im",  # cut at the 32-byte IIM limit
    embedded_source="WireImage",
    text_fields=_texts(
        caption=CAPTION,
        creator="Mike Marsland",
        credit_line="Mike Marsland/WireImage/Getty Images",
        source="WireImage",
        alt_text="A woman smiles on a red carpet",
    ),
)


def run(photo: PhotoFacts, profile: ProfileFacts = EDITORIAL_WEB_GB, **kw: Any) -> list[Finding]:
    return check_photo(photo, profile, **kw)


def found(code: str, photo: PhotoFacts, profile: ProfileFacts = EDITORIAL_WEB_GB) -> list[Finding]:
    """The findings of one rule, run through the engine (so severities are the real ones)."""
    return [f for f in run(photo, profile) if f.rule == code]


def fires(
    code: str, severity: str, photo: PhotoFacts, profile: ProfileFacts = EDITORIAL_WEB_GB
) -> Finding:
    hits = found(code, photo, profile)
    assert hits, f"{code} did not fire; findings: {run(photo, profile)}"
    assert all(f.rule == code and f.severity == severity for f in hits), hits
    assert all(f.message and f.fix for f in hits), hits
    return hits[0]


def quiet(code: str, photo: PhotoFacts, profile: ProfileFacts = EDITORIAL_WEB_GB) -> None:
    assert found(code, photo, profile) == []
