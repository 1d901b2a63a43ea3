"""Formatter table and explain_mismatch."""

from __future__ import annotations

import pytest

from archive.credits import (
    CreditError,
    UnknownAgencyError,
    explain_mismatch,
    format_credit,
    parse_credit,
    registry_from_text,
)
from archive.errors import ArchiveError

STAFF_DESK = registry_from_text(
    'version = 1\n[[agency]]\nname = "Staff"\naliases = []\nformat = "{photographer}/{provider}"\n'
    'photographer_required = true\nproviders = ["Daily Planet"]\nrestrictions = []\n'
)

# (photographer, agency, provider) → canonical line
FORMATS: list[tuple[str | None, str, str | None, str]] = [
    ("Joe Maher", "Getty Images", None, "Joe Maher/Getty Images"),
    (None, "Getty Images", None, "Getty Images"),
    ("Mike Marsland", "WireImage", None, "Mike Marsland/WireImage/Getty Images"),
    ("Jeff Kravitz", "FilmMagic", None, "Jeff Kravitz/FilmMagic/Getty Images"),
    ("JOHN MACDOUGALL", "AFP via Getty Images", None, "JOHN MACDOUGALL/AFP via Getty Images"),
    (None, "AFP via Getty Images", None, "AFP via Getty Images"),
    ("Jane Doe", "Getty Images partner", "Bloomberg", "Jane Doe/Bloomberg via Getty Images"),
    (None, "Getty Images partner", "Sygma", "Sygma via Getty Images"),
    ("Dave Benett", "Getty Images commissioned", "BAFTA", "Dave Benett/Getty Images for BAFTA"),
    ("Chris Pizzello", "AP", None, "AP Photo/Chris Pizzello"),
    (None, "AP", None, "AP Photo"),
    ("Chris Pizzello", "Invision", None, "Chris Pizzello/Invision/AP"),
    ("Jordan Strauss", "via AP", "Netflix", "Jordan Strauss/Netflix via AP"),
    (None, "via AP", "Netflix", "Netflix via AP"),
    ("Mario Anzuoni", "Reuters", None, "REUTERS/Mario Anzuoni"),
    (None, "Reuters", None, "REUTERS"),
    ("Rob Latour", "Shutterstock", None, "Rob Latour/Shutterstock"),
    ("Ken McKay", "Rex", None, "Ken McKay/REX/Shutterstock"),
    (None, "Rex", None, "REX/Shutterstock"),
    ("Jane Doe", "EPA-EFE/Shutterstock", None, "Jane Doe/EPA-EFE/Shutterstock"),
    ("CAROLINE BREHMAN", "EPA", None, "EPA/CAROLINE BREHMAN"),
    ("Ian West", "PA Images", None, "Ian West/PA Wire"),
    (None, "PA Images", None, "PA Images"),
    ("Jane Doe", "Alamy", None, "Jane Doe/Alamy"),
    ("Jane Doe", "Alamy Live News", None, "Jane Doe/Alamy Live News"),
    ("Jane Doe", "Staff", "Daily Planet", "Jane Doe/Daily Planet"),
    (None, "Handout", "Netflix", "Handout/Netflix"),
    ("taylorswift", "Social media", "Instagram", "@taylorswift/Instagram"),
    ("@taylorswift", "Social media", "instagram", "@taylorswift/Instagram"),
    ("someone", "Social media", "X", "@someone/X"),
    # names are tidied, agencies found by alias and case-insensitively
    ("  Joe   Maher ", "getty", None, "Joe Maher/Getty Images"),
    ("Łukasz Ćwik", "wireimage", None, "Łukasz Ćwik/WireImage/Getty Images"),
    ("Dan O'Neill", "Invision/AP", None, "Dan O'Neill/Invision/AP"),
    ("", "Getty Images", None, "Getty Images"),
]


@pytest.mark.parametrize(("photographer", "agency", "provider", "line"), FORMATS)
def test_format_table(
    photographer: str | None, agency: str, provider: str | None, line: str
) -> None:
    assert format_credit(photographer, agency, provider=provider) == line


