"""Parse agency usage restrictions (IPTC Special Instructions, XMP UsageTerms) into rules.

    >>> [r.slug() for r in parse_restrictions("EDITORIAL USE ONLY. UK OUT. MANDATORY CREDIT")]
    ['editorial-only', 'uk-out', 'mandatory-credit']

Pure and deterministic. Nothing is dropped: text no rule understands comes back as UNPARSED
with its exact wording, so the compliance check can show it to a person instead of ignoring it.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from functools import lru_cache

from archive.compliance.clause_rules import read_clause
from archive.compliance.clauses import split_clauses
from archive.compliance.model import MEDIA, Kind, Restriction, RestrictionError
from archive.text import fold

__all__ = ["MEDIA", "Kind", "Restriction", "RestrictionError", "parse_restrictions"]


def parse_restrictions(*texts: str | None, default_tz: tzinfo = UTC) -> list[Restriction]:
    """Every rule in `texts`, in source order, duplicates collapsed.

    Pass the Special Instructions and the UsageTerms together: agencies often repeat one in the
    other, and the repeat collapses. `default_tz` is the zone of an embargo time that names none.
    """
    return list(_parse(texts, default_tz))


# An import batch repeats the same few agency texts thousands of times; the rules are
# frozen values, so one parse per distinct text serves them all.
@lru_cache(maxsize=4096)
def _parse(texts: tuple[str | None, ...], default_tz: tzinfo) -> tuple[Restriction, ...]:
    found: list[Restriction] = []
    for text in texts:
        if not text or not text.strip():
            continue
        # IIM fields arrive NUL-padded; a NUL is also the rules' "claimed" marker.
        text = text.replace("\x00", " ")
        for clause in split_clauses(text):
            fragment = text[clause.start : clause.end]
            if clause.credit is not None:
                found.append(Restriction(Kind.MANDATORY_CREDIT, fragment, credit=clause.credit))
            elif clause.byline:
                found.append(Restriction(Kind.UNPARSED, fragment))
            else:
                found.extend(rule for _, rule in read_clause(fragment, default_tz))
    return tuple(_collapse(found))


def _collapse(found: list[Restriction]) -> list[Restriction]:
    """Drop repeats (same rule, any wording); a bare MANDATORY CREDIT yields to a credit line."""
    has_credit_line = any(r.kind is Kind.MANDATORY_CREDIT and r.credit for r in found)
    seen: set[object] = set()
    out: list[Restriction] = []
    for rule in found:
        if rule.kind is Kind.MANDATORY_CREDIT and rule.credit is None and has_credit_line:
            continue
        if rule.kind is Kind.UNPARSED:
            key: object = (rule.kind, fold(rule.text))
        else:
            key = (rule.kind, rule.territories, rule.media, rule.until, rule.days, rule.credit)
        if key not in seen:
            seen.add(key)
            out.append(rule)
    return out
