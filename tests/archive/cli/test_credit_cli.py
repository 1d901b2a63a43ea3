"""Issue 12 from the command line: import keeps what the agency embedded, `show`, `credit parse`
and `check` agree on the parties and the line to publish, `credit fix` applies it (undoably).

The rows are issue 12's table (real agency credit lines; sources in tests/archive/credits/
test_credit_cases.py) and the bundled sample event.
"""

# ruff: noqa: E501
# (One table row per line reads better than the formatter's explosion of each tuple.)

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archive.cli import main
from tests.factories import Agency, write_photo

# (Credit, By-line, Source) → (photographer, publish, rules the check raises)
# fmt: off
ISSUE_TABLE = [
    (("Jose Breton/NurPhoto/Shutterstock", None, None), ("Jose Breton", "Jose Breton/NurPhoto/Shutterstock", set())),
    (("Ben Blackall/Netflix/PA Wire", None, None), ("Ben Blackall", "Ben Blackall/Netflix/PA Wire", set())),
    (("AFP/Getty Images", "Ilyas Akengin", None), ("Ilyas Akengin", "Ilyas Akengin/AFP via Getty Images", {"credit-mismatch", "credit-format"})),
    (("PA Wire/PA Images", "Murdo MacLeod", None), ("Murdo MacLeod", "Murdo MacLeod/PA Wire", {"credit-mismatch", "credit-format"})),
    (("Mike Harlan/Getty", "Mike Harlan", "WireImage"), ("Mike Harlan", "Mike Harlan/WireImage/Getty Images", {"credit-mismatch", "credit-format"})),
    (("Lehtikuva/AP", None, None), (None, "Lehtikuva via AP", {"credit-format"})),
    (("Action Images/Reuters", None, None), (None, "Action Images/Reuters", set())),
    (("Ella Ling/BPI/REX", None, None), ("Ella Ling", "Ella Ling/BPI/Shutterstock", {"credit-format"})),
    (("ABC/NYT/AP", None, None), (None, "ABC/NYT/AP", set())),
]
# fmt: on
CREDIT_RULES = {"credit-format", "credit-mismatch", "credit-missing", "photographer-missing"}
SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "sample"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return code, out


def _import(capsys: pytest.CaptureFixture[str], arc: tuple[str, ...], folder: Path) -> list[int]:
    _, out = run(capsys, *arc, "import", str(folder), "--json", "--jobs", "1")
    return list(json.loads(out)["photo_ids"])


def _check(capsys: pytest.CaptureFixture[str], arc: tuple[str, ...], ids: str) -> dict[int, Any]:
    code = main([*arc, "check", ids, "--json"])  # exit 1 while any picture is blocked
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return {p["id"]: p for p in json.loads(out)["photos"]}


def test_issue_table_import_show_parse_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = ("--archive", str(tmp_path / "arc"))
    for n, ((credit, byline, source), _) in enumerate(ISSUE_TABLE):
        meta = Agency(
            credit=credit, byline=byline, source=source, instructions="EDITORIAL USE ONLY"
        )
        meta.caption = "Jane Example arrives at the premiere in London, England, on Monday."
        write_photo(tmp_path / "in" / f"{n:02}.jpg", meta, seed=1200 + n)
    ids = _import(capsys, arc, tmp_path / "in")
    checks = _check(capsys, arc, ",".join(map(str, ids)))
    for pid in ids:
        _, out = run(capsys, *arc, "show", str(pid), "--json")
        shown = json.loads(out)
        n = int(Path(shown["source_paths"][0]).stem)
        (credit, byline, source), (photographer, publish, rules) = ISSUE_TABLE[n]
        assert shown["credit_line"] == credit, "import keeps the agency's line verbatim"
        assert shown["photographer"] == photographer
        args = (
            [credit] + [f"--byline={byline}"] * bool(byline) + [f"--source={source}"] * bool(source)
        )
        _, out = run(capsys, "credit", "parse", *args, "--json")
        parsed = json.loads(out)
        assert parsed["proposed"] == publish, credit
        assert {f["rule"] for f in parsed["findings"]} == rules, credit
        found = {f["rule"] for f in checks[pid]["findings"]} & CREDIT_RULES
        assert found == rules, (credit, checks[pid]["findings"])
        assert {f["fix"] for f in checks[pid]["findings"] if f["rule"] in rules} <= {
            f"Change the credit line to '{publish}'."
        }


