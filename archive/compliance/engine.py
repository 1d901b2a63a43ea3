"""Run the compliance rules over one photo for one destination profile.

    findings = check_photo(photo, profile, overrides={"caption-short": "agreed with the desk"})
    status_of(findings)  # "blocked" | "warning" | "clear"

Fail closed: a rule that crashes reports an error instead of passing silently, and a profile
severity that is not understood counts as an error rather than weakening the rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from archive.compliance.facts import SEVERITIES, Finding, PhotoFacts, ProfileFacts
from archive.compliance.rules import RULES, Issue, RuleInfo, rule
from archive.compliance.rules.base import Rule, using_registry
from archive.credits import AgencyRegistry

__all__ = [
    "RULES",
    "Issue",
    "RuleInfo",
    "all_rules",
    "check_photo",
    "hard_rules",
    "is_hard",
    "rule",
    "severity_problems",
    "status_of",
]

OFF = "off"
# A hard rule blocks like an error and cannot be overridden: no written reason makes an
# embargoed or expired picture publishable. A profile sets any rule to "hard", or sets one
# of these back to "error" to allow overrides again (`profiles edit … --severity embargo=error`).
HARD = "hard"
DEFAULT_HARD = frozenset({"embargo", "licence-expired", "ai-generated"})
# Rules a profile must turn on (`--severity source-type-missing=info`): most agency files
# state no Digital Source Type yet, and an info line on every picture would be noise.
DEFAULT_OFF = frozenset({"source-type-missing"})
LEVELS = (*SEVERITIES, HARD, OFF)


def all_rules() -> list[RuleInfo]:
    """Every rule, in report order."""
    return [r.info for r in RULES.values()]


def severity_problems(severities: Mapping[str, str]) -> list[str]:
    """What is wrong with a profile's severity table (for the profile editor to show)."""
    problems: list[str] = []
    for code, severity in severities.items():
        if code not in RULES:
            problems.append(f"no rule {code!r}")
        elif severity not in LEVELS:
            problems.append(f"{code}: severity {severity!r} is not one of {LEVELS}")
    return problems


def is_hard(code: str, profile: ProfileFacts) -> bool:
    """Whether *profile* refuses overrides of rule *code* (see HARD)."""
    level = profile.severities.get(code)
    return code in DEFAULT_HARD if level is None else level == HARD


def hard_rules(profile: ProfileFacts) -> list[str]:
    """The registered rules *profile* will not let anyone override, in report order."""
    return [code for code in RULES if is_hard(code, profile)]


def _severity(info: RuleInfo, profile: ProfileFacts) -> str:
    default = OFF if info.code in DEFAULT_OFF else info.default_severity
    severity = profile.severities.get(info.code, default)
    if severity == OFF or severity in SEVERITIES:
        return severity
    return "error"  # "hard" blocks as an error; a typo ("warn") must not turn a rule down


def _run(rule_: Rule, photo: PhotoFacts, profile: ProfileFacts) -> list[Issue] | Exception:
    try:
        return list(rule_.check(photo, profile))  # list(): generators fail only when consumed
    except Exception as exc:  # any bug in one rule must not stop the others or pass the photo
        return exc


def check_photo(
    photo: PhotoFacts,
    profile: ProfileFacts,
    # A shared {} default is safe: the mapping is only read (and it is the documented signature).
    overrides: Mapping[str, str] = {},
    *,
    registry: AgencyRegistry | None = None,
    lapsed: Mapping[str, tuple[str, str]] = {},
) -> list[Finding]:
    """Every finding of every enabled rule, in report order.

    ``overrides`` maps a rule code to the written reason it was accepted for this photo; its
    findings are kept (the reason is part of the record) but marked overridden, so they no
    longer block. A blank reason is not an override. ``registry`` is the archive's agency
    registry (bundled pack + the archive's agencies.toml); the bundled one by default.
    ``lapsed`` maps a rule code to (reason, facts in words) of an override written for other
    facts than today's: its findings stand, marked "override no longer applies".
    """
    findings: list[Finding] = []
    with using_registry(registry):
        for rule_ in RULES.values():
            info = rule_.info
            severity = _severity(info, profile)
            if severity == OFF:
                continue
            hard = is_hard(info.code, profile) and severity == "error"
            reason = None if hard else (overrides.get(info.code) or "").strip() or None
            gone = None if reason is not None else lapsed.get(info.code)
            result = _run(rule_, photo, profile)
            if isinstance(result, Exception):
                # Fail closed: an error whatever the configured severity.
                issues = [
                    Issue(
                        f"the check could not run: {type(result).__name__}: {result}",
                        "Check this by hand before publishing, and report the problem.",
                    )
                ]
                severity = "error"
            else:
                issues = result
            findings.extend(
                Finding(
                    rule=info.code,
                    severity=severity,
                    message=issue.message,
                    fix=issue.fix,
                    overridden=reason is not None,
                    override_reason=reason,
                    hard=hard,
                    override_lapsed=gone is not None,
                    lapsed_reason=gone[0] if gone else None,
                    lapsed_given_for=gone[1] if gone else None,
                )
                for issue in _distinct(issues)
            )
    return findings


def _distinct(issues: list[Issue]) -> list[Issue]:
    """One finding per problem: the licence and the agency's default restrictions often
    say the same thing (an embargo date, an excluded territory) and a rule that reads
    both reports it under the same key; the first wording (the agency's) is kept."""
    seen: set[str] = set()
    out: list[Issue] = []
    for issue in issues:
        key = issue.key or issue.message
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def status_of(findings: list[Finding]) -> str:
    """ "blocked" on any error not overridden, else "warning" on any warning, else "clear"."""
    live = [f for f in findings if not f.overridden]
    if any(f.severity == "error" for f in live):
        return "blocked"
    if any(f.severity == "warning" for f in live):
        return "warning"
    return "clear"
