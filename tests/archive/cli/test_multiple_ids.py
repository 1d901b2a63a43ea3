"""Issue 18 item 17: every command that takes IDS takes them as people type them — several
arguments, ranges, comma lists, or --query — and item 11: exported file names carry the
photo id, so file ↔ photo matches at a glance in the bundle and its manifest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archive.cli import main

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample"


@pytest.fixture
def arc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--archive", str(tmp_path / "archive")]
    assert main([*args, "import", str(SAMPLE), "--event", "Sample Premiere", "--jobs", "1"]) == 0
    capsys.readouterr()
    return args


def test_edit_takes_several_id_arguments(arc: list[str], capsys: pytest.CaptureFixture[str]):
    assert main([*arc, "edit", "3", "4", "--headline", "Red carpet", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["photo_ids"] == [3, 4]
    assert main([*arc, "edit", "1-2", "6,7", "8", "--headline", "Arrivals", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["photo_ids"] == [1, 2, 6, 7, 8]
    assert main([*arc, "edit", "--query", "person:ada", "--keyword", "Ada", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["photo_ids"]) >= 2
    # Both or neither is still a usage error that says what to do.
    assert main([*arc, "edit", "3", "--query", "ada", "--headline", "x"]) == 2
    assert "either by IDS or by --query" in capsys.readouterr().err
    assert main([*arc, "edit", "3", "x7", "--headline", "x"]) == 2
    assert "not a photo id or range: 'x7'" in capsys.readouterr().err


def test_check_and_licence_take_several_ids(arc: list[str], capsys: pytest.CaptureFixture[str]):
    assert main([*arc, "check", "3", "4", "5", "--json"]) == 1  # 4 and 5 are blocked
    report = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in report["photos"]] == [3, 4, 5]
    assert main([*arc, "licence", "1", "2", "--reference", "INV-1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["photo_ids"] == [1, 2]


def test_export_takes_several_ids_and_names_files_by_photo_id(
    arc: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bundle"
    # Samples 3 and 12 carry credits the check proposes to complete (issue 12): apply them first.
    assert main([*arc, "credit", "fix", "3", "12"]) == 0
    capsys.readouterr()
    assert main([*arc, "export", "3", "7", "12", "--to", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    files = {f["photo_id"]: f["file"] for f in result["files"]}
    assert sorted(files) == [3, 7, 12]
    for pid, name in files.items():
        assert re.search(rf"_id{pid}\.jpg$", name), name
        assert (out / name).is_file()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {p["photo_id"]: p["file"] for p in manifest["photos"]} == files


def test_export_the_clear_pictures_and_leave_the_blocked_ones(
    arc: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sample 3's credit is completed first (issue 12), so that it is the clear one.
    assert main([*arc, "credit", "fix", "3"]) == 0
    capsys.readouterr()
    # Issue 18 item 8: not all or nothing. Without the flag nothing is written…
    assert main([*arc, "export", "3-5", "--to", str(tmp_path / "none")]) == 1
    assert not (tmp_path / "none").exists()
    capsys.readouterr()
    # …with it the clear one goes out and the blocked ones are listed with their rules.
    out = tmp_path / "some"
    assert main([*arc, "export", "3-5", "--to", str(out), "--skip-blocked", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [f["photo_id"] for f in result["files"]] == [3]
    assert [(s["photo_id"], s["rules"]) for s in result["skipped"]] == [
        (4, ["territory"]),
        (5, ["credit-format", "credit-mismatch", "embargo"]),
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["photo_id"] for s in manifest["skipped"]] == [4, 5]
    # The human form says what was left out, too.
    out2 = tmp_path / "again"
    assert main([*arc, "export", "4", "3", "--to", str(out2), "--skip-blocked"]) == 0
    assert "left out: photo 4 blocked (territory)" in capsys.readouterr().out
