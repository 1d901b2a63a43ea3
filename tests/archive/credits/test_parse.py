"""Parser table: what embedded Credit / By-line / Source fields say → ParsedCredit."""

# ruff: noqa: E501
# (One table row per line reads better than the formatter's explosion of each tuple.)

from __future__ import annotations

import pytest

from archive.credits import ParsedCredit, parse_credit

G = "Getty Images"

# (credit, byline, source) → (photographer, agency, provider, parent, canonical, matched, truncated)
# fmt: off
CASES: list[tuple[tuple[str | None, str | None, str | None], tuple[object, ...]]] = [
    # Getty family
    (("Joe Maher/Getty Images", None, None), ("Joe Maher", G, None, None, "Joe Maher/Getty Images", True, False)),
    (("Getty Images", "Joe Maher", "Getty Images Europe"), ("Joe Maher", G, None, None, "Joe Maher/Getty Images", False, False)),
    ((None, "Getty Images", None), (None, G, None, None, "Getty Images", True, False)),
    (("getty images", "Getty Images", None), (None, G, None, None, "Getty Images", False, False)),
    (("Mike Marsland/WireImage/Getty Images", None, None), ("Mike Marsland", "WireImage", None, G, "Mike Marsland/WireImage/Getty Images", True, False)),
    (("Mike Marsland/WireImage", None, None), ("Mike Marsland", "WireImage", None, G, "Mike Marsland/WireImage/Getty Images", False, False)),
    (("WireImage", "Mike Marsland", "WireImage"), ("Mike Marsland", "WireImage", None, G, "Mike Marsland/WireImage/Getty Images", False, False)),
    (("WireImage", None, None), (None, "WireImage", None, G, None, False, False)),
    (("Jeff Kravitz/FilmMagic/Getty Images", None, None), ("Jeff Kravitz", "FilmMagic", None, G, "Jeff Kravitz/FilmMagic/Getty Images", True, False)),
    (("Jeff Kravitz/FilmMagic", None, None), ("Jeff Kravitz", "FilmMagic", None, G, "Jeff Kravitz/FilmMagic/Getty Images", False, False)),
    (("JOHN MACDOUGALL/AFP via Getty Images", None, None), ("JOHN MACDOUGALL", "AFP via Getty Images", None, G, "JOHN MACDOUGALL/AFP via Getty Images", True, False)),
    (("AFP via Getty Images", "JOHN MACDOUGALL", "AFP"), ("JOHN MACDOUGALL", "AFP via Getty Images", None, G, "JOHN MACDOUGALL/AFP via Getty Images", False, False)),
    (("Name/AFP/Getty Images", None, None), ("Name", "AFP via Getty Images", None, G, "Name/AFP via Getty Images", False, False)),
    # Bloomberg is a Getty partner of the pack (its own entry); an unlisted partner takes the
    # generic partner form below.
    (("Bloomberg/Bloomberg via Getty Images", None, None), ("Bloomberg", "Bloomberg", None, G, "Bloomberg/Bloomberg via Getty Images", True, False)),
    (("Jane Doe/Picture Post via Getty Images", None, None), ("Jane Doe", "Getty Images partner", "Picture Post", G, "Jane Doe/Picture Post via Getty Images", True, False)),
    (("Jane Doe/SOPA Images/LightRocket via Getty Images", None, None), ("Jane Doe", "Getty Images partner", "SOPA Images/LightRocket", G, "Jane Doe/SOPA Images/LightRocket via Getty Images", True, False)),
    (("Dave Benett/Getty Images for BAFTA", None, None), ("Dave Benett", "Getty Images commissioned", "BAFTA", G, "Dave Benett/Getty Images for BAFTA", True, False)),
    (("Getty Images for BAFTA", "Dave Benett", "Getty Images Europe"), ("Dave Benett", "Getty Images commissioned", "BAFTA", G, "Dave Benett/Getty Images for BAFTA", False, False)),
    # AP family
    (("AP Photo/Chris Pizzello", None, None), ("Chris Pizzello", "AP", None, None, "AP Photo/Chris Pizzello", True, False)),
    (("Chris Pizzello/AP", None, None), ("Chris Pizzello", "AP", None, None, "AP Photo/Chris Pizzello", False, False)),
    (("AP", "Chris Pizzello", None), ("Chris Pizzello", "AP", None, None, "AP Photo/Chris Pizzello", False, False)),
    (("Chris Pizzello/Invision/AP", None, None), ("Chris Pizzello", "Invision", None, "AP", "Chris Pizzello/Invision/AP", True, False)),
    (("Jordan Strauss/Netflix via AP", None, None), ("Jordan Strauss", "via AP", "Netflix", "AP", "Jordan Strauss/Netflix via AP", True, False)),
    (("Netflix via AP", None, None), (None, "via AP", "Netflix", "AP", "Netflix via AP", True, False)),
    # Reuters, EPA
    (("REUTERS/Mario Anzuoni", None, None), ("Mario Anzuoni", "Reuters", None, None, "REUTERS/Mario Anzuoni", True, False)),
    (("Reuters/Mario Anzuoni", None, None), ("Mario Anzuoni", "Reuters", None, None, "REUTERS/Mario Anzuoni", False, False)),
    (("Mario Anzuoni/Reuters", None, None), ("Mario Anzuoni", "Reuters", None, None, "REUTERS/Mario Anzuoni", False, False)),
    (("REUTERS", "Mario Anzuoni", "X90184"), ("Mario Anzuoni", "Reuters", None, None, "REUTERS/Mario Anzuoni", False, False)),
    (("EPA/CAROLINE BREHMAN", None, None), ("CAROLINE BREHMAN", "EPA", None, None, "EPA/CAROLINE BREHMAN", True, False)),
    (("EPA", "CAROLINE BREHMAN", "EPA-EFE"), ("CAROLINE BREHMAN", "EPA", None, None, "EPA/CAROLINE BREHMAN", False, False)),
    # Shutterstock / Rex
    (("Rob Latour/Shutterstock", None, None), ("Rob Latour", "Shutterstock", None, None, "Rob Latour/Shutterstock", True, False)),
    ((None, "Rob Latour/Shutterstock", "Shutterstock"), ("Rob Latour", "Shutterstock", None, None, "Rob Latour/Shutterstock", True, False)),
    (("Ken McKay/REX/Shutterstock", None, None), ("Ken McKay", "Rex", None, "Shutterstock", "Ken McKay/REX/Shutterstock", True, False)),
    (("Ken McKay/Rex Features", None, None), ("Ken McKay", "Rex", None, "Shutterstock", "Ken McKay/REX/Shutterstock", False, False)),
    (("Name/EPA-EFE/Shutterstock", None, None), ("Name", "EPA-EFE/Shutterstock", None, "Shutterstock", "Name/EPA-EFE/Shutterstock", True, False)),
    # PA
    (("Ian West/PA Wire", None, None), ("Ian West", "PA Images", None, None, "Ian West/PA Wire", True, False)),
    (("PA Images", None, None), (None, "PA Images", None, None, "PA Images", True, False)),
    (("PA Wire", "Ian West", "PA"), ("Ian West", "PA Images", None, None, "Ian West/PA Wire", False, False)),
    (("PA Archive/Press Association Images", None, None), (None, "PA Images", None, None, "PA Images", False, False)),
    # Alamy
    (("Jane Doe/Alamy", None, None), ("Jane Doe", "Alamy", None, None, "Jane Doe/Alamy", True, False)),
    (("Jane Doe/Alamy Stock Photo", None, None), ("Jane Doe", "Alamy", None, None, "Jane Doe/Alamy", False, False)),
    (("Jane Doe/Alamy Live News", None, None), ("Jane Doe", "Alamy Live News", None, "Alamy", "Jane Doe/Alamy Live News", True, False)),
    # Handout, social media
    (("Handout/Netflix", None, None), (None, "Handout", "Netflix", None, "Handout/Netflix", True, False)),
    (("Handout", None, "Netflix"), (None, "Handout", "Netflix", None, "Handout/Netflix", False, False)),
    (("Handout", None, None), (None, "Handout", None, None, None, False, False)),
    (("@taylorswift/Instagram", None, None), ("taylorswift", "Social media", "Instagram", None, "@taylorswift/Instagram", True, False)),
    (("@someone/tiktok", None, None), ("someone", "Social media", "TikTok", None, "@someone/TikTok", False, False)),
    (("Instagram", "@handle", None), ("handle", "Social media", "Instagram", None, "@handle/Instagram", False, False)),
    (("@handle/X", None, None), ("handle", "Social media", "X", None, "@handle/X", True, False)),
    # whitespace, case, lead-ins
    (("  Joe  Maher /  getty images ", None, None), ("Joe Maher", G, None, None, "Joe Maher/Getty Images", False, False)),
    (("Photo by Joe Maher/Getty Images", None, None), ("Joe Maher", G, None, None, "Joe Maher/Getty Images", False, False)),
    (("Joe Maher/Getty", None, None), ("Joe Maher", G, None, None, "Joe Maher/Getty Images", False, False)),
    (("Łukasz Ćwik/Getty Images", None, None), ("Łukasz Ćwik", G, None, None, "Łukasz Ćwik/Getty Images", True, False)),
    (("Dan O'Neill/WireImage/Getty Images", None, None), ("Dan O'Neill", "WireImage", None, G, "Dan O'Neill/WireImage/Getty Images", True, False)),
    # free text: the agency found inside, the By-line as photographer
    (("Getty Images North America", "Kevin Winter", None), ("Kevin Winter", G, None, None, "Kevin Winter/Getty Images", False, False)),
    (("Copyright 2024 Getty Images, all rights reserved", "Kevin Winter", None), ("Kevin Winter", G, None, None, "Kevin Winter/Getty Images", False, False)),
    # unknown: no agency, photographer from the By-line
    (("Something odd", "Jane Doe", None), ("Jane Doe", None, None, None, None, False, False)),
    (("Jane Doe/Daily Planet", None, None), (None, None, None, None, None, False, False)),
    ((None, None, None), (None, None, None, None, None, False, False)),
    (("", "  ", None), (None, None, None, None, None, False, False)),
    # "Pa"/"Ho" in a name are not PA / Handout
    (("Something odd", "Ho Pa Lee", None), ("Ho Pa Lee", None, None, None, None, False, False)),
]

