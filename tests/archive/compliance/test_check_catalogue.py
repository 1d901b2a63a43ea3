"""The check end to end: imported pictures, licences, profiles, overrides, the CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.cli import main
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.compliance import ComplianceService
from archive.services.credit_fix import CreditFixService
from archive.services.photos import PhotoService
from archive.services.profiles import ProfileService, parse_when
from tests.factories import Agency, winslet_getty, winslet_wireimage, write_photo


def imported(archive: Archive, *files: Path, fix: bool = True) -> list[int]:
    session = ImportSession(archive, list(files), ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed, session.report.failed
    if fix:
        # Import keeps Getty's Credit "Getty Images" as embedded; the editor applies the
        # proposed "Joe Maher/Getty Images" on purpose (`creditdesk credit fix`).
        CreditFixService(archive.sessions).fix(session.report.photo_ids)
    return session.report.photo_ids


def uk_out() -> Agency:
    meta = winslet_getty()
    meta.instructions = "EDITORIAL USE ONLY. UK OUT"
    return meta


def test_running_example_is_clear_under_editorial_web_gb(archive: Archive, tmp_path: Path) -> None:
    getty = winslet_getty()
    getty.credit = "Getty Images"  # as Getty's own files carry it, with the By-line beside it
    ids = imported(
        archive,
        write_photo(tmp_path / "g.jpg", getty, seed=501),
        write_photo(tmp_path / "w.jpg", winslet_wireimage(), seed=502),
        fix=False,
    )
    # As imported, Getty's bare Credit leaves out the By-line's photographer: not clear.
    first = ComplianceService(archive.sessions).check(ids, "editorial-web-GB").photos[0]
    errors = [f for f in first.findings if f.severity == "error"]
    assert {f.rule for f in errors} == {"credit-mismatch", "credit-format"}
    assert all("'Joe Maher/Getty Images'" in f.fix for f in errors)
    fixed = CreditFixService(archive.sessions).fix(ids)
    assert [(p.photo_id, p.reason) for p in fixed.photos] == [
        (ids[0], "fixed"),
        (ids[1], "already in form"),
    ]
    report = ComplianceService(archive.sessions).check(ids, "editorial-web-GB")
    assert [
        (p.status, [f.rule for f in p.findings if f.severity != "info"]) for p in report.photos
    ] == [
        ("clear", []),
        # The 36-byte WireImage credit: IIM's cut is announced in the check (issue 18 #10).
        ("warning", ["iim-truncation"]),
    ]
    assert report.errors == 0
    assert PhotoService(archive.sessions).detail(ids[0])["check"]["status"] == "clear"


def test_uk_out_blocked_for_gb_allowed_for_us(archive: Archive, tmp_path: Path) -> None:
    (pid,) = imported(archive, write_photo(tmp_path / "uk.jpg", uk_out(), seed=503))
    detail = PhotoService(archive.sessions).detail(pid)
    assert detail["licence"]["excluded_territories"] == ["GB"]
    assert "UK OUT" in detail["restrictions"]
    ProfileService(archive.sessions).add("editorial-web-US", territory="US", uses="editorial,web")
    service = ComplianceService(archive.sessions)
    gb = service.check([pid], "editorial-web-GB")
    assert gb.photos[0].status == "blocked"
    assert "territory" in {f.rule for f in gb.photos[0].findings if f.severity == "error"}
    assert service.check([pid], "editorial-web-US").photos[0].status == "clear"


def test_embargo_one_minute_either_side(archive: Archive, tmp_path: Path) -> None:
    meta = winslet_getty()
    meta.instructions = "EMBARGOED UNTIL 00:01 GMT 15 May 2023"
    (pid,) = imported(archive, write_photo(tmp_path / "e.jpg", meta, seed=504))
    service = ComplianceService(archive.sessions)
    before = service.check([pid], at=parse_when("2023-05-15T00:00:00Z"))
    after = service.check([pid], at=parse_when("2023-05-15T00:02:00Z"))
    assert before.photos[0].status == "blocked"
    assert "embargo" in {f.rule for f in before.photos[0].findings}
    assert "embargo" not in {f.rule for f in after.photos[0].findings}


def test_expired_licence_blocked_and_override_recorded(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None
) -> None:
    (pid,) = imported(archive, write_photo(tmp_path / "x.jpg", winslet_getty(), seed=505))
    arc = ["--archive", str(archive.folder)] + (["--db", db_url] if db_url else [])
    assert (
        main([*arc, "licence", str(pid), "--valid-until", "2024-01-01", "--kind", "rights-managed"])
        == 0
    )
    capsys.readouterr()
    code = main([*arc, "check", str(pid), "--json", "--at", "2025-06-01T12:00:00Z"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(report) >= {"profile", "at", "errors", "warnings", "photos"}
    assert report["profile"] == "editorial-web-GB" and report["errors"] >= 1
    finding = next(f for f in report["photos"][0]["findings"] if f["rule"] == "licence-expired")
    assert set(finding) >= {"rule", "severity", "message", "fix", "overridden"}
    assert finding["severity"] == "error" and finding["overridden"] is False

    assert main([*arc, "override", str(pid), "licence-expired", "--reason", ""]) == 2
    assert main([*arc, "override", str(pid), "no-such-rule", "--reason", "x"]) == 2
    # licence-expired is a hard rule of every profile by default (issue 18 item 9): refused.
    capsys.readouterr()
    assert main([*arc, "override", str(pid), "licence-expired", "--reason", "Renewed"]) == 2
    assert "cannot be overridden" in capsys.readouterr().err
    # A desk that wants it overridable says so in its profile.
    assert (
        main([*arc, "profiles", "edit", "editorial-web-GB", "--severity", "licence-expired=error"])
        == 0
    )
    assert (
        main([*arc, "override", str(pid), "licence-expired", "--reason", "Renewed by phone"]) == 0
    )
    capsys.readouterr()
    code = main([*arc, "check", str(pid), "--json", "--at", "2025-06-01T12:00:00Z"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["photos"][0]["status"] in ("clear", "warning")
    finding = next(f for f in report["photos"][0]["findings"] if f["rule"] == "licence-expired")
    assert finding["overridden"] is True
    assert main([*arc, "history", str(pid), "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert any(h["action"] == "override" and h["field"] == "licence-expired" for h in history)


def test_profiles_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = ["--archive", str(tmp_path / "arc")]
    assert main([*arc, "profiles", "list", "--json"]) == 0
    assert [p["name"] for p in json.loads(capsys.readouterr().out)] == ["editorial-web-GB"]
    assert (
        main(
            [
                *arc,
                "profiles",
                "add",
                "editorial-web-US",
                "--territory",
                "US",
                "--uses",
                "editorial,web",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                *arc,
                "profiles",
                "edit",
                "editorial-web-US",
                "--severity",
                "caption-short=error",
                "--json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main([*arc, "profiles", "show", "editorial-web-US", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["territory"] == "US" and shown["severities"] == {"caption-short": "error"}
    assert shown["credit_presentation"] == "(Image credit: {credit})"
    assert main([*arc, "profiles", "add", "bad", "--territory", "Narnia"]) == 2
    assert main([*arc, "profiles", "add", "bad", "--territory", "GB", "--uses", "billboards"]) == 2
