"""Photo Mechanic style code replacements."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.captions import (
    CaptionContext,
    CodeReplacements,
    Replacement,
    TemplateError,
    load_templates,
    render,
)

TSV = (
    "\ufeff# desk codes for the BAFTAs\r\n"
    "\r\n"
    "kw\tKate Winslet\tWinslet\r\n"
    "mt\tMia Threapleton\r\n"
    "// Photo Mechanic style comment\r\n"
    "lz\tŁódź\r\n"
    "bafta\t2023 BAFTA Television Awards with P&O Cruises\t\t\r\n"
    "   \r\n"
    "rfh\tThe Royal Festival Hall\r\n"
    "kw\tKate Winslet\tWinslet\r\n"  # an exact repeat is harmless
)


@pytest.fixture
def codes(tmp_path: Path) -> CodeReplacements:
    path = tmp_path / "codes.txt"
    path.write_bytes(TSV.encode("utf-8"))
    return CodeReplacements.load(path)


def test_load_generated_tsv(codes: CodeReplacements) -> None:
    assert len(codes) == 5
    assert codes.codes()["kw"] == ("Kate Winslet", "Winslet")
    assert codes.codes()["bafta"] == ("2023 BAFTA Television Awards with P&O Cruises",)
    assert codes.apply("=lz=").text == "Łódź"


def test_known_codes_replaced(codes: CodeReplacements) -> None:
    result = codes.apply("=kw= and =mt= attend the =bafta= at =rfh=. =kw#2= smiled.")
    assert result == Replacement(
        "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with "
        "P&O Cruises at The Royal Festival Hall. Winslet smiled.",
        (),
    )
    assert codes.apply("=kw#1=").text == "Kate Winslet"


def test_adjacent_codes_share_nothing(codes: CodeReplacements) -> None:
    assert codes.apply("=kw==mt=").text == "Kate WinsletMia Threapleton"


def test_unknown_code_left_visible_and_reported(codes: CodeReplacements) -> None:
    result = codes.apply("=kw= with =xx9= and =kw#3= and =KW= and =xx9=")
    assert result.text == "Kate Winslet with =xx9= and =kw#3= and =KW= and =xx9="
    assert result.unknown == ("xx9", "kw#3", "KW")


def test_unknown_code_does_not_hide_a_known_one(codes: CodeReplacements) -> None:
    result = codes.apply("=zz=mt=")
    assert result.text == "=zzMia Threapleton"
    assert result.unknown == ("zz",)


@pytest.mark.parametrize(
    "text",
    [
        "E=mc2",
        "a = b",
        "x == y",
        "https://example.com/?q=kw&lang=en",
        "mailto:desk@example.com?subject=kw",
        "=",
        "==",
        "= kw =",
        "=" + "a" * 31 + "=",
    ],
)
def test_text_that_is_not_a_code_untouched(codes: CodeReplacements, text: str) -> None:
    assert codes.apply(text) == Replacement(text, ())


def test_code_inside_template_output(codes: CodeReplacements) -> None:
    ctx = CaptionContext(
        people=("=kw=", "=mt="),
        event="=bafta=",
        venue="=rfh=",
        date=datetime.date(2023, 5, 14),
        city="London",
        country="England",
    )
    caption = render(load_templates()["getty-event"], ctx)
    assert codes.apply(caption).text == (
        "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with "
        "P&O Cruises at The Royal Festival Hall on May 14, 2023 in London, England."
    )


def test_backslash_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text("kw\tKate Winslet\n", encoding="utf-8")
    codes = CodeReplacements.load(path, delimiter="\\")
    assert codes.apply(r"\kw\ and =kw= in C:\Users\kw") == Replacement(
        r"Kate Winslet and =kw= in C:\Users\kw", ("Users",)
    )


def test_from_mapping() -> None:
    codes = CodeReplacements.from_mapping({"kw": "Kate Winslet", "lz": "Łódź"})
    assert codes.apply("=kw= in =lz=").text == "Kate Winslet in Łódź"


@pytest.mark.parametrize("delimiter", ["", "==", "a", "1", " ", "\t", "#", "-", "_"])
def test_bad_delimiter(delimiter: str) -> None:
    with pytest.raises(TemplateError, match="delimiter"):
        CodeReplacements.from_mapping({"kw": "x"}, delimiter=delimiter)


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("kw\tKate\nmt Mia Threapleton\n", 2, "no tab"),
        ("kw\tKate\n\tMia\n", 2, "code ''"),
        ("k w\tKate\n", 1, "code 'k w'"),
        ("kw#2\tKate\n", 1, "code 'kw#2'"),
        ("kw\t\n", 1, "empty replacement"),
        ("kw\t\tWinslet\n", 1, "empty replacement"),
        ("# c\n\nkw\tKate Winslet\nkw\tKyle Walker\n", 4, "already defined differently on line 3"),
    ],
)
def test_malformed_line_names_file_and_line(
    tmp_path: Path, source: str, line: int, fragment: str
) -> None:
    path = tmp_path / "codes.txt"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        CodeReplacements.load(path)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert fragment in str(info.value)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_bytes(b"kw\tKate\nlz\t\xa3\xf3d\x9f\n")
    with pytest.raises(TemplateError, match=r"codes.txt:2: not valid UTF-8"):
        CodeReplacements.load(path)


@given(st.text().filter(lambda t: "=" not in t))
def test_text_without_codes_unchanged(text: str) -> None:
    codes = CodeReplacements.from_mapping({"kw": "Kate Winslet"})
    assert codes.apply(text) == Replacement(text, ())


@given(st.text())
def test_text_without_known_codes_unchanged(text: str) -> None:
    # Unknown codes are reported but never altered: only a known code changes the text.
    codes = CodeReplacements.from_mapping({"kw": "Kate Winslet"})
    if "=kw=" not in text and "=kw#1=" not in text:
        assert codes.apply(text).text == text
