"""Credit-line rules: present, in the agency's format, naming a photographer where the agency
requires one, naming a known agency, and agreeing with what the agency itself embedded."""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, registry, rule
from archive.credits import (
    Agency,
    CreditError,
    ParsedCredit,
    format_credit,
    parse_credit,
)
from archive.credits.evidence import CreditReading, Evidence, read_credit
from archive.text import clean


def known_agency(photo: PhotoFacts) -> Agency | None:
    """The agency the picture is filed under, else the one its credit line names."""
    reg = registry()
    if photo.agency:
        found = reg.get(photo.agency)
        if found is not None:
            return found
    line = clean(photo.credit_line)
    if line is None:
        return None
    parsed = parse_credit(line, registry=reg).agency
    return reg.get(parsed) if parsed else None


def _ours(photo: PhotoFacts) -> ParsedCredit | None:
    line = clean(photo.credit_line)
    return parse_credit(line, registry=registry()) if line else None


def _expected(agency: Agency, photographer: str | None) -> str | None:
    try:
        return format_credit(photographer, agency.name, registry=registry())
    except CreditError:  # a provider or a required photographer we do not know
        return None


def _photographer(photo: PhotoFacts) -> str | None:
    ours = _ours(photo)
    return clean(photo.photographer) or (ours.photographer if ours else None)


@rule("credit-missing", severity="error", title="Credit missing")
def credit_missing(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    if clean(photo.credit_line) is not None:
        return
    agency = known_agency(photo)
    if agency is None:
        yield Issue("the picture has no credit line", "Add the credit line the agency asks for.")
        return
    expected = _expected(agency, clean(photo.photographer))
    yield Issue(
        "the picture has no credit line",
        f"Add the credit line '{expected}'."
        if expected
        else f"Add a credit line; {agency.name} credits read '{agency.example}'.",
    )


def reading(photo: PhotoFacts) -> CreditReading | None:
    """The credit engine's reading of the picture's line against every piece of evidence."""
    line = clean(photo.credit_line)
    if line is None:
        return None
    texts = photo.text_fields
    evidence = Evidence(
        credit=clean(photo.embedded_credit),
        byline=clean(photo.embedded_byline),
        source=clean(photo.embedded_source),
        copyright=clean(texts.get("copyright")),
        caption=clean(photo.caption),
        instructions=clean(texts.get("special_instructions")),
    )
    return read_credit(
        evidence,
        registry=registry(),
        line=line,
        photographer=clean(photo.photographer),
        agency=clean(photo.agency),
    )


def _issues(photo: PhotoFacts, code: str) -> Iterator[Issue]:
    found = reading(photo)
    if found is None:
        return
    seen: set[str] = set()
    for finding in found.findings:
        if finding.code == code and finding.message not in seen:
            seen.add(finding.message)
            yield Issue(finding.message, finding.fix)


@rule("credit-format", severity="error", title="Credit not in the agency's format")
def credit_format(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    if known_agency(photo) is None:
        return  # agency-unknown says so
    yield from _issues(photo, "credit-format")


@rule("photographer-missing", severity="error", title="Photographer missing")
def photographer_missing(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    agency = known_agency(photo)
    if agency is None or not agency.photographer_required or _photographer(photo):
        return
    yield Issue(
        f"{agency.name} requires the photographer's name in the credit, and none is known",
        f"Add the photographer (ask {agency.name} if the metadata does not say); "
        f"{agency.name} credits read '{agency.example}'.",
    )


@rule("agency-unknown", severity="warning", title="Agency not in the rule pack")
def agency_unknown(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    line = clean(photo.credit_line)
    if line is None or known_agency(photo) is not None:
        return
    yield Issue(
        f"the credit line '{line}' names no agency this archive knows, so its format, "
        "photographer and restriction rules cannot be checked",
        "Check the credit against the agency's terms by hand, or add the agency to the "
        "archive's agencies.toml.",
    )


@rule("credit-mismatch", severity="error", title="Credit disagrees with the agency's metadata")
def credit_mismatch(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    """The line leaves out or contradicts a party the agency's own evidence names."""
    yield from _issues(photo, "credit-mismatch")