@pytest.mark.parametrize(("photographer", "agency", "provider", "line"), FORMATS)
def test_format_then_parse(
    photographer: str | None, agency: str, provider: str | None, line: str
) -> None:
    # Staff lines are only recognised once the desk lists its publications.
    reg = STAFF_DESK if agency == "Staff" else None
    parsed = parse_credit(line, registry=reg)
    assert parsed.canonical == line
    assert parsed.matched_format
    again = format_credit(parsed.photographer, parsed.agency or "", provider=parsed.provider)
    assert again == line


@pytest.mark.parametrize(
    ("photographer", "agency", "provider", "message"),
    [
        (None, "WireImage", None, "WireImage credits need a photographer"),
        ("Dave Benett", "Getty Images commissioned", None, "need the organiser"),
        (None, "Handout", None, "need the source"),
        ("Jane Doe", "Handout", "Netflix", "name no photographer"),
        ("Joe Maher", "Getty Images", "BAFTA", "take no"),
        ("Joe/Maher", "Getty Images", None, "cannot contain '/'"),
    ],
)
def test_format_refuses(
    photographer: str | None, agency: str, provider: str | None, message: str
) -> None:
    with pytest.raises(CreditError, match=message) as info:
        format_credit(photographer, agency, provider=provider)
    assert isinstance(info.value, ArchiveError)


def test_unknown_agency() -> None:
    with pytest.raises(UnknownAgencyError, match="Nope Images"):
        format_credit("Joe Maher", "Nope Images")
    with pytest.raises(UnknownAgencyError):
        explain_mismatch("Joe Maher/Getty Images", "Nope Images")


@pytest.mark.parametrize(
    ("line", "agency", "message"),
    [
        ("Joe Maher/Getty Images", "Getty Images", None),
        ("Mike Marsland/WireImage/Getty Images", "WireImage", None),
        # a correct line of one of the agency's brands is a match
        ("Mike Marsland/WireImage/Getty Images", "Getty Images", None),
        (
            "Mike Marsland/WireImage",
            "WireImage",
            "WireImage credits read 'Name/WireImage/Getty Images' — "
            "expected 'Mike Marsland/WireImage/Getty Images'",
        ),
        (
            "Joe Maher/Getty Images",
            "WireImage",
            "'Joe Maher/Getty Images' reads as a Getty Images credit, not WireImage; "
            "WireImage credits read 'Name/WireImage/Getty Images' — "
            "expected 'Joe Maher/WireImage/Getty Images'",
        ),
        (
            "Reuters/Mario Anzuoni",
            "Reuters",
            "Reuters credits read 'REUTERS/Name' — expected 'REUTERS/Mario Anzuoni'",
        ),
        (
            "Dave Benett / getty images for BAFTA",
            "Getty Images commissioned",
            "Getty Images commissioned credits read 'Name/Getty Images for Organiser' — "
            "expected 'Dave Benett/Getty Images for BAFTA'",
        ),
        ("WireImage", "WireImage", "WireImage credits need a photographer: "),
        (
            "Mike Marsland/WireImage/Getty Im",
            "WireImage",
            "expected 'Mike Marsland/WireImage/Getty Images' (the line looks cut",
        ),
        ("", "AP", "the credit line is empty; AP credits read 'AP Photo/Name'"),
        ("Something odd", "AP", "'Something odd' is not recognisable as a credit line"),
    ],
)
def test_explain_mismatch(line: str, agency: str, message: str | None) -> None:
    result = explain_mismatch(line, agency)
    if message is None:
        assert result is None
    else:
        assert result is not None
        assert message in result


def test_explain_dan_oneill_keeps_apostrophe() -> None:
    assert explain_mismatch("Dan O'Neill/FilmMagic", "FilmMagic") == (
        "FilmMagic credits read 'Name/FilmMagic/Getty Images' — "
        "expected 'Dan O'Neill/FilmMagic/Getty Images'"
    )
