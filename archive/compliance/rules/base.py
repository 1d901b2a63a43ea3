"""The rule registry: every compliance rule is a small pure function registered under a stable
code with a default severity. Scripts and stored overrides refer to rules by code, so a code is
never renamed or reused.

Helpers shared by several rule groups (the agency registry in use, dates as editors read them,
which media a destination publishes in) live here too, so each group module stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from archive.compliance.facts import SEVERITIES, PhotoFacts, ProfileFacts
from archive.credits import AgencyRegistry, load_registry


@dataclass(frozen=True)
class Issue:
    """One problem a rule found: what is wrong, and what to do about it."""

    message: str
    fix: str
    # What the problem is about ("GB", an embargo instant): two issues of one rule with the
    # same key are one problem said twice (licence and agency text), reported once.
    key: str | None = None


@dataclass(frozen=True)
class RuleInfo:
    code: str
    default_severity: str
    title: str


Check = Callable[[PhotoFacts, ProfileFacts], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check


# Registration order is the order findings are reported in (credit first, text last).
RULES: dict[str, Rule] = {}


def rule(code: str, *, severity: str, title: str) -> Callable[[Check], Check]:
    """Register ``check`` as rule ``code``; the function itself is returned unchanged."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code!r}: severity {severity!r} is not one of {SEVERITIES}")

    def register(check: Check) -> Check:
        if code in RULES:
            # Two rules under one code would make overrides and scripts ambiguous.
            raise ValueError(f"rule code {code!r} is registered twice")
        RULES[code] = Rule(RuleInfo(code, severity, title), check)
        return check

    return register


# The agency registry is the archive's (bundled pack + the archive's own agencies.toml). Rules
# keep the two-argument signature, so the engine sets it for the duration of one check.
_REGISTRY: ContextVar[AgencyRegistry | None] = ContextVar("compliance_registry", default=None)


def registry() -> AgencyRegistry:
    found = _REGISTRY.get()
    return found if found is not None else load_registry()


@contextmanager
def using_registry(reg: AgencyRegistry | None) -> Iterator[None]:
    token = _REGISTRY.set(reg)
    try:
        yield
    finally:
        _REGISTRY.reset(token)


def when(moment: datetime) -> str:
    """'20 May 2024 00:01 UTC (2024-05-20T00:01:00+00:00)': readable, and exact for scripts."""
    utc = moment.astimezone(UTC)
    return f"{utc.day} {utc:%B %Y %H:%M} UTC ({utc.isoformat()})"


# Profile uses that are media → the media names restrictions use (archive.compliance.MEDIA).
# "print" covers both: a desk's print product is a newspaper or a magazine.
MEDIA_OF_USE: dict[str, tuple[str, ...]] = {
    "web": ("internet",),
    "print": ("newspapers", "magazines"),
    "social": ("social",),
}


def profile_media(profile: ProfileFacts) -> set[str]:
    return {medium for use in profile.uses for medium in MEDIA_OF_USE.get(use, ())}


def listing(items: Iterable[str]) -> str:
    return ", ".join(items)
