"""Caption templates: golden sentences, grammar, dates, errors with positions."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.captions import (
    CaptionContext,
    TemplateError,
    UnresolvedVariableError,
    check,
    escape,
    format_date,
    load_templates,
    plural_verb,
    render,
    variables,
)
from archive.errors import ArchiveError

BAFTA = CaptionContext(
    people=("Kate Winslet", "Mia Threapleton"),
    event="2023 BAFTA Television Awards with P&O Cruises",
    venue="The Royal Festival Hall",
    date=datetime.date(2023, 5, 14),
    city="London",
    country="England",
)


def test_getty_event_two_people_golden() -> None:
    assert render(load_templates()["getty-event"], BAFTA) == (
        "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with "
        "P&O Cruises at The Royal Festival Hall on May 14, 2023 in London, England."
    )


def test_getty_event_one_person_golden() -> None:
    ctx = dataclasses.replace(BAFTA, people=("Kate Winslet",))
    assert render(load_templates()["getty-event"], ctx) == (
        "Kate Winslet attends the 2023 BAFTA Television Awards with "
        "P&O Cruises at The Royal Festival Hall on May 14, 2023 in London, England."
    )


def test_three_people_joined_without_serial_comma() -> None:
    ctx = CaptionContext(people=("A", "B", "C"))
    assert render("{people} {verb:attends}", ctx) == "A, B and C attend"


def test_people_given_as_list_are_frozen() -> None:
    ctx = CaptionContext(people=["A", "B"], extra={"seq": "1"})  # type: ignore[arg-type]
    assert ctx.people == ("A", "B")
    assert hash(ctx) == hash(CaptionContext(people=("A", "B")))  # extra is not hashed
    assert ctx == CaptionContext(people=("A", "B"), extra={"seq": "1"})


def test_verb_argument_spacing_is_tidied() -> None:
    ctx = CaptionContext(people=("A", "B"))
    assert render("{verb:  is   pictured }", ctx) == "are pictured"


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("attends", "attend"),
        ("is", "are"),
        ("poses", "pose"),
        ("arrives", "arrive"),
        ("has", "have"),
        ("watches", "watch"),
        ("does", "do"),
        ("goes", "go"),
        ("was", "were"),
        ("wishes", "wish"),
        ("passes", "pass"),
        ("fixes", "fix"),
        ("carries", "carry"),
        ("dies", "die"),
        ("plays", "play"),
        ("speaks", "speak"),
        ("echoes", "echo"),
        ("tiptoes", "tiptoe"),
        ("doesn't", "don't"),
        ("can", "can"),
        ("is pictured", "are pictured"),
        ("Attends", "Attend"),
        ("IS", "ARE"),
    ],
)
def test_verb_table(singular: str, plural: str) -> None:
    assert plural_verb(singular) == plural
    one = CaptionContext(people=("A",))
    two = CaptionContext(people=("A", "B"))
    assert render(f"{{verb:{singular}}}", one) == singular
    assert render(f"{{verb:{singular}}}", two) == plural


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{date}", "May 4, 2023"),
        ("{date:%B %-d, %Y}", "May 4, 2023"),
        ("{date:%B %#d, %Y}", "May 4, 2023"),  # the Windows spelling of no-padding
        ("{date:%d/%m/%y}", "04/05/23"),
        ("{date:%-d.%-m.%Y}", "4.5.2023"),
        ("{date:%A %e %b}", "Thursday  4 May"),
        ("{date:%a %-j}", "Thu 124"),
        ("{date:100%%}", "100%"),
        ("{date:%B}", "May"),
    ],
)
def test_date_formats(template: str, expected: str) -> None:
    assert render(template, CaptionContext(date=datetime.date(2023, 5, 4))) == expected


def test_date_default_two_digit_day_and_english_month_names() -> None:
    assert format_date(datetime.date(2024, 12, 25)) == "December 25, 2024"
    assert format_date(datetime.date(2024, 1, 1), "%-d %B") == "1 January"


def test_unresolved_variable_is_named() -> None:
    ctx = dataclasses.replace(BAFTA, venue=None)
    with pytest.raises(UnresolvedVariableError) as info:
        render(load_templates()["getty-event"], ctx)
    assert info.value.names == ("venue",)
    assert str(info.value) == "{venue} has no value for this photo"
    assert isinstance(info.value, TemplateError)
    assert isinstance(info.value, ArchiveError)


def test_every_unresolved_variable_is_reported_once() -> None:
    ctx = CaptionContext(event="   ")  # blank counts as missing: it would leave a gap
    with pytest.raises(UnresolvedVariableError) as info:
        render("{people} {verb:attends} {event} at {venue}; {venue}", ctx)
    assert info.value.names == ("people", "verb", "event", "venue")
    assert "{people}, {verb}, {event} and {venue} have no value" in str(info.value)


def test_id_zero_and_extra_variables() -> None:
    ctx = CaptionContext(id=0, extra={"seq": "007"})
    assert render("{id}-{seq}", ctx) == "0-007"


def test_extra_may_not_shadow_builtins() -> None:
    with pytest.raises(TemplateError, match="hide"):
        CaptionContext(extra={"city": "Paris"})


@pytest.mark.parametrize(
    ("template", "position", "fragment"),
    [
        ("at {venu} on", 3, "unknown variable {venu}"),
        ("at {venue on", 3, "unclosed '{'"),
        ("at venue} on", 8, "unmatched '}'"),
        ("a {b {c}", 5, "'{' inside"),
        ("{}", 0, "not a variable name"),
        ("{1st}", 0, "not a variable name"),
        ("{city:upper}", 0, "takes no ':' argument"),
        ("{verb}", 0, "needs the singular form"),
        ("on {date:%B %Q}", 12, "unsupported date directive '%Q'"),
        ("{date:%-B}", 6, "unsupported date directive '%-B'"),
        ("{date:%}", 6, "ends in the middle"),
        ("{date:}", 0, "needs a format"),
    ],
)
def test_syntax_errors_have_positions(template: str, position: int, fragment: str) -> None:
    with pytest.raises(TemplateError) as info:
        render(template, BAFTA)
    assert not isinstance(info.value, UnresolvedVariableError)
    assert info.value.position == position
    assert fragment in str(info.value)
    assert f"at position {position}" in str(info.value)


def test_literal_braces() -> None:
    ctx = CaptionContext(city="London")
    assert render("{{city}} is {city} }}{{", ctx) == "{city} is London }{"


def test_variables_in_order_without_repeats() -> None:
    assert variables("{people} {verb:is} at {venue}, {date:%Y} {{x}} {venue} {seq}") == [
        "people",
        "verb",
        "venue",
        "date",
        "seq",
    ]


def test_variables_raises_on_syntax_error() -> None:
    with pytest.raises(TemplateError):
        variables("{people")


def test_check_knows_extra_names() -> None:
    check("{seq}", ["seq"])
    with pytest.raises(TemplateError, match="unknown variable"):
        check("{seq}")


@given(st.text())
def test_template_without_variables_renders_unchanged(text: str) -> None:
    assert render(escape(text), CaptionContext()) == text
    assert variables(escape(text)) == []
