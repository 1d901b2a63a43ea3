"""Writing credit lines and explaining why a line is not in an agency's canonical form."""

from __future__ import annotations

from archive.credits.errors import CreditError
from archive.credits.parse import match_line
from archive.credits.registry import AgencyRegistry, load_registry
from archive.credits.render import render


def format_credit(
    photographer: str | None,
    agency: str,
    *,
    provider: str | None = None,
    registry: AgencyRegistry | None = None,
) -> str:
    """The canonical credit line, e.g. ``format_credit("Joe Maher", "Getty Images")``.

    ``agency`` is a registry name or alias (case-insensitive). Raises UnknownAgencyError for an
    unknown agency and CreditError when the parts cannot make a valid line (a required
    photographer or provider missing, a provider the agency does not take, "/" in a name).
    """
    reg = registry if registry is not None else load_registry()
    return render(reg.require(agency), photographer, provider)


def explain_mismatch(
    line: str | None, agency: str, registry: AgencyRegistry | None = None
) -> str | None:
    """None when ``line`` is exactly the canonical credit for ``agency``; else why, and what to use.

    A correct line of one of the agency's own brands counts as a match (a WireImage line on a
    picture filed as Getty Images). Raises UnknownAgencyError for an unknown agency.
    """
    reg = registry if registry is not None else load_registry()
    target = reg.require(agency)
    text = (line or "").strip()
    if not text:
        return f"the credit line is empty; {target.name} credits read '{target.example}'"
    hit = match_line(reg, text, only=target)
    lead = ""
    if hit is None:
        hit = match_line(reg, text)
        if hit is None:
            return (
                f"'{text}' is not recognisable as a credit line; "
                f"{target.name} credits read '{target.example}'"
            )
        if target.name in reg.parents_of(hit.agency.name):
            target = hit.agency  # a brand of the expected agency: judge it by the brand's rule
        else:
            lead = f"'{text}' reads as a {hit.agency.name} credit, not {target.name}; "
    rule = f"{target.name} credits read '{target.example}'"
    photographer = hit.photographer if target.takes_photographer else None
    provider = hit.provider if hit.agency is target else None
    try:
        expected = render(target, photographer, provider)
    except CreditError as exc:
        return lead + str(exc)
    if text == expected:
        return None
    cut = " (the line looks cut at the 32-byte IIM limit)" if hit.truncated else ""
    return f"{lead}{rule} — expected '{expected}'{cut}"
