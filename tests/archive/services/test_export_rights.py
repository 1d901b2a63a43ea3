"""Issue 22 item 3: an exported picture carries its licence as usage terms
(xmpRights:UsageTerms; IIM Special Instructions keep only what the agency wrote) and, when
the file has no copyright notice, the agency's default one (rule pack key `copyright`) — as
a profile option, shown in the check. exiftool reads the bundle back as the judge.

IPTC Photo Metadata Standard 2023.1: "Rights Usage Terms — the licensing parameters of the
image expressed in free-text" (XMP xmpRights:UsageTerms, no IIM equivalent); "Copyright
Notice" is IIM 2:116 and XMP dc:rights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from archive.handle import Archive
from archive.services.compliance import ComplianceService
from archive.services.exports import ExportRequest, ExportService
from archive.services.profiles import ProfileService
from tests.archive.services.test_export import exiftool
from tests.archive.services.test_live_check import SAMPLE, import_sample


def exported(bundle: Path, result: object) -> dict[int, dict[str, object]]:
    files = {f["photo_id"]: f["file"] for f in result.files}  # type: ignore[attr-defined]
    return {pid: exiftool(bundle / name) for pid, name in files.items()}


def test_export_writes_usage_terms_and_the_agencys_copyright(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = import_sample(archive)
    # Publishing in the US: the UK OUT picture may go, and must say UK OUT on the file.
    ProfileService(archive.sessions).add("web-US", territory="US", uses="editorial,web")
    picked = {s: ids[s] for s in ("01-getty", "02-wireimage", "04-uk-out", "06-reuters", "07-ap")}
    bundle = tmp_path / "bundle"
    result = ExportService(archive).export(
        ExportRequest(ids=list(picked.values()), target=bundle, profile="web-US")
    )
    assert not result.blocked, result.report.as_json()
    tags = exported(bundle, result)

    uk = tags[picked["04-uk-out"]]
    assert "Not licensed in: GB." in uk["XMP-xmpRights:UsageTerms"]
    assert "Restrictions: UK OUT" in uk["XMP-xmpRights:UsageTerms"]
    assert uk["IPTC:SpecialInstructions"] == "UK OUT"  # only what the agency wrote

    getty = tags[picked["01-getty"]]
    assert getty["XMP-xmpRights:UsageTerms"].startswith("Editorial use only.")
    assert getty["IPTC:SpecialInstructions"] == "EDITORIAL USE ONLY"
    # The sample was taken on 14 March 2026; Getty's form is "<year> Getty Images".
    assert getty["IPTC:CopyrightNotice"] == "2026 Getty Images"
    assert getty["XMP-dc:Rights"] == "2026 Getty Images"
    # WireImage has no form of its own: its distributor's.
    assert tags[picked["02-wireimage"]]["IPTC:CopyrightNotice"] == "2026 Getty Images"
    assert tags[picked["07-ap"]]["IPTC:CopyrightNotice"] == (
        "2026 The Associated Press. All rights reserved."
    )
    assert "IPTC:CopyrightNotice" not in tags[picked["06-reuters"]]  # no form: nothing invented

    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    by_id = {p["photo_id"]: p for p in manifest["photos"]}
    assert by_id[picked["01-getty"]]["copyright"] == "2026 Getty Images"
    assert "UK OUT" in by_id[picked["04-uk-out"]]["usage_terms"]

    # The sources are evidence: untouched.
    assert exiftool(SAMPLE / "01-getty.jpg").get("IPTC:CopyrightNotice") is None


def test_the_check_shows_it_and_the_profile_turns_it_off(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = import_sample(archive)
    getty = ids["01-getty"]
    ProfileService(archive.sessions).add("web-US", territory="US", uses="editorial,web")
    report = ComplianceService(archive.sessions).check([getty], "web-US", record=False)
    rights = report.as_json()["photos"][0]["export_rights"]
    assert rights["copyright"] == "2026 Getty Images" and rights["copyright_added"] is True
    assert rights["usage_terms_added"] is True

    arc = ["--archive", str(archive.folder), "--db", archive.db_url]
    assert main([*arc, "check", str(getty), "--profile", "web-US"]) == 0
    out = capsys.readouterr().out
    assert "export writes copyright: 2026 Getty Images (agency default)" in out
    assert "export writes usage terms: Editorial use only." in out

    code = main([*arc, "profiles", "edit", "web-US", "--rights-on-export", "no", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["rights_on_export"] is False
    report = ComplianceService(archive.sessions).check([getty], "web-US", record=False)
    assert "export_rights" not in report.as_json()["photos"][0]
    bundle = tmp_path / "plain"
    result = ExportService(archive).export(
        ExportRequest(ids=[getty], target=bundle, profile="web-US")
    )
    (tags,) = exported(bundle, result).values()
    assert "IPTC:CopyrightNotice" not in tags and "XMP-xmpRights:UsageTerms" not in tags
    assert tags["IPTC:SpecialInstructions"] == "EDITORIAL USE ONLY"
