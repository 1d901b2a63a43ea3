"""The inspector's licence box says each fact once (issue 18 item 15): the agency's words
with what was read from them, and only the licence facts no restriction already states;
long values are read whole in a tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.panels.inspector.details import RestrictionList
from gui.panels.inspector.fields import TextField

UK_OUT = {  # photo 4 of the bundled sample, as `show --json` gives its licence
    "kind": "editorial-only",
    "uses": [],
    "excluded_territories": ["GB"],
    "valid_from": None,
    "valid_until": None,
    "restrictions": [
        {"kind": "territory-out", "text": "UK OUT", "territories": ["GB"]},
        {"kind": "editorial-only", "text": "EDITORIAL USE ONLY"},
    ],
}


def _lines(box: RestrictionList) -> list[str]:
    return [box.item(i).text() for i in range(box.count())]


def test_each_fact_is_said_once(qtbot: QtBot) -> None:
    box = RestrictionList()
    qtbot.addWidget(box)
    box.show_licence(UK_OUT)
    assert _lines(box) == ["“UK OUT” — not in GB", "“EDITORIAL USE ONLY”"]


def test_facts_no_restriction_states_are_kept(qtbot: QtBot) -> None:
    box = RestrictionList()
    qtbot.addWidget(box)
    licence = dict(UK_OUT, excluded_territories=["GB", "IE"], valid_until="2027-01-31T23:59:00")
    licence["restrictions"] = [
        {"kind": "embargo", "text": "EMBARGOED UNTIL 00:01 GMT 1 JANUARY 2030",
         "until": "2030-01-01T00:01:00+00:00"},
        {"kind": "unparsed", "text": "NO SUNDAY TABLOIDS"},
    ]  # fmt: skip
    box.show_licence(licence)
    assert _lines(box) == [
        "editorial-only · not in GB, IE · until 2027-01-31 23:59",
        "“EMBARGOED UNTIL 00:01 GMT 1 JANUARY 2030” — embargoed until 2030-01-01 00:01",
        "“NO SUNDAY TABLOIDS” — not understood",
    ]
    assert box.unparsed() == ["“NO SUNDAY TABLOIDS” — not understood"]


def test_no_licence_is_said(qtbot: QtBot) -> None:
    box = RestrictionList()
    qtbot.addWidget(box)
    box.show_licence(None)
    assert _lines(box) == ["No licence recorded"]


def test_a_long_value_is_read_whole_in_the_tooltip(qtbot: QtBot) -> None:
    field = TextField("Special instructions")
    qtbot.addWidget(field)
    long = "EDITORIAL USE ONLY. NO MERCHANDISING. " * 6
    field.show_value(long)
    assert field.toolTip() == long
    field.show_value("UK OUT")
    assert field.toolTip() == ""
