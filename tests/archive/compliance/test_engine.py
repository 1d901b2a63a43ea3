"""The engine over the running example (issue #4): profiles, overrides, severities, failures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from archive.compliance.engine import all_rules, check_photo, severity_problems, status_of
from archive.compliance.facts import SEVERITIES, Finding, LicenceFacts, PhotoFacts, ProfileFacts
from archive.compliance.rules import RULES, Issue, rule
from tests.archive.compliance.rules.facts import (
    AT,
    EDITORIAL_WEB_GB,
    EDITORIAL_WEB_US,
    GETTY,
    WIREIMAGE,
    licence,
)

CODES = {
    "alt-text-missing": "warning",
    "credit-missing": "error",
    "credit-format": "error",
    "photographer-missing": "error",
    "agency-unknown": "warning",
    "credit-mismatch": "error",
    "caption-missing": "error",
    "caption-short": "warning",
    "caption-unresolved": "error",
    "person-not-in-caption": "warning",
    "person-not-tagged": "warning",
    "embargo": "error",
    "licence-expired": "error",
    "licence-expiring": "warning",
    "time-limit": "error",
    "territory": "error",
    "use-not-allowed": "error",
    "model-release": "error",
    "duplicate-credit": "warning",
    "used-recently": "warning",
    "over-quota": "warning",
    "expected-fee": "info",
    "iim-truncation": "warning",
    "mojibake": "warning",
    "restriction-unparsed": "warning",
    "ai-generated": "error",
    "provenance-invalid": "warning",
    "source-type-missing": "info",
    "data-mining": "warning",
}


def test_rule_catalogue_is_stable() -> None:
    assert {r.code: r.default_severity for r in all_rules()} == CODES
    assert all(r.title for r in all_rules())


def test_running_example_is_clear() -> None:
    findings = check_photo(GETTY, EDITORIAL_WEB_GB)
    assert findings == []
    assert status_of(findings) == "clear"
    # WireImage's 36-byte credit: only IIM's cut is said, as a warning (issue 18 item 10).
    findings = check_photo(WIREIMAGE, EDITORIAL_WEB_GB)
    assert [(f.rule, f.severity) for f in findings] == [("iim-truncation", "warning")]


def test_uk_out_blocked_in_gb_allowed_in_us() -> None:
    photo = replace(GETTY, licence=licence("EDITORIAL USE ONLY. UK OUT"))
    gb = check_photo(photo, EDITORIAL_WEB_GB)
    assert [(f.rule, f.severity) for f in gb] == [("territory", "error")]
    assert status_of(gb) == "blocked"
    assert status_of(check_photo(photo, EDITORIAL_WEB_US)) == "clear"


def test_embargo_one_minute_either_side() -> None:
    photo = replace(GETTY, licence=licence("EMBARGOED UNTIL 12:00 GMT 1 JUNE 2024"))
    before = check_photo(photo, replace(EDITORIAL_WEB_GB, at=AT - timedelta(minutes=1)))
    assert [(f.rule, f.severity) for f in before] == [("embargo", "error")]
    assert status_of(before) == "blocked"
    after = check_photo(photo, replace(EDITORIAL_WEB_GB, at=AT + timedelta(minutes=1)))
    assert status_of(after) == "clear"


def test_expired_licence_blocked() -> None:
    photo = replace(GETTY, licence=LicenceFacts(valid_until=AT - timedelta(days=1)))
    findings = check_photo(photo, EDITORIAL_WEB_GB)
    assert [(f.rule, f.severity) for f in findings] == [("licence-expired", "error")]
    assert status_of(findings) == "blocked"


def test_override_marks_the_finding_and_unblocks() -> None:
    photo = replace(GETTY, licence=licence("UK OUT"))
    reason = "cleared with the agency by phone, ref 1234"
    findings = check_photo(photo, EDITORIAL_WEB_GB, {"territory": reason})
    assert [(f.rule, f.overridden, f.override_reason) for f in findings] == [
        ("territory", True, reason)
    ]
    assert findings[0].as_json()["override_reason"] == reason
    assert status_of(findings) == "clear"


def test_override_leaves_other_findings_and_blank_reasons_do_not_count() -> None:
    photo = replace(GETTY, licence=licence("UK OUT"), caption="Kate Winslet and Mia Threapleton.")
    findings = check_photo(photo, EDITORIAL_WEB_GB, {"territory": "ok by the desk"})
    assert status_of(findings) == "warning"  # caption-short is still live
    blank = check_photo(photo, EDITORIAL_WEB_GB, {"territory": "  "})
    assert status_of(blank) == "blocked"


def test_profile_severities_change_the_outcome() -> None:
    photo = replace(
        GETTY,
        caption="Kate Winslet and Mia Threapleton.",
        text_fields={"caption": "Kate Winslet and Mia ThrÃ©apleton.", "alt_text": "Two women"},
    )
    default = check_photo(photo, EDITORIAL_WEB_GB)
    assert {(f.rule, f.severity) for f in default} == {
        ("caption-short", "warning"),
        ("mojibake", "warning"),
    }
    assert status_of(default) == "warning"
    strict = replace(EDITORIAL_WEB_GB, severities={"caption-short": "error", "mojibake": "off"})
    findings = check_photo(photo, strict)
    assert [(f.rule, f.severity) for f in findings] == [("caption-short", "error")]
    assert status_of(findings) == "blocked"


def test_unknown_severity_fails_closed_and_is_reported() -> None:
    photo = replace(GETTY, caption="Kate Winslet and Mia Threapleton.")
    profile = replace(EDITORIAL_WEB_GB, severities={"caption-short": "warn"})
    assert [f.severity for f in check_photo(photo, profile)] == ["error"]
    problems = severity_problems({"caption-short": "warn", "no-such-rule": "off", "embargo": "off"})
    assert problems == [
        "caption-short: severity 'warn' is not one of ('error', 'warning', 'info', 'hard', 'off')",
        "no rule 'no-such-rule'",
    ]


def test_info_does_not_change_status() -> None:
    findings = [Finding("x", "info", "m", "f")]
    assert status_of(findings) == "clear"
    assert status_of([*findings, Finding("y", "warning", "m", "f", overridden=True)]) == "clear"


@pytest.fixture
def crashing_rule() -> Iterator[str]:
    code = "test-crashes"

    @rule(code, severity="warning", title="Always crashes")
    def crashes(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
        yield Issue("never", "never")  # a generator crashes only when consumed
        raise KeyError("agency")

    try:
        yield code
    finally:
        del RULES[code]


def test_crashing_rule_fails_closed(crashing_rule: str) -> None:
    findings = check_photo(GETTY, EDITORIAL_WEB_GB)
    assert [(f.rule, f.severity) for f in findings] == [(crashing_rule, "error")]
    assert findings[0].message.startswith("the check could not run: KeyError")
    assert status_of(findings) == "blocked"
    # It can be turned off or overridden like any other rule.
    off = replace(EDITORIAL_WEB_GB, severities={crashing_rule: "off"})
    assert check_photo(GETTY, off) == []
    overridden = check_photo(GETTY, EDITORIAL_WEB_GB, {crashing_rule: "checked by hand"})
    assert status_of(overridden) == "clear"


def test_registering_a_code_twice_or_a_bad_severity_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        rule("embargo", severity="error", title="again")(lambda photo, profile: ())
    with pytest.raises(ValueError, match="severity"):
        rule("test-bad", severity="fatal", title="bad")
    assert "fatal" not in SEVERITIES
