"""`creditdesk search` and `creditdesk reindex`: flags, JSON keys and exit codes are a contract."""

from __future__ import annotations

import json

import pytest

from archive.cli import main
from archive.handle import Archive
from tests.archive.search.conftest import build


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_table_and_errors(
    archive: Archive, db_url: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = build(archive)
    arc = ["--archive", str(archive.folder)] + (["--db", db_url] if db_url else [])

    code, out, _ = cli(capsys, *arc, "search", 'person:"kate winslet" agency:getty', "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"total", "ids", "photos", "facets"}
    assert data["total"] == 2 and data["ids"] == [photo["wire"], photo["getty"]]
    assert data["facets"] is None
    assert [p["id"] for p in data["photos"]] == data["ids"]
    assert set(data["photos"][0]) == {"id", "taken_at", "caption", "credit_line", "people", "event"}
    assert data["photos"][1]["people"] == ["Kate Winslet", "Mia Threapleton"]

    code, out, _ = cli(
        capsys, *arc, "search", "kate", "--limit", "1", "--offset", "1", "--json", "--facets"
    )
    data = json.loads(out)
    assert data["total"] == 3 and data["ids"] == [photo["getty"]]
    assert set(data["facets"]) == {"events", "people", "agencies", "photographers", "years"}
    assert {"id": 2023, "name": "2023", "count": 3} in data["facets"]["years"]

    code, out, _ = cli(capsys, *arc, "search", "--", "person:kate", "-winslet")  # joined
    assert code == 0
    assert out.splitlines()[0].startswith("1 photos")
    assert "Kate Moss" in out and "Evan Agostini/Invision/AP" in out

    code, out, err = cli(capsys, *arc, "search", "kate (mia OR")
    assert code == 2 and out == ""
    assert "bad query" in err
    lines = err.splitlines()
    assert lines[1] == "  kate (mia OR" and lines[2] == "  " + " " * 10 + "^"

    code, _, err = cli(capsys, *arc, "search", "exported:maybe")
    assert code == 2 and "exported: is yes or no" in err

    code, out, _ = cli(capsys, *arc, "reindex")
    assert code == 0 and out.strip() == "reindexed 6 photos"
    code, out, _ = cli(capsys, *arc, "search", "lodz", "--json")
    assert json.loads(out)["ids"] == [photo["lodz"]]
