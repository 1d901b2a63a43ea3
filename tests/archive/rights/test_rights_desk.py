"""Publications, costs, quotas and the expiry digest on both engines, through the CLI."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from archive.cli import main
from archive.db.models import PhotoSimilar
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.compliance import ComplianceService
from archive.services.profiles import parse_when
from tests.factories import Agency, winslet_getty, write_photo

TODAY = datetime.now(UTC).date()


def _import(archive: Archive, tmp_path: Path, metas: list[Agency]) -> list[int]:
    files = [
        write_photo(tmp_path / "in" / f"{n}.jpg", m, seed=900 + n * 37, size=(320, 240))
        for n, m in enumerate(metas)
    ]
    session = ImportSession(archive, files, ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed
    return session.report.photo_ids


def pa() -> Agency:
    return Agency(
        caption="Crowds gather on Whitehall in London, England, on a winter afternoon.",
        byline="Yui Mok",
        credit="Yui Mok/PA Wire",
        source="PA",
    )


def cli(archive: Archive, capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    args = ["--archive", str(archive.folder), "--db", archive.db_url, *argv]
    capsys.readouterr()
    code = main(args)
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out) if "--json" in argv else out


def test_publish_usage_and_used_search(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    getty, other = _import(archive, tmp_path, [winslet_getty(), pa()])
    recorded = cli(
        archive,
        capsys,
        "publish",
        str(getty),
        "--where",
        "https://example.com/baftas",
        "--title",
        "The best of the BAFTAs",
        "--date",
        (TODAY - timedelta(days=3)).isoformat(),
        "--section",
        "Culture",
        "--fee",
        "120",
        "--currency",
        "gbp",
        "--json",
    )
    assert isinstance(recorded, list) and recorded[0]["fee"] == "120.00"
    assert recorded[0]["currency"] == "GBP" and recorded[0]["agency"] == "Getty Images"
    rows = cli(archive, capsys, "usage", str(getty), "--json")
    assert isinstance(rows, list)
    assert [(r["kind"], r["title"], r["section"]) for r in rows] == [
        ("publication", "The best of the BAFTAs", "Culture")
    ]

    def search(q: str) -> list[int]:
        found = cli(archive, capsys, "search", q, "--json")
        assert isinstance(found, dict)
        return list(found["ids"])

    assert search("used:-7d") == [getty]
    assert search("used:-2d") == []  # three days ago is before the window
    assert search("used:no") == [other]
    assert search(f"used:{TODAY:%Y-%m}..") == [getty] or TODAY.day <= 3
    # The print edition of the next day, page 4: use "print" follows from the page.
    cli(
        archive,
        capsys,
        "publish",
        str(getty),
        "--where",
        "The Daily Paper",
        "--title",
        "Stars out in London",
        "--date",
        TODAY.isoformat(),
        "--page",
        "4",
        "--edition",
        "late",
    )
    rows = cli(archive, capsys, "usage", str(getty), "--json")
    assert isinstance(rows, list) and [r["use"] for r in rows] == ["web", "print"]
    code = main(
        [
            "--archive",
            str(archive.folder),
            "--db",
            archive.db_url,
            "publish",
            str(getty),
            "--where",
            "x",
            "--title",
            "t",
            "--date",
            "2026-13-01",
        ]
    )
    assert code == 2 and "not a date" in capsys.readouterr().err
    code = main(
        [
            "--archive",
            str(archive.folder),
            "--db",
            archive.db_url,
            "publish",
            str(getty),
            "--where",
            "x",
            "--title",
            "t",
            "--date",
            "2026-11-01",
            "--fee",
            "9",
        ]
    )
    assert code == 2 and "--currency" in capsys.readouterr().err


def test_usage_log_csv_import(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    getty, other = _import(archive, tmp_path, [winslet_getty(), pa()])
    from archive.db.models import Photo

    with archive.sessions() as s:
        sha = s.get(Photo, other).sha256  # type: ignore[union-attr]
    log = tmp_path / "cms.csv"
    with open(log, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["Usage_ID", "photo_id", "sha256", "published_on", "url", "title", "fee", "currency"]
        )
        w.writerow(["u1", getty, "", "2026-11-03", "https://x/a", "Red carpet", "60", "GBP"])
        w.writerow(["u2", "", sha, "2026-11-04", "https://x/b", "Whitehall", "", ""])
        w.writerow(["u3", "999999", "", "2026-11-04", "https://x/c", "Gone", "", ""])
        w.writerow(["u4", getty, "", "04/11/2026", "https://x/d", "Bad date", "", ""])
        w.writerow(["u5", getty, "", "2026-11-05", "https://x/e", "", "", ""])
    args = [
        "--archive",
        str(archive.folder),
        "--db",
        archive.db_url,
        "usage-import",
        str(log),
        "--json",
    ]
    capsys.readouterr()
    assert main(args) == 3  # some rows failed: the good ones are recorded all the same
    report = json.loads(capsys.readouterr().out)
    assert report["recorded"] == 2 and report["skipped"] == []
    errors = {e["line"]: e["error"] for e in report["errors"]}
    assert set(errors) == {4, 5, 6}
    assert "999999" in errors[4] and "YYYY-MM-DD" in errors[5] and "title" in errors[6]
    assert main(args) == 3
    again = json.loads(capsys.readouterr().out)
    assert again["recorded"] == 0 and again["skipped"] == ["u1", "u2"]
    rows = cli(archive, capsys, "usage", str(other), "--json")
    assert isinstance(rows, list) and [r["origin"] for r in rows] == ["csv"]


def test_usage_report_fees_quota_and_check(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    metas = [winslet_getty() for _ in range(4)] + [pa(), pa()]
    ids = _import(archive, tmp_path, metas)
    g1, g2, g3, g4, p1, p2 = ids
    cli(
        archive,
        capsys,
        "terms",
        "set",
        "Getty Images",
        "--model",
        "subscription",
        "--quota",
        "2",
        "--period",
        "month",
        "--over-quota-fee",
        "45",
        "--currency",
        "GBP",
    )
    cli(
        archive,
        capsys,
        "terms",
        "set",
        "PA",
        "--model",
        "pay-per-use",
        "--currency",
        "GBP",
        "--fees",
        '{"web": {"default": 60}, "print": {"quarter-page": 120, "default": 150}}',
    )
    cli(archive, capsys, "licence", str(p2), "--kind", "handout")

    def run(pid: int, day: str, *extra: str) -> None:
        cli(
            archive,
            capsys,
            "publish",
            str(pid),
            "--where",
            f"https://x/{pid}/{day}",
            "--title",
            f"Story {pid}",
            "--date",
            day,
            *extra,
        )

    run(g1, "2026-10-30")  # October: its own period
    run(g1, "2026-11-02")
    run(g2, "2026-11-10", "--fee", "0", "--currency", "GBP")
    run(g3, "2026-11-20", "--fee", "45", "--currency", "GBP")  # third of November: over
    run(p1, "2026-11-11", "--fee", "60", "--currency", "GBP")
    run(p1, "2026-11-12", "--page", "7", "--size", "quarter-page")
    run(p2, "2026-11-12")  # a handout: free whatever the terms
    run(g4, "2026-12-01")  # after the period asked for

    rows = cli(
        archive, capsys, "usage-report", "--from", "2026-11-01", "--to", "2026-12-01", "--json"
    )
    assert isinstance(rows, list)
    uses = [r for r in rows if r["kind"] == "publication"]
    got = [(r["photo_id"], r["expected_fee"], r["quota_used"], r["over_quota"]) for r in uses]
    assert got == [
        (g1, "0.00", 1, False),
        (g2, "0.00", 2, False),
        (p1, "60.00", None, False),
        (p1, "120.00", None, False),
        (p2, "0.00", None, False),
        (g3, "45.00", 3, True),
    ]
    from archive.rights.report import totals

    t = totals(rows)
    # The totals are the records' sums exactly, per terms agency.
    for agency, sums in t.items():
        mine = [r for r in uses if (r["terms"] or r["agency"]) == agency]
        assert sums["uses"] == len(mine)
        assert Decimal(sums["expected"]["GBP"]) == sum(Decimal(r["expected_fee"]) for r in mine)
        recorded = [Decimal(r["fee"]) for r in mine if r["fee"] is not None]
        assert Decimal(sums["recorded"].get("GBP", "0")) == sum(recorded, Decimal(0))
    assert t["Getty Images"]["expected"] == {"GBP": "45.00"}
    assert t["Getty Images"]["included"] == 2 and t["Getty Images"]["over_quota"] == 1
    pa_sums = t["PA Images"]  # "PA" is the registry's PA Images
    assert pa_sums["expected"] == {"GBP": "180.00"} and pa_sums["recorded"] == {"GBP": "60.00"}

    csv_out = cli(
        archive,
        capsys,
        "usage-report",
        "--agency",
        "PA",
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-01",
        "--csv",
    )
    parsed = list(csv.DictReader(str(csv_out).splitlines()))
    assert [r["expected_fee"] for r in parsed] == ["60.00", "120.00", "0.00"]
    assert {r["kind"] for r in parsed} == {"publication"}

    # Checked for the 25th of November: Getty's quota is spent, PA's fee is shown.
    checker = ComplianceService(archive.sessions)
    report = checker.check([g4, p1], "editorial-web-GB", at=parse_when("2026-11-25T12:00"))
    by_id = {p.id: {f.rule: f for f in p.findings} for p in report.photos}
    over = by_id[g4]["over-quota"]
    assert (
        over.severity == "warning" and "use 4 of 2" in over.message and "GBP 45.00" in over.message
    )
    assert "GBP 60.00" in by_id[p1]["expected-fee"].message
    assert "used-recently" in by_id[p1] and "13 days ago" in by_id[p1]["used-recently"].message
    assert "used-recently" not in by_id[g4]
    # In December the quota starts again.
    report = checker.check([g4], "editorial-web-GB", at=parse_when("2026-12-02T12:00"))
    assert "over-quota" not in {f.rule for f in report.photos[0].findings}


def test_licences_expiring_digest(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    g1, g2, p1 = _import(archive, tmp_path, [winslet_getty(), winslet_getty(), pa()])
    soon = (datetime.now(UTC) + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    later = (datetime.now(UTC) + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    cli(archive, capsys, "licence", str(g1), str(p1), "--valid-until", soon)
    cli(archive, capsys, "licence", str(g2), "--valid-until", later)
    cli(
        archive,
        capsys,
        "publish",
        str(g1),
        "--where",
        "https://x/a",
        "--title",
        "Gallery",
        "--date",
        date.today().isoformat(),
    )
    digest = cli(archive, capsys, "licences", "expiring", "--days", "14", "--json")
    assert isinstance(digest, dict) and digest["photos"] == 2
    shaped = {
        a["agency"]: [
            (art["title"], [p["photo_id"] for p in art["photos"]]) for art in a["articles"]
        ]
        for a in digest["agencies"]
    }
    assert shaped == {"Getty Images": [("Gallery", [g1])], "PA Images": [("(not published)", [p1])]}
    used = cli(archive, capsys, "licences", "expiring", "--days", "14", "--used", "--json")
    assert isinstance(used, dict) and used["photos"] == 1
    text = cli(archive, capsys, "licences", "expiring", "--days", "60")
    assert "3 pictures" in str(text)


def test_fees_survive_the_catalogue_digest(archive: Archive, tmp_path: Path) -> None:
    """backup, migrate and verify hash every table: a fee (Numeric) hashes as its text."""
    from archive.db.models import Publication
    from archive.maintenance.tables import canonical, digest_all
    from archive.rights.publications import PublicationRequest, PublicationService

    (pid,) = _import(archive, tmp_path, [pa()])
    req = PublicationRequest(
        "https://x/a", "Story", date(2026, 11, 2), fee=Decimal("120.5"), currency="GBP"
    )
    PublicationService(archive.sessions).record([pid], req)
    with archive.engine.connect() as conn:
        digests = digest_all(conn)
    assert digests["publication"].count == 1
    with archive.sessions() as s:
        fee = s.query(Publication.fee).scalar()
    assert canonical(fee, False) == ["d", "120.50"]


def test_a_quota_that_counts_pictures_counts_each_picture_once_with_its_versions(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Deals that meter images used, not placements: a picture run three times in a month,
    # or its WireImage version run beside it, is one picture of the quota.
    g1, g2, g3, g4, g5 = _import(archive, tmp_path, [winslet_getty() for _ in range(5)])
    with archive.sessions.begin() as s:  # g2 is a version of g1 (as the import links them)
        s.add_all([PhotoSimilar(photo_id=g1, other_id=g2, distance=4)])
        s.add_all([PhotoSimilar(photo_id=g2, other_id=g1, distance=4)])
    terms = cli(
        archive,
        capsys,
        "terms",
        "set",
        "Getty Images",
        "--model",
        "subscription",
        "--quota",
        "2",
        "--quota-counts",
        "pictures",
        "--over-quota-fee",
        "45",
        "--json",
    )
    assert isinstance(terms, dict) and terms["quota_counts"] == "pictures"
    assert "2 pictures per month" in str(cli(archive, capsys, "terms", "show", "Getty Images"))
    for pid, day in ((g1, "02"), (g1, "05"), (g2, "06"), (g3, "07"), (g4, "08"), (g1, "09")):
        cli(archive, capsys, "publish", str(pid), "--where", f"https://x/{pid}/{day}",
            "--title", "Story", "--date", f"2026-11-{day}")  # fmt: skip
    rows = cli(
        archive, capsys, "usage-report", "--from", "2026-11-01", "--to", "2026-12-01", "--json"
    )
    assert isinstance(rows, list)
    got = [(r["photo_id"], r["expected_fee"], r["quota_used"], r["over_quota"]) for r in rows]
    assert got == [
        (g1, "0.00", 1, False),
        (g1, "0.00", 1, False),  # run again: already counted this month
        (g2, "0.00", 1, False),  # a version of g1: the same picture
        (g3, "0.00", 2, False),
        (g4, "45.00", 3, True),
        (g1, "0.00", 1, False),
    ]
    assert "already counted" in rows[1]["basis"]
    from archive.rights.report import totals

    sums = totals(rows)["Getty Images"]
    assert (sums["uses"], sums["over_quota"], sums["expected"]) == (6, 1, {"GBP": "45.00"})
    checker = ComplianceService(archive.sessions)
    report = checker.check([g2, g5], "editorial-web-GB", at=parse_when("2026-11-25T12:00"))
    by_id = {p.id: {f.rule for f in p.findings} for p in report.photos}
    assert "over-quota" not in by_id[g2]  # its picture is paid for this month
    (over,) = [f for p in report.photos if p.id == g5 for f in p.findings if f.rule == "over-quota"]
    assert "picture 4 of 2" in over.message
