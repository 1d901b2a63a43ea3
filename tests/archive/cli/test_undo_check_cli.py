"""Issue 22 item 2 from the command line: `edit`, `undo` and `redo` leave the stored check
state right at once — `search status:blocked` (which reads it) follows each step."""

from __future__ import annotations

import json

import pytest

from archive.cli import main
from archive.handle import Archive
from tests.archive.services.test_live_check import import_sample


def blocked(capsys: pytest.CaptureFixture[str], arc: list[str]) -> set[int]:
    assert main([*arc, "search", "status:blocked", "--json", "--limit", "100"]) == 0
    return {p["id"] for p in json.loads(capsys.readouterr().out)["photos"]}


def test_edit_undo_redo_keep_the_check_state_right(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = import_sample(archive)
    bare = ids["09-no-credit"]
    arc = ["--archive", str(archive.folder), "--db", archive.db_url]
    assert bare in blocked(capsys, arc)

    assert main([*arc, "edit", str(bare), "--credit", "Sara Lind/Getty Images"]) == 0
    capsys.readouterr()
    assert bare not in blocked(capsys, arc)
    assert main([*arc, "undo"]) == 0
    capsys.readouterr()
    assert bare in blocked(capsys, arc)  # the credit is gone: blocked again, at once
    assert main([*arc, "redo"]) == 0
    capsys.readouterr()
    assert bare not in blocked(capsys, arc)
