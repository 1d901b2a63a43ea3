"""The provenance rules on real imported files, through the CLI (issue #19 §4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.archive.provenance.conftest import Signed, archive_args, cli_json, trusting


def _import(capsys: pytest.CaptureFixture[str], arc: list[str], files: list[Path], src: Path):
    src.mkdir()
    for path in files:
        shutil.copy(path, src / path.name)
    code, result = cli_json(capsys, *arc, "import", str(src), "--json", "--jobs", "2")
    assert code == 0, result
    ids = {}
    for pid in result["photo_ids"]:  # type: ignore[index]
        _, detail = cli_json(capsys, *arc, "show", str(pid), "--json")
        ids[Path(detail["source_paths"][0]).stem] = pid  # type: ignore[index]
    return ids


def _rules(capsys: pytest.CaptureFixture[str], arc: list[str], pid: int, *more: str):
    _code, report = cli_json(capsys, *arc, "check", str(pid), "--json", *more)
    return {f["rule"]: f for f in report["photos"][0]["findings"]}  # type: ignore[index]


def test_generated_and_broken_pictures_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None, signed: Signed
) -> None:
    arc = archive_args(trusting(tmp_path / "arc", signed.chain), db_url)
    kinds = ["valid", "ai", "untrusted", "pixels", "manifest"]
    ids = _import(capsys, arc, [signed.files[k] for k in kinds], tmp_path / "in")

    ai = _rules(capsys, arc, ids["ai"])
    assert ai["ai-generated"]["severity"] == "error" and ai["ai-generated"]["hard"]
    assert "provenance-invalid" not in ai  # its credentials are valid: it says what it is
    assert "ai-generated" not in _rules(capsys, arc, ids["valid"])
    assert "provenance-invalid" not in _rules(capsys, arc, ids["valid"])
    for kind, code in (
        ("untrusted", "signingCredential.untrusted"),
        ("pixels", "assertion.dataHash.mismatch"),
        ("manifest", "claimSignature.mismatch"),
    ):
        finding = _rules(capsys, arc, ids[kind])["provenance-invalid"]
        assert finding["severity"] == "warning" and code in finding["message"], finding

    # A desk that runs labelled illustrations: the caption's label clears the hard rule.
    code, _ = cli_json(
        capsys,
        *arc,
        "profiles",
        "edit",
        "editorial-web-GB",
        "--provenance",
        "labelled_illustrations=yes",
        "--provenance",
        "ai_label=(AI-generated image)",
        "--json",
    )
    assert code == 0
    assert "does not carry the label" in _rules(capsys, arc, ids["ai"])["ai-generated"]["message"]
    code, _ = cli_json(
        capsys,
        *arc,
        "edit",
        str(ids["ai"]),
        "--caption",
        "A harbour at dawn imagined by a model (AI-generated image)",
        "--json",
    )
    assert code == 0
    assert "ai-generated" not in _rules(capsys, arc, ids["ai"])


def test_profile_settings_are_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = archive_args(tmp_path / "arc", None)
    code, out = cli_json(capsys, *arc, "profiles", "show", "editorial-web-GB", "--json")
    assert out["provenance"] == {  # type: ignore[index]
        "labelled_illustrations": False,
        "ai_label": "(AI-generated image)",
        "credentials": "keep-or-remove",
    }
    code = __import__("archive.cli", fromlist=["main"]).main(
        [*arc, "profiles", "edit", "editorial-web-GB", "--provenance", "credentials=shred"]
    )
    err = capsys.readouterr().err
    assert code != 0 and "keep-or-remove, remove, sign" in err
