"""Issue 12's credit case table: embedded Credit / By-line / Source / caption → parties, the line
to publish, and the findings. Two parts:

* CASES: literal rows, each group with its source (agencies' published credit guidelines, the
  real lines of issue 12's table, the seed's two Getty lines).
* PER_AGENCY: for every agency of the bundled pack, five rows built from the published form the
  pack cites for it (its `source` key): a photographer line, a brand line (no photographer),
  a pool/handout line, the same line cut at IIM's 32 bytes, and a misspelling from the pack.
"""

# ruff: noqa: E501
# (One table row per line reads better than the formatter's explosion of each tuple.)

from __future__ import annotations

import pytest

from archive.credits import load_registry
from archive.credits.evidence import Evidence, read_credit
from archive.credits.patterns import PHOTOGRAPHER

FMT, MIS = "credit-format", "credit-mismatch"

# (credit, byline, source, caption) → (parties "role:name|…", line to publish, findings)
# fmt: off
CASES: list[tuple[tuple[str | None, str | None, str | None, str | None], tuple[str, str | None, set[str]]]] = [
    # Issue 12's table (real lines received by a UK desk)
    (("Jose Breton/NurPhoto/Shutterstock", None, None, None), ("creator:Jose Breton|collection:NurPhoto|distributor:Shutterstock", "Jose Breton/NurPhoto/Shutterstock", set())),
    (("Ben Blackall/Netflix/PA Wire", None, None, None), ("creator:Ben Blackall|client:Netflix|distributor:PA Wire", "Ben Blackall/Netflix/PA Wire", set())),
    (("AFP/Getty Images", "Ilyas Akengin", None, None), ("creator:Ilyas Akengin|collection:AFP|distributor:Getty Images", "Ilyas Akengin/AFP via Getty Images", {MIS, FMT})),
    (("PA Wire/PA Images", "Murdo MacLeod", None, None), ("creator:Murdo MacLeod|distributor:PA Wire", "Murdo MacLeod/PA Wire", {MIS, FMT})),
    (("Mike Harlan/Getty", "Mike Harlan", "WireImage", None), ("creator:Mike Harlan|collection:WireImage|distributor:Getty Images", "Mike Harlan/WireImage/Getty Images", {MIS, FMT})),
    (("Lehtikuva/AP", None, None, None), ("collection:Lehtikuva|distributor:AP", "Lehtikuva via AP", {FMT})),
    (("Action Images/Reuters", None, None, None), ("collection:Action Images|distributor:REUTERS", "Action Images/Reuters", set())),
    (("Ella Ling/BPI/REX", None, None, None), ("creator:Ella Ling|collection:BPI|distributor:Shutterstock", "Ella Ling/BPI/Shutterstock", {FMT})),
    (("ABC/NYT/AP", None, None, None), ("client:ABC|collection:NYT|distributor:AP", "ABC/NYT/AP", set())),
    ((None, "Philip Glass via Barcroft Media", None, None), ("creator:Philip Glass|distributor:Barcroft Media", "Philip Glass/Barcroft Media", set())),
    # The seed's two Getty lines (README) and Getty's own embedding: Credit "Getty Images" + By-line
    (("Joe Maher/Getty Images", None, None, None), ("creator:Joe Maher|distributor:Getty Images", "Joe Maher/Getty Images", set())),
    (("Mike Marsland/WireImage/Getty Images", None, None, None), ("creator:Mike Marsland|collection:WireImage|distributor:Getty Images", "Mike Marsland/WireImage/Getty Images", set())),
    (("Getty Images", "Joe Maher", "Getty Images Europe", None), ("creator:Joe Maher|distributor:Getty Images", "Joe Maher/Getty Images", {MIS})),
    (("Mike Marsland/WireImage/Getty Im", "Mike Marsland", "WireImage", None), ("creator:Mike Marsland|collection:WireImage|distributor:Getty Images", "Mike Marsland/WireImage/Getty Images", set())),
    # Getty Images editorial standards (gettyimages.fi/company/editorial-policy): partner and assignment forms
    (("Getty Images", "JOHN MACDOUGALL", "AFP", None), ("creator:JOHN MACDOUGALL|collection:AFP|distributor:Getty Images", "JOHN MACDOUGALL/AFP via Getty Images", {MIS})),
    (("Jose Breton/NurPhoto via Getty Images", None, None, None), ("creator:Jose Breton|collection:NurPhoto|distributor:Getty Images", "Jose Breton/NurPhoto via Getty Images", set())),
    (("Jane Doe/SOPA Images/LightRocket via Getty Images", None, None, None), ("creator:Jane Doe|collection:SOPA Images|collection:LightRocket|distributor:Getty Images", "Jane Doe/SOPA Images/LightRocket via Getty Images", set())),
    (("Dave Benett/Getty Images for BAFTA", None, None, None), ("creator:Dave Benett|distributor:Getty Images|client:BAFTA", "Dave Benett/Getty Images for BAFTA", set())),
    (("Chris Jackson - WPA Pool/Getty Images", None, None, None), ("creator:Chris Jackson|creator:WPA Pool|distributor:Getty Images", "Chris Jackson - WPA Pool/Getty Images", set())),
    (("Handout/Getty Images", None, None, None), ("creator:Handout|distributor:Getty Images", "Handout/Getty Images", set())),
    # AP Stylebook 2017 photo section (gottesmanpr.com/2017/07/): "(AP Photo/Name)", "(Name/Source via AP)"
    (("AP Photo/Chris Pizzello", None, None, None), ("distributor:AP|creator:Chris Pizzello", "AP Photo/Chris Pizzello", set())),
    (("Brian Gottesman/The New York Times via AP", None, None, None), ("creator:Brian Gottesman|collection:NYT|distributor:AP", "Brian Gottesman/The New York Times via AP", set())),
    (("Evan Vucci/Pool via AP", None, None, None), ("creator:Evan Vucci|creator:Pool|distributor:AP", "Evan Vucci/Pool via AP", set())),
    (("Chris Pizzello/Invision/AP", None, None, None), ("creator:Chris Pizzello|collection:Invision|distributor:AP", "Chris Pizzello/Invision/AP", set())),
    (("AP Photo/Evan Vucci, File", None, None, None), ("distributor:AP|creator:Evan Vucci", "AP Photo/Evan Vucci", {FMT})),
    # Reuters Brand Attribution Guidelines (reutersagency.com): "REUTERS/Jane Doe"
    (("REUTERS/Hannah McKay", None, None, None), ("distributor:REUTERS|creator:Hannah McKay", "REUTERS/Hannah McKay", set())),
    (("Hannah McKay/Reuters", None, None, None), ("creator:Hannah McKay|distributor:REUTERS", "REUTERS/Hannah McKay", {FMT})),
    (("RETUERS/Hannah McKay", None, None, None), ("distributor:REUTERS|creator:Hannah McKay", "REUTERS/Hannah McKay", {FMT})),
    (("REUETRS/Hannah McKay", None, None, None), ("distributor:REUTERS|creator:Hannah McKay", "REUTERS/Hannah McKay", {FMT})),
    (("REUTERS", "Mario Anzuoni", "X90184", None), ("creator:Mario Anzuoni|distributor:REUTERS", "REUTERS/Mario Anzuoni", {MIS})),
    (("Action Images via Reuters/Andrew Couldridge", None, None, None), ("collection:Action Images|distributor:REUTERS|creator:Andrew Couldridge", "Action Images via Reuters/Andrew Couldridge", set())),
    (("REUTERS/Some Long Photographer N", "Some Long Photographer Name", None, None), ("distributor:REUTERS|creator:Some Long Photographer Name", "REUTERS/Some Long Photographer Name", set())),
    # Shutterstock support ("Artist's Name/Shutterstock") and caption instructions seen on Shutterstock editorial pictures
    ((None, None, None, "Spain, Madrid. Mandatory Credit: Photo by Jose Breton/NurPhoto/Shutterstock (13916040a)"), ("creator:Jose Breton|collection:NurPhoto|distributor:Shutterstock", "Jose Breton/NurPhoto/Shutterstock", set())),
    (("Jose Breton/Shutterstock", "Jose Breton", None, "Mandatory Credit: Photo by Jose Breton/NurPhoto/Shutterstock (13916040a)"), ("creator:Jose Breton|collection:NurPhoto|distributor:Shutterstock", "Jose Breton/NurPhoto/Shutterstock", {MIS})),
    (("Rob Latour/Shutterstock", None, None, None), ("creator:Rob Latour|distributor:Shutterstock", "Rob Latour/Shutterstock", set())),
    (("Neil Hall/EPA-EFE/Shutterstock", None, None, None), ("creator:Neil Hall|collection:EPA-EFE|distributor:Shutterstock", "Neil Hall/EPA-EFE/Shutterstock", set())),
    (("Stewart Cook/Variety/Shutterstock", None, None, None), ("creator:Stewart Cook|collection:Variety|distributor:Shutterstock", "Stewart Cook/Variety/Shutterstock", set())),
    (("WPA Pool/Shutterstock", None, None, None), ("creator:WPA Pool|distributor:Shutterstock", "WPA Pool/Shutterstock", set())),
    (("Ken McKay/REX/Shutterstock", None, None, None), ("creator:Ken McKay|collection:REX|distributor:Shutterstock", "Ken McKay/REX/Shutterstock", set())),
    (("Shuterstock", "Rob Latour", None, None), ("creator:Rob Latour|distributor:Shutterstock", "Rob Latour/Shutterstock", {MIS, FMT})),
    # PA's caption instruction "Photo credit should read: Name/PA Wire" (real PA pictures; PITFALLS)
    (("Martin Rickett/PA Wire", None, None, "Arsenal v Spurs. Photo credit should read: Martin Rickett/PA Wire."), ("creator:Martin Rickett|distributor:PA Wire", "Martin Rickett/PA Wire", set())),
    (("Martin Rickett/PA", None, None, "Photo credit should read: Martin Rickett/PA Wire"), ("creator:Martin Rickett|distributor:PA Wire", "Martin Rickett/PA Wire", {FMT})),
    ((None, "Martin Rickett", None, "Photo credit should read: Martin Rickett/PA Wire"), ("creator:Martin Rickett|distributor:PA Wire", "Martin Rickett/PA Wire", set())),
    (("PA Archive/Press Association Ima", "Ian West", None, None), ("creator:Ian West|distributor:PA Wire", "Ian West/PA Wire", {MIS, FMT})),
    (("Ian West/PA Wire", None, None, None), ("creator:Ian West|distributor:PA Wire", "Ian West/PA Wire", set())),
    # By-line carrying the agency (published lines "David Gadd/Allstar", "Philip Glass/Barcroft Media")
    (("Allstar", "David Gadd/Allstar", None, None), ("creator:David Gadd|distributor:Allstar", "David Gadd/Allstar", {MIS})),
    (("David Gadd/Allstar", "David Gadd/Allstar", None, None), ("creator:David Gadd|distributor:Allstar", "David Gadd/Allstar", set())),
    (("Barcroft Media", "Philip Glass via Barcroft Media", None, None), ("creator:Philip Glass|distributor:Barcroft Media", "Philip Glass/Barcroft Media", {MIS})),
    (("Getty Images", "Getty Images", None, None), ("distributor:Getty Images", "Getty Images", set())),
    # A photographer disagreeing with the By-line; another agency than the one that sent it
    (("Joe Maher/Getty Images", "Samir Hussein", None, None), ("creator:Joe Maher|distributor:Getty Images", "Joe Maher/Getty Images", {MIS})),
    # Handouts and sources (AP Stylebook handout policy; "Handout/Netflix")
    (("Handout", None, "Netflix", None), ("creator:Handout|client:Netflix", "Handout/Netflix", {MIS})),
    (("Handout/Netflix", None, None, None), ("creator:Handout|client:Netflix", "Handout/Netflix", set())),
    (("Netflix via AP", None, None, None), ("client:Netflix|distributor:AP", "Netflix via AP", set())),
    (("Jordan Strauss/Netflix via AP", None, None, None), ("creator:Jordan Strauss|client:Netflix|distributor:AP", "Jordan Strauss/Netflix via AP", set())),
    (("Handout/Netflix via AP", None, None, None), ("creator:Handout|client:Netflix|distributor:AP", "Handout/Netflix via AP", set())),
    (("@taylorswift/Instagram", None, None, None), ("creator:@taylorswift|distributor:Instagram", "@taylorswift/Instagram", set())),
    (("Pool via REUTERS/Toby Melville", None, None, None), ("creator:Pool|distributor:REUTERS|creator:Toby Melville", "Pool via REUTERS/Toby Melville", set())),
    (("Yonhap via REUTERS", None, None, None), ("collection:Yonhap|distributor:REUTERS", "Yonhap via REUTERS", set())),
    # USA TODAY Sports' hyphenated form (published lines "Kirby Lee-USA TODAY Sports")
    (("Kirby Lee-USA TODAY Sports", None, None, None), ("creator:Kirby Lee|distributor:USA TODAY Sports", "Kirby Lee-USA TODAY Sports", set())),
    # Unknown: nothing to propose, no finding the credit engine can make (agency-unknown says so)
    (("Something odd", "Jane Doe", None, None), ("creator:Jane Doe", None, set())),
    (("Jane Doe/Daily Planet", None, None, None), ("creator:Jane Doe|collection:Daily Planet", None, set())),
]
# fmt: on
REG = load_registry()
AGENCIES = [
    a
    for a in REG
    if a.role != "client"
    and a.name not in ("Staff", "Social media", "Handout")
    and not a.takes_provider
]
NAME = "Sam Carter"


