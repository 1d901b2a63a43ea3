"""The editorial CLI as the issue spells it: people/events/credit/edit/history/undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from tests.factories import BAFTA, winslet_getty, winslet_wireimage, write_photo

GOLDEN = (
    "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with P&O Cruises "
    "at The Royal Festival Hall on May 14, 2023 in London, England."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_editorial_workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = ("--archive", str(tmp_path / "arc"))
    write_photo(tmp_path / "in" / "g.jpg", winslet_getty(), seed=401)
    write_photo(tmp_path / "in" / "w.jpg", winslet_wireimage(), seed=402)
    code, out, _ = run(capsys, *arc, "import", str(tmp_path / "in"), "--json", "--jobs", "1")
    ids = json.loads(out)["photo_ids"]

    code, out, _ = run(
        capsys, *arc, "people", "add", "Olivia Colman", "--alias", "Sarah Caroline Colman", "--json"
    )
    assert code == 0 and json.loads(out)["aliases"] == ["Sarah Caroline Colman"]
    venue = ("--venue", "The Royal Festival Hall", "--city", "London", "--country", "England")
    code, _, _ = run(capsys, *arc, "events", "edit", BAFTA, "--date", "2023-05-14", *venue)
    assert code == 0
    code, out, _ = run(
        capsys,
        *arc,
        "events",
        "add",
        "2022 BAFTA Television Awards",
        "--date",
        "2022-05-08",
        "--json",
    )
    assert json.loads(out)["date"] == "2022-05-08"

    all_ids = ",".join(map(str, ids))
    assert run(capsys, *arc, "edit", all_ids, "--caption", "draft")[0] == 0
    code, out, _ = run(capsys, *arc, "edit", all_ids, "--template", "getty-event", "--json")
    assert code == 0 and json.loads(out)["changes"] >= 1
    captions = {json.loads(run(capsys, *arc, "show", str(i), "--json")[1])["caption"] for i in ids}
    assert GOLDEN in captions

    code, _, err = run(capsys, *arc, "edit", str(ids[0]), "--person", "Nobody Known")
    assert code == 1 and "--create" in err
    code, out, _ = run(
        capsys,
        *arc,
        "edit",
        str(ids[0]),
        "--person",
        "sarah caroline colman",
        "--keyword",
        "BAFTA",
        "--json",
    )
    shown = json.loads(run(capsys, *arc, "show", str(ids[0]), "--json")[1])
    assert "Olivia Colman" in shown["people"] and "BAFTA" in shown["keywords"]

    code, out, _ = run(
        capsys,
        *arc,
        "edit",
        str(ids[1]),
        "--photographer",
        "Dave Benett",
        "--agency",
        "WireImage",
        "--json",
    )
    shown = json.loads(run(capsys, *arc, "show", str(ids[1]), "--json")[1])
    assert shown["credit_line"] == "Dave Benett/WireImage/Getty Images"

    code, out, _ = run(capsys, *arc, "history", str(ids[1]), "--json")
    fields = [h["field"] for h in json.loads(out)]
    assert "credit_line" in fields and "photographer" in fields
    code, out, _ = run(capsys, *arc, "undo", "--json")
    assert code == 0
    shown = json.loads(run(capsys, *arc, "show", str(ids[1]), "--json")[1])
    assert shown["credit_line"] == "Mike Marsland/WireImage/Getty Images"

    version = shown["version"]
    assert (
        run(capsys, *arc, "edit", str(ids[1]), "--caption", "A", "--if-version", str(version))[0]
        == 0
    )
    code, _, err = run(
        capsys, *arc, "edit", str(ids[1]), "--caption", "B", "--if-version", str(version)
    )
    assert code == 4 and "conflict" in err

    code, out, _ = run(capsys, *arc, "people", "list", "--json")
    assert {p["name"] for p in json.loads(out)} >= {
        "Kate Winslet",
        "Mia Threapleton",
        "Olivia Colman",
    }
    code, out, _ = run(capsys, *arc, "people", "merge", "Kate Winslet", "Mia Threapleton", "--json")
    assert json.loads(out)["photos"] == 2
    for kind in ("events", "agencies", "photographers"):
        assert run(capsys, *arc, kind, "list", "--json")[0] == 0

    assert run(capsys, *arc, "edit", "1-x", "--caption", "x")[0] == 2
    assert run(capsys, *arc, "edit", all_ids)[0] == 2  # nothing to change


def test_credit_parse_and_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    arc = ("--archive", str(tmp_path / "arc"))
    code, out, _ = run(capsys, *arc, "credit", "parse", "Mike Marsland/WireImage", "--json")
    parsed = json.loads(out)
    assert code == 0
    assert (parsed["photographer"], parsed["agency"], parsed["canonical"]) == (
        "Mike Marsland",
        "WireImage",
        "Mike Marsland/WireImage/Getty Images",
    )
    code, out, _ = run(
        capsys, *arc, "credit", "parse", "Getty Images", "--byline", "Joe Maher", "--json"
    )
    assert json.loads(out)["canonical"] == "Joe Maher/Getty Images"
    code, out, _ = run(
        capsys, *arc, "credit", "format", "--photographer", "Joe Maher", "--agency", "Getty Images"
    )
    assert out.strip() == "Joe Maher/Getty Images"
    code, out, _ = run(
        capsys,
        *arc,
        "credit",
        "format",
        "--photographer",
        "Jeff Spicer",
        "--agency",
        "Getty Images commissioned",
        "--provider",
        "BAFTA",
    )
    assert out.strip() == "Jeff Spicer/Getty Images for BAFTA"
