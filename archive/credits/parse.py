"""Reading credit lines: embedded Credit / By-line / Source → who, which agency, canonical line.

Runs for every imported photo, so: patterns are compiled once per registry (registry.py), the
bundled registry is cached, and results are memoised (a shoot of 2,000 frames carries the same
three strings 2,000 times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.credits.errors import CreditError
from archive.credits.pack import Agency
from archive.credits.patterns import PHOTOGRAPHER, PROVIDER, Pattern, normalise
from archive.credits.registry import AgencyRegistry, load_registry
from archive.credits.render import clean_photographer, clean_provider, render_or_none

IIM_LIMIT = 32  # bytes of IIM By-line (2:80), Credit (2:110), Source (2:115)
# A writer that never splits a UTF-8 character may stop up to 3 bytes short of the limit.
_IIM_MIN = IIM_LIMIT - 3
# A cut line must still spell this much of a form's own text to be attributed to it.
_MIN_CUT_LITERAL = 3

# Lead-ins people type before a credit. Bare words ("Image", "Picture") need a colon or "by":
# "Image Group LA" and "Picture Alliance" are real credits.
_LEADS = re.compile(
    r"^(?:photo\s+credit\s+should\s+read\s*:?"
    r"|(?:photo(?:graph)?s?|pictures?|pics?|images?)\s+by\b\s*:?"
    r"|(?:photo(?:graph)?|picture|pic|credit|image|copyright)\s*:"
    r"|by\s+|©|\(c\)|copyright\s)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedCredit:
    photographer: str | None
    agency: str | None  # the registry name of the brand, e.g. "WireImage"
    provider: str | None  # partner/organiser/publication/source/platform, e.g. "BAFTA"
    parent: str | None  # e.g. "Getty Images" for WireImage
    # The canonical line for this agency; None if the agency is unknown, or if a part the
    # agency's format needs (a required photographer, the provider) is not known.
    canonical: str | None
    matched_format: bool  # the input was exactly in the agency's canonical format
    truncated: bool  # the input looked like an IIM-truncated (32-byte) form of a known form


@dataclass(frozen=True)
class LineMatch:
    agency: Agency
    photographer: str | None
    provider: str | None
    truncated: bool = False
    photographer_at_end: bool = False  # the value ran to the end of the line (may be cut)


def iim_sized(text: str) -> bool:
    return _IIM_MIN <= len(text.rstrip("\x00").encode("utf-8")) <= IIM_LIMIT


def _listed(agency: Agency, provider: str | None) -> bool:
    if not agency.providers:
        return True
    return provider is not None and provider.casefold() in {p.casefold() for p in agency.providers}


def _alias_provider(agency: Agency, alias: str) -> str | None:
    # "Instagram" is both an alias of Social media and one of its providers.
    return clean_provider(agency, alias) if agency.providers and _listed(agency, alias) else None


def match_line(reg: AgencyRegistry, text: str, *, only: Agency | None = None) -> LineMatch | None:
    """One field's text as a credit line; None when no agency is recognised in it."""
    s = normalise(text)
    if not s:
        return None
    for form in reg.forms:
        if only is not None and form.agency is not only:
            continue
        m = form.pattern.regex.fullmatch(s)
        if m is None:
            continue
        groups = m.groupdict()
        provider = groups.get(PROVIDER)
        if not _listed(form.agency, provider):
            continue
        photographer = groups.get(PHOTOGRAPHER)
        at_end = photographer is not None and m.end(PHOTOGRAPHER) == len(s)
        return LineMatch(
            form.agency,
            clean_photographer(form.agency, photographer),
            clean_provider(form.agency, provider),
            photographer_at_end=at_end,
        )
    agency = reg.agency_by_alias(s)
    if agency is not None and only in (None, agency):
        longer = any(
            normalise(a).casefold().startswith(s.casefold()) and len(normalise(a)) > len(s)
            for a in agency.aliases
        )
        return LineMatch(agency, None, _alias_provider(agency, s), iim_sized(text) and longer)
    found = _by_segments(reg, s, only)
    if found is not None:
        return found
    if iim_sized(text):
        return _truncated(reg, s, only)
    return None


def _by_segments(reg: AgencyRegistry, s: str, only: Agency | None) -> LineMatch | None:
    """ "Name/<alias>" or "<alias>/Name" in a form the pack does not list ("Joe Maher/Getty")."""
    parts = s.split("/")
    if len(parts) < 2:
        return None
    for alias, person in (("/".join(parts[1:]), parts[0]), ("/".join(parts[:-1]), parts[-1])):
        agency = reg.agency_by_alias(alias)
        if agency is None or only not in (None, agency) or reg.agency_by_alias(person) is not None:
            continue
        ph = clean_photographer(agency, person) if agency.takes_photographer else None
        return LineMatch(agency, ph, _alias_provider(agency, alias))
    return None


@lru_cache(maxsize=512)
def _prefix(pattern: Pattern) -> re.Pattern[str]:
    return pattern.prefix_regex()


