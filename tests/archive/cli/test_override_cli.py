"""Issue 22 item 1 from the command line: `override` refused without a finding (exit 2, a
message saying why), and a lapsed override shown by `check` and `check --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from archive.handle import Archive
from tests.archive.services.test_live_check import import_sample


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_override_needs_a_finding_and_lapses_when_the_licence_changes(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = import_sample(archive)
    arc = ["--archive", str(archive.folder), "--db", archive.db_url]
    getty, uk = str(ids["01-getty"]), str(ids["04-uk-out"])

    code, out, err = cli(capsys, *arc, "override", getty, "territory", "--reason", "In advance")
    assert code == EXIT_USAGE and out == ""
    assert f"photo {getty} has no territory finding" in err and "nothing to override" in err

    code, out, _ = cli(
        capsys, *arc, "override", uk, "territory", "--reason", "Cleared, ref 4471", "--json"
    )
    assert code == EXIT_OK
    row = json.loads(out)
    assert row["facts"]["territory"] == "GB" and row["rule"] == "territory"
    assert cli(capsys, *arc, "check", uk)[0] == EXIT_OK

    code, _, _ = cli(capsys, *arc, "licence", uk, "--exclude-territory", "FR")
    assert code == EXIT_OK
    code, out, _ = cli(capsys, *arc, "check", uk, "--json")
    assert code == EXIT_ERROR
    (finding,) = json.loads(out)["photos"][0]["findings"]
    assert finding["rule"] == "territory" and finding["override_lapsed"] is True
    assert finding["override_note"] == "override no longer applies"
    assert finding["lapsed_reason"] == "Cleared, ref 4471"

    code, out, _ = cli(capsys, *arc, "check", uk)
    assert code == EXIT_ERROR
    assert "(override no longer applies: it was given for territory GB" in out
    assert "Cleared, ref 4471" in out
    assert f"photo {uk}: blocked" in out


def test_override_of_an_unknown_photo_or_rule_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = ["--archive", str(tmp_path / "arc")]
    assert cli(capsys, *arc, "override", "99", "territory", "--reason", "x")[0] == EXIT_ERROR
    assert cli(capsys, *arc, "override", "99", "no-such-rule", "--reason", "x")[0] == EXIT_USAGE
