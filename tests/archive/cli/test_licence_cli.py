"""`creditdesk licence`: --if-version like `edit` (exit 4 on a stale version), and `undo` /
`redo` take licence changes back and forth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from tests.factories import winslet_getty, winslet_wireimage, write_photo


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_licence_version_check_and_undo(
    tmp_path: Path, db_url: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = ("--archive", str(tmp_path / "arc"), *(("--db", db_url) if db_url else ()))
    write_photo(tmp_path / "in" / "g.jpg", winslet_getty(), seed=611)
    write_photo(tmp_path / "in" / "w.jpg", winslet_wireimage(), seed=612)
    code, out, _ = run(capsys, *arc, "import", str(tmp_path / "in"), "--json", "--jobs", "1")
    assert code == 0
    pid, other = json.loads(out)["photo_ids"]

    def shown() -> dict:
        return json.loads(run(capsys, *arc, "show", str(pid), "--json")[1])

    before = shown()
    version = str(before["version"])
    code, out, _ = run(
        capsys, *arc, "licence", str(pid), "--exclude-territory", "GB", "--if-version", version
    )
    assert code == 0 and "licence updated on 1 photos" in out
    assert shown()["version"] == before["version"] + 1
    code, _, err = run(
        capsys, *arc, "licence", str(pid), "--kind", "royalty-free", "--if-version", version
    )
    assert code == 4 and "conflict" in err
    code, _, err = run(
        capsys, *arc, "licence", f"{pid},{other}", "--kind", "staff", "--if-version", version
    )
    assert code == 2 and "--if-version needs exactly one photo" in err
    assert shown()["licence"]["excluded_territories"] == ["GB"]
    assert shown()["licence"]["kind"] == before["licence"]["kind"]

    def uk_out() -> list[int]:
        code, out, _ = run(capsys, *arc, "search", "restriction:uk-out", "--json")
        assert code == 0
        return list(json.loads(out)["ids"])

    assert uk_out() == [pid]
    code, out, _ = run(capsys, *arc, "undo")
    assert code == 0 and out.strip() == "undo: 1 changes to 1 photos"
    assert shown()["licence"] == before["licence"]
    assert uk_out() == []
    code, out, _ = run(capsys, *arc, "redo", "--json")
    assert code == 0 and json.loads(out)["changes"] == 1
    assert shown()["licence"]["excluded_territories"] == ["GB"]
    assert uk_out() == [pid]