def _parties(found: object) -> str:
    return "|".join(f"{p.role}:{p.name}" for p in found.parties)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("fields", "expected"), CASES, ids=lambda v: repr(v)[:70])
def test_literal_cases(fields: tuple[str | None, ...], expected: tuple[object, ...]) -> None:
    credit, byline, source, caption = fields
    found = read_credit(Evidence(credit=credit, byline=byline, source=source, caption=caption))
    parties, publish, findings = expected
    assert _parties(found) == parties
    assert found.proposed == publish
    assert {f.code for f in found.findings} == findings
    if findings:
        assert all(
            f.fix == f"Change the credit line to '{publish}'."
            for f in found.findings
            if f.code == FMT
        )


def _line(agency: str, person: str | None) -> str:
    spec = REG.require(agency)
    if person is None:
        return spec.anonymous_format or spec.format.replace("{" + PHOTOGRAPHER + "}", NAME)
    return spec.format.replace("{" + PHOTOGRAPHER + "}", person)


def _cut(text: str) -> str:
    data = text.encode()[:32]
    return data.decode("utf-8", "ignore")


PER_AGENCY: list[tuple[str, str]] = [
    (a.name, kind)
    for a in AGENCIES
    for kind in ("photographer", "brand", "pool", "iim", "misspelt")
]