TRUNCATED: list[tuple[tuple[str | None, str | None, str | None], tuple[object, ...]]] = [
    # 36-byte WireImage credit cut at 32 bytes
    (("Mike Marsland/WireImage/Getty Im", None, None), ("Mike Marsland", "WireImage", None, G, "Mike Marsland/WireImage/Getty Images", False, True)),
    (("Mike Marsland/WireImage/Getty Im", "Mike Marsland", "WireImage"), ("Mike Marsland", "WireImage", None, G, "Mike Marsland/WireImage/Getty Images", False, True)),
    (("Christopher Polk/WireImage/Getty", None, None), ("Christopher Polk", "WireImage", None, G, "Christopher Polk/WireImage/Getty Images", False, True)),
    (("Jeff Kravitz/FilmMagic/Getty Ima", None, None), ("Jeff Kravitz", "FilmMagic", None, G, "Jeff Kravitz/FilmMagic/Getty Images", False, True)),
    (("JOHN MACDOUGALL/AFP via Getty Im", None, None), ("JOHN MACDOUGALL", "AFP via Getty Images", None, G, "JOHN MACDOUGALL/AFP via Getty Images", False, True)),
    (("PA Archive/Press Association Ima", None, None), (None, "PA Images", None, None, "PA Images", False, True)),
    (("PA Archive/Press Association Ima", "Ian West", None), ("Ian West", "PA Images", None, None, "Ian West/PA Wire", False, True)),
    # the name itself cut: the By-line completes it
    (("REUTERS/Some Long Photographer N", "Some Long Photographer Name", None), ("Some Long Photographer Name", "Reuters", None, None, "REUTERS/Some Long Photographer Name", False, True)),
    (("Alexandrovich Petrovskiy/Getty I", "Alexandrovich Petrovskiy", None), ("Alexandrovich Petrovskiy", G, None, None, "Alexandrovich Petrovskiy/Getty Images", False, True)),
    # cut inside a multi-byte character's neighbourhood: 31 bytes, UTF-8 never split
    (("Łukasz Ćwik Nowak/WireImage/Ge", None, None), ("Łukasz Ćwik Nowak", "WireImage", None, G, "Łukasz Ćwik Nowak/WireImage/Getty Images", False, True)),
    # too little of the agency left to know which it is
    (("Long Photographer Name Here X/Ge", "Jane Doe", None), ("Jane Doe", None, None, None, None, False, False)),
]
# fmt: on