def test_byline_with_agency_is_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = ("--archive", str(tmp_path / "arc"))
    write_photo(tmp_path / "in" / "a.jpg", Agency(byline="Philip Glass via Barcroft Media"), seed=9)
    write_photo(tmp_path / "in" / "b.jpg", Agency(credit="Allstar", byline="David Gadd/Allstar"))
    ids = _import(capsys, arc, tmp_path / "in")
    shown = {}
    for pid in ids:
        _, out = run(capsys, *arc, "show", str(pid), "--json")
        detail = json.loads(out)
        shown[Path(detail["source_paths"][0]).stem] = detail
    assert (shown["a"]["photographer"], shown["a"]["agency"]) == ("Philip Glass", "Barcroft Media")
    assert (shown["b"]["photographer"], shown["b"]["agency"]) == ("David Gadd", "Allstar")
    assert shown["b"]["credit_line"] == "Allstar"  # kept; the check proposes "David Gadd/Allstar"
    _, out = run(capsys, *arc, "photographers", "list", "--json")
    assert {p["name"] for p in json.loads(out)} == {"Philip Glass", "David Gadd"}


# What the check says about each bundled sample right after import (credit rules only).
SAMPLE_CHECK = {
    "01-getty": {"credit-mismatch", "credit-format"},  # Credit "Getty Images" + By-line
    "02-wireimage": set(),
    "03-wireimage-short": {"credit-mismatch", "credit-format"},  # issue 12: must be flagged
    "04-uk-out": set(),
    "05-embargo": {"credit-mismatch", "credit-format"},
    "06-reuters": set(),
    "07-ap": set(),
    "08-pa": {"credit-format"},  # "Ian Moss/PA Images": PA's form is "Name/PA Wire"
    "09-no-credit": {"credit-missing"},
    "10-unparsed": {"credit-mismatch", "credit-format"},
    "11-filmmagic": {"credit-format"},  # Getty's short form; the house style adds the licensor
    "12-getty-inside": {"credit-mismatch", "credit-format"},
}


def test_bundled_samples_and_credit_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = ("--archive", str(tmp_path / "arc"))
    ids = _import(capsys, arc, SAMPLES)
    names: dict[int, str] = {}
    for pid in ids:
        _, out = run(capsys, *arc, "show", str(pid), "--json")
        names[pid] = Path(json.loads(out)["source_paths"][0]).stem
    checks = _check(capsys, arc, ",".join(map(str, ids)))
    said = {names[p]: {f["rule"] for f in c["findings"]} & CREDIT_RULES for p, c in checks.items()}
    assert said == SAMPLE_CHECK
    short = next(p for p, n in names.items() if n == "03-wireimage-short")
    assert checks[short]["status"] == "blocked"
    _, out = run(capsys, *arc, "show", str(short), "--json")
    assert json.loads(out)["credit_line"] == "Mike Harlan/Getty"  # kept as embedded

    # Example 1: fix one photo by id; the history records it and undo reverts it.
    _, out = run(capsys, *arc, "credit", "fix", str(short), "--json")
    fixed = json.loads(out)
    assert fixed["fixed"] == 1 and fixed["photos"][0]["new"] == "Mike Harlan/WireImage/Getty Images"
    _, out = run(capsys, *arc, "show", str(short), "--json")
    detail = json.loads(out)
    assert (detail["credit_line"], detail["agency"]) == (
        "Mike Harlan/WireImage/Getty Images",
        "WireImage",
    )
    _, out = run(capsys, *arc, "history", str(short), "--json")
    assert any(e["field"] == "credit_line" for e in json.loads(out))
    run(capsys, *arc, "undo")
    _, out = run(capsys, *arc, "show", str(short), "--json")
    assert json.loads(out)["credit_line"] == "Mike Harlan/Getty"

    # Example 2: fix every Getty picture of the event at once, by query; then they are clear.
    _, out = run(capsys, *arc, "credit", "fix", "--query", "agency:getty", "--json")
    batch = json.loads(out)
    assert batch["fixed"] >= 5 and len({batch["batch"]}) == 1
    checks = _check(capsys, arc, ",".join(map(str, ids)))
    for pid, check in checks.items():
        rules = {f["rule"] for f in check["findings"]} & {"credit-format", "credit-mismatch"}
        if names[pid] not in ("08-pa",):
            assert rules == set(), (names[pid], check["findings"])


def test_credit_parse_prints_parties(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "credit", "parse", "Jose Breton/NurPhoto/Shutterstock")
    assert "creator: Jose Breton" in out and "collection: NurPhoto" in out
    assert "distributor: Shutterstock" in out and "check: clear" in out
    _, out = run(
        capsys,
        "credit",
        "explain",
        "--caption",
        "Mandatory Credit: Photo by Jose Breton/NurPhoto/Shutterstock (13916040a)",
    )
    assert "line to publish: Jose Breton/NurPhoto/Shutterstock" in out