@pytest.mark.parametrize(("agency", "kind"), PER_AGENCY)
def test_every_agency(agency: str, kind: str) -> None:
    spec = REG.require(agency)
    line = _line(agency, NAME)
    if kind == "photographer":
        found = read_credit(Evidence(credit=line, byline=NAME))
        assert found.proposed == line and found.clear, found.findings
        assert found.photographer == NAME and found.agency == agency
        assert found.parties[0].name == NAME or found.parties[-1].name == NAME
    elif kind == "brand":
        if spec.photographer_required:
            found = read_credit(Evidence(credit=_line(agency, None)))
            assert found.photographer is None
            return
        bare = spec.anonymous_format
        found = read_credit(Evidence(credit=bare))
        assert found.proposed == bare and found.clear and found.photographer is None, found
        assert found.agency == agency
    elif kind == "pool":
        found = read_credit(Evidence(credit=_line(agency, "Pool"), byline="Pool"))
        assert found.photographer is None  # a role, never a photographer
        assert any(p.kind == "pool" for p in found.parties)
        assert found.proposed is not None and "Pool" in found.proposed
    elif kind == "iim":
        # A name long enough that the 32-byte IIM copy loses the end of the line: three
        # characters of the last name (prefix forms, the By-line completes it) or of the
        # agency's name; an agency name too short to cut that way ends the line whole.
        head, _, tail = spec.format.partition("{" + PHOTOGRAPHER + "}")
        last = tail.rsplit("/", 1)[-1].rsplit(" ", 1)[-1] if tail else ""
        drop = 3 if not tail else max(0, min(3, len(last) - 3))
        size = 32 - len(head.encode()) - len(tail.encode()) + drop
        long_name = ("Alexandra Fotheringham Whitworth Smith" * 2)[:size].strip()
        full = _line(agency, long_name)
        cut = _cut(full)
        found = read_credit(Evidence(credit=cut, byline=long_name))
        assert found.line == full, (cut, found.line)
        assert found.truncated == (cut != full)
    else:
        wrong = spec.misspellings[0]
        names = [a for a in (spec.party, *spec.aliases) if "/" not in a and a in line]
        right = max(names, key=len)
        found = read_credit(Evidence(credit=line.replace(right, wrong, 1)))
        assert found.proposed == line
        assert FMT in {f.code for f in found.findings}
        assert any("misspelling" in f.message for f in found.findings)


def test_table_size_and_pack_size() -> None:
    # Issue 12: at least 300 cases and 80 agencies, brands and collections.
    assert len(CASES) + len(PER_AGENCY) >= 300
    assert len(AGENCIES) >= 80  # agencies, brands and collections (not clients or generic forms)
    assert all(
        a.source
        for a in REG
        if a.origin
        and "resources" in str(a.origin)
        and a.name not in ("Staff", "Handout", "Social media")
    )
