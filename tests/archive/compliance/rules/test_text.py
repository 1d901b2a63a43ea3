from __future__ import annotations

from dataclasses import replace

import pytest

from archive.compliance.facts import LicenceFacts
from archive.compliance.rules.text import iim_cut, repair_mojibake
from tests.archive.compliance.rules.facts import GETTY, WIREIMAGE, fires, found, licence, quiet


def test_iim_cut_never_splits_a_character() -> None:
    assert iim_cut("Zoë", 3) == "Zo"
    assert iim_cut("abc", 32) == "abc"


def test_iim_truncation_credit() -> None:
    photo = replace(GETTY, text_fields={"credit_line": "Mike Marsland/WireImage/Getty Images"})
    f = fires("iim-truncation", "warning", photo)
    assert "36 bytes" in f.message and "32-byte" in f.message
    assert (
        "the full value stays in XMP; IIM will carry 'Mike Marsland/WireImage/Getty Im'"
        in f.message
    )


def test_iim_truncation_announced_in_the_check_even_for_the_agencys_own_value() -> None:
    # Issue 18 item 10: the cut is shown before export, with the exact bytes IIM keeps.
    f = fires("iim-truncation", "warning", WIREIMAGE)
    cut = WIREIMAGE.credit_line.encode()[:32].decode()
    assert f"IIM will carry '{cut}' (32 bytes kept)" in f.message
    assert "as in the agency's own file" in f.message
    quiet("iim-truncation", GETTY)
    photo = replace(WIREIMAGE, embedded_credit="WireImage")
    assert "agency's own" not in fires("iim-truncation", "warning", photo).message


def test_iim_truncation_keywords_each() -> None:
    long = "x" * 65
    photo = replace(GETTY, text_fields={"keywords": "short\n" + long + "\n" + "y" * 64})
    hits = found("iim-truncation", photo)
    assert [f.severity for f in hits] == ["warning"]
    assert "65 bytes" in hits[0].message


def test_iim_truncation_multibyte_boundary() -> None:
    city = "Ł" * 17  # 34 bytes; IIM City takes 32 → 16 whole characters
    f = fires("iim-truncation", "warning", replace(GETTY, text_fields={"city": city}))
    assert f"'{'Ł' * 16}'" in f.message


def test_iim_truncation_ignores_fields_without_an_iim_limit() -> None:
    quiet(
        "iim-truncation",
        replace(GETTY, text_fields={"usage_terms": "x" * 5000, "event": "y" * 300}),
    )


@pytest.mark.parametrize(
    ("garbled", "meant"),
    [
        ("CafÃ© de Flore", "Café de Flore"),
        ("MÃ¼nchen", "München"),
        ("Kate Winslet\u00e2\u20ac\u2122s film", "Kate Winslet\u2019s film"),
        ("\u0141\u00c3\u00b3d\u00c5\u00ba", "\u0141\u00f3d\u017a"),  # a real Ł next to damage
        ("Å‚Ã³dÅº", "łódź"),
        ("MÃƒÂ¼nchen", "München"),  # encoded twice
    ],
)
def test_mojibake_detected_and_repaired(garbled: str, meant: str) -> None:
    assert repair_mojibake(garbled) == meant
    f = fires("mojibake", "warning", replace(GETTY, text_fields={"caption": garbled}))
    assert meant in f.fix


@pytest.mark.parametrize(
    "text",
    [
        "Zoë Ball",
        "Łódź",
        "Ñuñoa",
        "Ørsted Æbleskiver",
        "«Le Monde»",
        "São Paulo",
        "naïve café",
        "Dvořák 100 €",
    ],
)
def test_real_names_are_not_mojibake(text: str) -> None:
    assert repair_mojibake(text) is None
    quiet("mojibake", replace(GETTY, text_fields={"caption": text}))


def test_restriction_unparsed() -> None:
    photo = replace(
        GETTY, licence=licence("EDITORIAL USE ONLY. Please contact the picture desk before use")
    )
    f = fires("restriction-unparsed", "warning", photo)
    assert "unparsed restriction: 'Please contact the picture desk before use'" in f.message
    quiet("restriction-unparsed", GETTY)
    quiet("restriction-unparsed", replace(GETTY, licence=LicenceFacts()))


@pytest.mark.parametrize("text", ["“CAFÉ”", "ROSÉ’S", "a café’” b"])
def test_accent_before_a_quote_is_not_mojibake(text: str) -> None:
    # "É”" is also the shape of a misread UTF-8 character (it would read "ɔ"): not likely text.
    assert repair_mojibake(text) is None


def test_misread_non_latin_scripts() -> None:
    assert repair_mojibake("ÐœÐ¾Ñ\x81ÐºÐ²Ð°") == "Москва"
    assert repair_mojibake("æ—¥æœ¬") == "日本"
