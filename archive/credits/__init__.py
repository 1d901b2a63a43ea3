"""Agency credit lines: the registry (rules are data in resources/agencies/*.toml), parsing and
formatting.

A credit line is a sequence of parties (parties.py: creator, collection, client, distributor);
``evidence.read_credit`` reads every piece of evidence a picture carries into one answer (the
line kept, the line to publish, credit-format / credit-mismatch findings) for import, the
check, the CLI and the inspector. ``parse_credit`` / ``format_credit`` are the single-agency
forms of each pack entry, used by both.

    >>> parse_credit("Getty Images", byline="Joe Maher").canonical
    'Joe Maher/Getty Images'
    >>> format_credit("Mike Marsland", "WireImage")
    'Mike Marsland/WireImage/Getty Images'
"""

from __future__ import annotations

from archive.credits.errors import CreditError, RulePackError, UnknownAgencyError
from archive.credits.format import explain_mismatch, format_credit
from archive.credits.pack import Agency
from archive.credits.parse import IIM_LIMIT, ParsedCredit, parse_credit
from archive.credits.registry import AgencyRegistry, load_registry, registry_from_text

__all__ = [
    "IIM_LIMIT",
    "Agency",
    "AgencyRegistry",
    "CreditError",
    "ParsedCredit",
    "RulePackError",
    "UnknownAgencyError",
    "explain_mismatch",
    "format_credit",
    "load_registry",
    "parse_credit",
    "registry_from_text",
]
