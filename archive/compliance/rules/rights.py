"""Rights rules: the destination's territory, its uses, and model releases for commercial use."""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.model import Kind, Restriction
from archive.compliance.rules.base import MEDIA_OF_USE, Issue, listing, rule

COMMERCIAL = ("commercial", "advertising")
# Licence uses come in two kinds that a licence may state independently: what for (purposes)
# and where (media). A licence listing only "editorial" says nothing about web or print.
PURPOSES = ("editorial", "commercial", "advertising", "syndication", "archive")
MEDIA_USES = ("print", "web", "social")


@rule("territory", severity="error", title="Not licensed in this territory")
def territory(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    code = profile.territory.upper()
    # The agency's own words first: the licence's excluded territory is usually read from
    # them, and the engine reports one problem (key) once.
    for r in photo.licence.restrictions:
        if r.kind is Kind.TERRITORY_OUT and code in r.territories:
            yield Issue(
                f"the agency forbids use in {code} ('{r.text}'), where {profile.name} publishes",
                "Do not publish it here; choose another picture or ask the agency for rights.",
                key=code,
            )
    if code in {t.upper() for t in photo.licence.excluded_territories}:
        yield Issue(
            f"the licence excludes {code}, where {profile.name} publishes",
            "Do not publish it here; choose another picture or ask the agency for rights.",
            key=code,
        )


def _forbidden(r: Restriction, profile: ProfileFacts) -> list[str]:
    """The profile's uses that this one restriction forbids."""
    uses = profile.uses
    if r.kind is Kind.EDITORIAL_ONLY or r.kind is Kind.NO_MARKETING:
        return [u for u in uses if u in COMMERCIAL]
    if r.kind is Kind.NO_SALES:
        return [u for u in uses if u == "syndication"]
    if r.kind is Kind.NO_ARCHIVE:
        return [u for u in uses if u == "archive"]
    if r.kind is Kind.MEDIA_OUT:
        return [u for u in uses if set(MEDIA_OF_USE.get(u, ())) & set(r.media)]
    return []


def _fix(uses: list[str]) -> str:
    return f"Do not use it for {listing(uses)}; choose another picture or ask the agency."


@rule("use-not-allowed", severity="error", title="Use not allowed by the licence")
def use_not_allowed(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    licence = photo.licence
    stated_editorial = any(r.kind is Kind.EDITORIAL_ONLY for r in licence.restrictions)
    # The importer sets the kind from an EDITORIAL USE ONLY clause: say it once, quoting it.
    if licence.kind == "editorial-only" and not stated_editorial:
        bad = [u for u in profile.uses if u in COMMERCIAL]
        if bad:
            yield Issue(
                f"the licence is editorial-only; {listing(bad)} use is not allowed", _fix(bad)
            )
    for r in licence.restrictions:
        bad = _forbidden(r, profile)
        if bad:
            yield Issue(f"'{r.text}' forbids {listing(bad)} use", _fix(bad))
    if licence.uses:
        for axis in (PURPOSES, MEDIA_USES):
            stated = [u for u in licence.uses if u in axis]
            if not stated:
                continue  # the licence says nothing on this axis
            bad = [u for u in profile.uses if u in axis and u not in stated]
            if bad:
                yield Issue(
                    f"the licence covers {listing(stated)}, not {listing(bad)}",
                    _fix(bad),
                )


@rule("model-release", severity="error", title="No model release for commercial use")
def model_release(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    commercial = [u for u in profile.uses if u in COMMERCIAL]
    if not commercial:
        return
    release = photo.licence.model_release
    stated_none = [r for r in photo.licence.restrictions if r.kind is Kind.MODEL_RELEASE_NONE]
    if stated_none:
        # The agency's own words beat a licence field that may have been filled in by hand.
        yield Issue(
            f"the agency says there is no model release ('{stated_none[0].text}'); "
            f"{listing(commercial)} use needs one",
            "Use it editorially only, or obtain a model release.",
        )
    elif release not in ("unlimited", "not-applicable"):
        yield Issue(
            f"{listing(commercial)} use needs an unlimited model release; the licence says "
            f"{release or 'nothing about one'}",
            "Obtain a model release (or record that none is needed), or use it editorially only.",
        )
