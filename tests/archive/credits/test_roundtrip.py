"""Property tests: format → parse → format is the identity for every agency form."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from archive.credits import AgencyRegistry, format_credit, parse_credit, registry_from_text

# Staff lines are only recognised once the desk lists its publications (see agencies.toml).
REGISTRY = registry_from_text(
    """
    version = 1
    [[agency]]
    name = "Staff"
    aliases = []
    format = "{photographer}/{provider}"
    photographer_required = true
    provider_label = "Publication"
    providers = ["Daily Planet", "The Sentinel"]
    restrictions = []
    """.replace("\n    ", "\n")
)
# Clients (Netflix, BAFTA) are parties of other lines, not credit forms of their own.
AGENCIES = tuple(a.name for a in REGISTRY if a.role != "client")

letters = st.characters(categories=("Lu", "Ll"))
# Words like "Łukasz", "Jean-Luc", "O'Neill"; joined by single spaces; never a "/".
word = st.builds(
    lambda head, tail, joiner, rest: head + tail + (joiner + rest if joiner else ""),
    letters,
    st.text(letters, min_size=1, max_size=8),
    st.sampled_from(["", "", "-", "'"]),
    st.text(letters, min_size=1, max_size=8),
)
names = st.lists(word, min_size=1, max_size=3).map(" ".join)
provider_words = st.lists(st.text(letters, min_size=2, max_size=10), min_size=1, max_size=3).map(
    " ".join
)


# Lead-ins the parser strips ("By Joe Maher", "Copyright …", "Photos by …").
LEAD_IN = re.compile(r"(?:by|copyright|(?:photo(?:graph)?s?|pictures?|pics?|images?) by)\s", re.I)


def _not_an_agency(reg: AgencyRegistry, text: str) -> bool:
    # A photographer literally called "Getty" or "Handout" makes the line ambiguous by nature,
    # and one whose name starts "By …" reads as a by-line lead-in (documented limitation).
    return (
        reg.find(text) is None
        and reg.get(text) is None
        and not text.lower().startswith("via")
        and LEAD_IN.match(text) is None
    )


def _provider(agency: str, data: st.DataObject) -> str | None:
    spec = REGISTRY.require(agency)
    if not spec.takes_provider:
        return None
    if spec.providers:
        return data.draw(st.sampled_from(spec.providers))
    value = data.draw(provider_words)
    assume(_not_an_agency(REGISTRY, value))
    return value


@pytest.mark.parametrize("agency", AGENCIES)
@settings(max_examples=60, suppress_health_check=[HealthCheck.filter_too_much], deadline=None)
@given(photographer=names, data=st.data())
@example(photographer="Łukasz Ćwik", data=None)
@example(photographer="Dan O'Neill", data=None)
@example(photographer="Jean-Luc Ménard-Côté", data=None)
def test_round_trip_with_photographer(
    agency: str, photographer: str, data: st.DataObject | None
) -> None:
    spec = REGISTRY.require(agency)
    if not spec.takes_photographer:
        return
    assume(_not_an_agency(REGISTRY, photographer))
    provider = _provider(agency, data) if data is not None else _fixed_provider(agency)
    line = format_credit(photographer, agency, provider=provider, registry=REGISTRY)
    parsed = parse_credit(line, registry=REGISTRY)
    assert (parsed.agency, parsed.photographer, parsed.provider) == (agency, photographer, provider)
    assert parsed.canonical == line
    assert parsed.matched_format
    assert not parsed.truncated or len(line.encode()) <= 32
    again = format_credit(parsed.photographer, agency, provider=parsed.provider, registry=REGISTRY)
    assert again == line


@pytest.mark.parametrize("agency", AGENCIES)
@settings(max_examples=30, suppress_health_check=[HealthCheck.filter_too_much], deadline=None)
@given(data=st.data())
def test_round_trip_without_photographer(agency: str, data: st.DataObject) -> None:
    spec = REGISTRY.require(agency)
    if spec.photographer_required:
        return
    provider = _provider(agency, data)
    line = format_credit(None, agency, provider=provider, registry=REGISTRY)
    parsed = parse_credit(line, registry=REGISTRY)
    assert (parsed.agency, parsed.photographer, parsed.provider) == (agency, None, provider)
    assert parsed.canonical == line
    assert parsed.matched_format


@pytest.mark.parametrize("agency", AGENCIES)
@settings(max_examples=40, suppress_health_check=[HealthCheck.filter_too_much], deadline=None)
@given(photographer=names, data=st.data())
def test_byline_plus_agency_credit(agency: str, photographer: str, data: st.DataObject) -> None:
    """By-line "Name" + Credit "<agency without photographer>" gives the full canonical line."""
    spec = REGISTRY.require(agency)
    if not spec.takes_photographer or spec.providers:
        return
    assume(_not_an_agency(REGISTRY, photographer))
    provider = _provider(agency, data)
    bare = format_credit(None, agency, provider=provider, registry=_lenient(agency))
    parsed = parse_credit(bare, byline=photographer, registry=REGISTRY)
    assert (parsed.agency, parsed.photographer, parsed.provider) == (agency, photographer, provider)
    assert parsed.canonical == format_credit(
        photographer, agency, provider=provider, registry=REGISTRY
    )


def _fixed_provider(agency: str) -> str | None:
    spec = REGISTRY.require(agency)
    if not spec.takes_provider:
        return None
    return spec.providers[0] if spec.providers else "Example Source"


def _lenient(agency: str) -> AgencyRegistry:
    """The registry, with the agency's photographer made optional (to write its bare form)."""
    spec = REGISTRY.require(agency)
    if not spec.photographer_required:
        return REGISTRY
    return registry_from_text(
        f"""version = 1
[[agency]]
name = "{spec.name}"
aliases = []
format = "{spec.format}"
photographer_required = false
restrictions = []
"""
    )
