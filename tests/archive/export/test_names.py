"""safe_filename and NameAllocator: hostile names in, boring safe names out."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.captions import CaptionContext, TemplateError
from archive.export.names import SEQUENCE_NAME_TEMPLATE, NameAllocator, safe_filename
from tests.factories import BAFTA

LONG = ("Zoë Łódź 😀 " * 60) + ".jpg"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "_._etc_passwd"),
        ("a/b\\c", "a_b_c"),
        ("a\x00b.jpg", "ab.jpg"),
        ("\x1b[31mred.jpg", "[31mred.jpg"),
        ('what?<>:"|*.jpg', "what_______.jpg"),
        ("CON", "_CON"),
        ("nul.jpg", "_nul.jpg"),
        ("com1.tar.gz", "_com1.tar.gz"),
        ("LPT9 .txt", "_LPT9.txt"),
        ("console.jpg", "console.jpg"),
        ("", "unnamed"),
        (".", "unnamed"),
        ("..", "unnamed"),
        (" . . ", "unnamed"),
        (".hidden", "hidden"),
        ("trailing. ", "trailing"),
        ("tab\tand\nnewline", "tab and newline"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # bidi override dropped
        ("Cafe\u0301.jpg", "Café.jpg"),  # NFC
        ("a..b...jpg", "a.b.jpg"),
    ],
)
def test_hostile_names(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_long_names_are_cut_in_bytes_keeping_the_extension() -> None:
    out = safe_filename(LONG)
    assert out.endswith(".jpg")
    assert len(out.encode("utf-8")) <= 180
    assert LONG.startswith(out[: -len(".jpg")])
    assert safe_filename(LONG, max_bytes=40).endswith(".jpg")


def test_cut_keeps_accents_with_their_letters() -> None:
    # q + two acutes has no precomposed form: NFC keeps it decomposed.
    assert safe_filename("x" * 17 + "q\u0301\u0301", max_bytes=18) == "x" * 17
    assert safe_filename("e\u0301" * 10) == "é" * 10


def test_emoji_sequences_are_not_split() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    out = safe_filename("a" * 14 + family, max_bytes=20)
    assert not out.endswith("\u200d")
    assert len(out.encode()) <= 20


def test_deterministic() -> None:
    assert safe_filename(LONG) == safe_filename(LONG)


def test_max_bytes_must_leave_room() -> None:
    with pytest.raises(ValueError):
        safe_filename("x", max_bytes=4)


@given(st.text(max_size=400), st.integers(min_value=16, max_value=255))
def test_safe_filename_properties(name: str, max_bytes: int) -> None:
    out = safe_filename(name, max_bytes)
    assert out and ".." not in out
    assert len(out.encode("utf-8")) <= max_bytes
    assert not any(ch in out for ch in '/\\<>:"|?*')
    assert not any(unicodedata.category(ch) == "Cc" for ch in out)
    assert out == out.strip(". ")
    assert unicodedata.is_normalized("NFC", out)
    assert safe_filename(out, max_bytes) == out  # idempotent


# --- NameAllocator ---------------------------------------------------------------------------
WINSLETS = CaptionContext(
    people=("Kate Winslet", "Mia Threapleton"), event=BAFTA, date=datetime.date(2023, 5, 14)
)


def test_running_example() -> None:
    names = NameAllocator(SEQUENCE_NAME_TEMPLATE)
    assert names.name_for(WINSLETS) == (
        "20230514_2023-BAFTA-Television-Awards-with-P&O-Cruises_Kate-Winslet-Mia-Threapleton_001.jpg"
    )
    assert names.name_for(WINSLETS).endswith("_002.jpg")


def test_missing_variables_collapse_their_separators() -> None:
    names = NameAllocator(SEQUENCE_NAME_TEMPLATE)
    assert names.name_for(CaptionContext(people=("Zoë",))) == "Zoë_001.jpg"
    assert names.name_for(CaptionContext(event="Red Carpet - Arrivals")) == (
        "Red-Carpet-Arrivals_002.jpg"
    )
    assert names.name_for(CaptionContext(event="AC/DC")) == "AC-DC_003.jpg"
    assert NameAllocator("{event}").name_for(CaptionContext()) == "unnamed.jpg"


def test_hostile_values_in_templates() -> None:
    names = NameAllocator("{event}/{people}\x00{id}")
    ctx = CaptionContext(people=("Mia Threapleton", "Zoë"), event="../../etc/passwd", id=1)
    assert names.name_for(ctx) == "etc-passwd-Mia-Threapleton-Zoë-1.jpg"


def test_names_are_unique_case_insensitively() -> None:
    names = NameAllocator("{title}", reserved=["captions.csv"])
    assert names.name_for(CaptionContext(title="Kate")) == "Kate.jpg"
    assert names.name_for(CaptionContext(title="KATE")) == "KATE-2.jpg"
    assert names.name_for(CaptionContext(title="kate.JPG")) == "kate-3.JPG"
    assert names.unique("Captions.CSV") == "Captions-2.CSV"


def test_unique_stays_within_the_byte_limit() -> None:
    names = NameAllocator("{title}", max_bytes=30)
    title = "Ł" * 40
    first, second = (names.name_for(CaptionContext(title=title)) for _ in range(2))
    assert first != second and second.endswith("-2.jpg")
    assert all(len(n.encode()) <= 30 for n in (first, second))


def test_id_seq_extension_and_extra_variables() -> None:
    names = NameAllocator("{agency}-{id}-{seq}-{shoot}", extension="jpeg", extra_names=["shoot"])
    ctx = CaptionContext(agency="Getty Images", id=42, extra={"shoot": "day 2"})
    assert names.name_for(ctx, seq=7) == "Getty-Images-42-007-day-2.jpeg"


def test_bad_template_fails_at_construction() -> None:
    with pytest.raises(TemplateError):
        NameAllocator("{nope}")
    with pytest.raises(TemplateError):
        NameAllocator("{event")