def _truncated(reg: AgencyRegistry, s: str, only: Agency | None) -> LineMatch | None:
    """A 29–32-byte value that is the start of a known form or alias."""
    found: list[tuple[int, LineMatch]] = []
    for form in reg.forms:
        if only is not None and form.agency is not only:
            continue
        m = _prefix(form.pattern).fullmatch(s)
        if m is None:
            continue
        values = {k: v for k, v in m.groupdict().items() if v is not None}
        literal = s
        for name in values:
            literal = literal[: m.start(name)] + "\0" * len(values[name]) + literal[m.end(name) :]
        spelt = sum(1 for ch in literal if ch not in "\0/@" and not ch.isspace())
        if spelt < _MIN_CUT_LITERAL:
            continue
        # A value that runs to the end of the line may itself be cut: do not trust it.
        cut = {k for k in values if m.end(k) == len(s)}
        provider = None if PROVIDER in cut else values.get(PROVIDER)
        if provider is not None and not _listed(form.agency, provider):
            continue
        # A cut photographer is kept for now: the By-line may complete it (see _parse).
        photographer = values.get(PHOTOGRAPHER)
        found.append(
            (
                spelt,
                LineMatch(
                    form.agency,
                    clean_photographer(form.agency, photographer),
                    clean_provider(form.agency, provider),
                    truncated=True,
                    photographer_at_end=PHOTOGRAPHER in cut,
                ),
            )
        )
    folded = s.casefold()
    for agency in reg:
        if only not in (None, agency):
            continue
        for alias in agency.aliases:
            a = normalise(alias).casefold()
            if a.startswith(folded) and len(a) > len(folded):
                found.append((len(s), LineMatch(agency, None, None, truncated=True)))
    if not found:
        return None
    best = max(spelt for spelt, _ in found)
    tied = [hit for spelt, hit in found if spelt == best]
    # Several agencies fit the cut ("…/Getty Im" is Getty Images or one of its brands): only
    # answer when one of them is the family head of all the others.
    names = {hit.agency.name for hit in tied}
    for hit in tied:
        if all(n == hit.agency.name or hit.agency.name in reg.parents_of(n) for n in names):
            return hit
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.replace("\x00", " ").strip()
    value = _LEADS.sub("", value, count=1).strip()
    return value or None


def _refine(
    reg: AgencyRegistry, hit: LineMatch, by_hit: LineMatch | None, src: str | None
) -> LineMatch:
    """Credit "Getty Images" + Source "AFP" (or By-line "Name/WireImage"): take the brand.

    Only when the credit named no photographer (a bare agency) and the other field names a brand
    of that very agency; a credit line that is complete on its own is never second-guessed.
    """
    if hit.photographer is not None:
        return hit
    for other in (by_hit, match_line(reg, src) if src else None):
        if other is not None and hit.agency.name in reg.parents_of(other.agency.name):
            return LineMatch(other.agency, other.photographer, other.provider, hit.truncated)
    return hit


def _safe_photographer(agency: Agency, value: str | None) -> str | None:
    if not agency.takes_photographer:
        return None
    try:
        return clean_photographer(agency, value)
    except CreditError:  # a By-line like "Jane Doe/Foo" is not a usable name here
        return None


def _person(reg: AgencyRegistry, byline: str | None, hit: LineMatch | None) -> str | None:
    """The photographer a By-line names, or None when it names an agency instead."""
    if hit is not None:
        return hit.photographer
    if byline is None or reg.find(byline) is not None:
        return None
    return byline


def parse_credit(
    text: str | None,
    *,
    byline: str | None = None,
    source: str | None = None,
    registry: AgencyRegistry | None = None,
) -> ParsedCredit:
    """Who took it and which agency it is credited to, from the embedded fields.

    ``text`` is the Credit line (IPTC 2:110 / photoshop:Credit), ``byline`` the By-line /
    dc:creator, ``source`` the Source field. Never raises on odd input: an unknown credit
    gives ``agency=None`` and the by-line as the photographer.
    """
    reg = registry if registry is not None else load_registry()
    return _parse(reg, text, byline, source)


@lru_cache(maxsize=16384)
def _parse(
    reg: AgencyRegistry, text: str | None, byline: str | None, source: str | None
) -> ParsedCredit:
    credit, by, src = _clean(text), _clean(byline), _clean(source)
    by_hit = match_line(reg, by) if by else None
    hit, line = (match_line(reg, credit), text) if credit else (None, None)
    if hit is None and by_hit is not None:  # the agency is in the By-line ("Getty Images")
        hit, line = by_hit, byline
    if hit is None and src:
        src_hit = match_line(reg, src)
        if src_hit is not None:
            hit, line = LineMatch(src_hit.agency, None, src_hit.provider), None
    if hit is None:
        agency = reg.find(credit) or reg.find(src)
        if agency is not None:
            hit, line = LineMatch(agency, None, None), None
    person = _person(reg, by, by_hit)
    if hit is None:
        return ParsedCredit(person, None, None, None, None, False, False)
    hit = _refine(reg, hit, by_hit, src)

    agency = hit.agency
    truncated = hit.truncated
    photographer = hit.photographer
    if hit.photographer_at_end and photographer and line is not None and iim_sized(line):
        if (
            person
            and len(person) > len(photographer)
            and person.casefold().startswith(photographer.casefold())
        ):
            # "REUTERS/Some Long Photographer N" (32 bytes): the By-line has the whole name.
            photographer, truncated = person, True
        elif hit.truncated:
            photographer = None  # cut mid-name; the By-line (if any) is the better guess
    if photographer is None:
        photographer = person
    photographer = _safe_photographer(agency, photographer)

    provider = hit.provider
    if (
        provider is None
        and agency.takes_provider
        and src
        and reg.find(src) is None
        and _listed(agency, src)
    ):
        provider = clean_provider(agency, src)  # "Handout" + Source "Netflix" → Handout/Netflix

    canonical = render_or_none(agency, photographer, provider)
    matched = line is not None and canonical is not None and line.strip() == canonical
    return ParsedCredit(
        photographer=photographer,
        agency=agency.name,
        provider=provider if agency.takes_provider else None,
        parent=agency.parent,
        canonical=canonical,
        matched_format=matched,
        truncated=truncated,
    )