@pytest.mark.parametrize(("fields", "expected"), CASES + TRUNCATED, ids=lambda v: repr(v)[:60])
def test_parse_table(fields: tuple[str | None, ...], expected: tuple[object, ...]) -> None:
    credit, byline, source = fields
    assert parse_credit(credit, byline=byline, source=source) == ParsedCredit(*expected)  # type: ignore[arg-type]


def test_truncated_inputs_are_iim_sized() -> None:
    # The truncation table is only meaningful for values a 32-byte IIM field could hold.
    for (credit, _, _), expected in TRUNCATED:
        assert credit is not None
        if expected[-1]:
            assert 29 <= len(credit.encode()) <= 32, credit


def test_short_prefix_is_not_truncation() -> None:
    # Only values at the IIM limit are read as cut; a short "Mike Marsland/WireImage/Getty"
    # is a (non-canonical) WireImage line with a Getty tail, not a truncated one.
    parsed = parse_credit("M M/WireImage/Getty Im")
    assert parsed.truncated is False


def test_results_are_cached_and_equal() -> None:
    a = parse_credit("Mike Marsland/WireImage", byline="Mike Marsland")
    b = parse_credit("Mike Marsland/WireImage", byline="Mike Marsland")
    assert a is b


@pytest.mark.parametrize(
    ("credit", "byline", "source", "agency", "canonical"),
    [
        (
            "Getty Images",
            "JOHN MACDOUGALL",
            "AFP",
            "AFP via Getty Images",
            "JOHN MACDOUGALL/AFP via Getty Images",
        ),
        (
            "Getty Images",
            "Mike Marsland/WireImage",
            None,
            "WireImage",
            "Mike Marsland/WireImage/Getty Images",
        ),
        ("AP", "Chris Pizzello", "Invision", "Invision", "Chris Pizzello/Invision/AP"),
        # a complete credit line is not second-guessed by the Source
        ("Joe Maher/Getty Images", None, "WireImage", "Getty Images", "Joe Maher/Getty Images"),
        # Source naming an unrelated agency does not move the credit
        ("Getty Images", "Joe Maher", "Reuters", "Getty Images", "Joe Maher/Getty Images"),
    ],
)
def test_bare_credit_refined_to_brand(
    credit: str, byline: str | None, source: str | None, agency: str, canonical: str
) -> None:
    parsed = parse_credit(credit, byline=byline, source=source)
    assert (parsed.agency, parsed.canonical) == (agency, canonical)
    assert parsed.matched_format == (credit == canonical)
