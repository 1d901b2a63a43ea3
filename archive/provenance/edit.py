"""Setting the Digital Source Type by hand (`edit --source-type`, the inspector)."""

from __future__ import annotations

from archive.errors import UsageError
from archive.provenance.vocab import SOURCE_TYPES, source_type_term


def source_type_value(text: str) -> str:
    """The NewsCodes term to store for what an editor typed; "" clears. A term outside
    the IPTC vocabulary is refused: the value is exported as a NewsCodes URI, and a typo
    there would tell every reader downstream something nobody meant."""
    if not text.strip():
        return ""
    term = source_type_term(text)
    if term not in SOURCE_TYPES:
        raise UsageError(
            f"{text.strip()!r} is not an IPTC Digital Source Type: use one of "
            + ", ".join(SOURCE_TYPES)
        )
    return term
