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
    explain_mismatch,
    format_credit,
    parse_credit,
)
from archive.credits.parse import iim_sized
from archive.text import clean, fold


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


@rule("credit-format", severity="error", title="Credit not in the agency's format")
def credit_format(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    line = clean(photo.credit_line)
    agency = known_agency(photo)
    if line is None or agency is None:
        return  # credit-missing / agency-unknown say so
    reg = registry()
    why = explain_mismatch(line, agency.name, registry=reg)
    ours = parse_credit(line, registry=reg)
    # A correct line of one of the agency's brands passes explain_mismatch: judge it as that brand.
    brand = reg.get(ours.agency) if ours.agency and why is None else agency
    target = brand or agency
    photographer = clean(photo.photographer) or ours.photographer
    expected = _expected(target, photographer if target.takes_photographer else None)
    if why is not None:
        fix = (
            f"Change the credit line to '{expected}'."
            if expected and expected != line
            else f"Rewrite the credit line as {target.name} asks: '{target.example}'."
        )
        yield Issue(why, fix)
    elif (
        target.takes_photographer
        and ours.photographer is None
        and clean(photo.photographer)
        and expected
        and expected != line
    ):
        # "Getty Images" alone is a valid form, but not when we know who took the picture.
        yield Issue(
            f"the credit line '{line}' leaves out the photographer, {photo.photographer}",
            f"Change the credit line to '{expected}'.",
        )


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


def _cut_prefix(ours: str, theirs: str) -> bool:
    """``theirs`` is ``ours`` cut at the 32-byte IIM limit (By-line, Credit and Source are)."""
    return iim_sized(theirs) and fold(ours).startswith(fold(theirs))


@rule("credit-mismatch", severity="error", title="Credit disagrees with the agency's metadata")
def credit_mismatch(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    line = clean(photo.credit_line)
    byline, credit, source = (
        clean(photo.embedded_byline),
        clean(photo.embedded_credit),
        clean(photo.embedded_source),
    )
    if line is None or not (byline or credit or source):
        return
    reg = registry()
    theirs = parse_credit(credit, byline=byline, source=source, registry=reg)
    ours = parse_credit(line, registry=reg)

    mine = ours.photographer or clean(photo.photographer)
    sent = theirs.photographer
    if mine and sent and fold(mine) != fold(sent) and not _cut_prefix(mine, sent):
        yield Issue(
            f"the credit names {mine} as the photographer, but the agency's By-line says {sent}",
            f"Check who took the picture and correct the credit line or the photographer "
            f"(the agency sent '{byline or credit}').",
        )

    if credit and (fold(credit) == fold(line) or _cut_prefix(line, credit)):
        return  # the agency's own line, whole or cut at the IIM limit
    agency = known_agency(photo)
    mine_agency = ours.agency or (agency.name if agency else None)
    sent_agency = theirs.agency
    if mine_agency is None or sent_agency is None or fold(mine_agency) == fold(sent_agency):
        return
    # Ours may be more specific than theirs (WireImage under Getty Images), never the reverse:
    # a WireImage picture credited to plain Getty Images loses the brand the agency requires.
    if sent_agency in reg.parents_of(mine_agency):
        return
    expected = theirs.canonical
    yield Issue(
        f"the credit line says {mine_agency}, but the agency sent it as {sent_agency}"
        + (f" ('{credit}')" if credit else ""),
        f"Change the credit line to '{expected}'."
        if expected
        else f"Credit the picture to {sent_agency}, as the agency's metadata does.",
    )
