"""The ISO 3166-1 codes of a photo's country, so ``country:GB`` finds "United Kingdom".

Agencies embed the country as a name (IPTC Country, often "United Kingdom", "England" or
"UK"), as a code (IPTC Country Code: ISO alpha-3 in IIM 2:100, alpha-2 or alpha-3 in XMP)
or both. What was embedded is kept verbatim (evidence); the search document gains the
alpha-2 and alpha-3 codes derived from it, at import (the index is written in the import's
transaction) and for existing archives by migration 0015's rebuild. Names are resolved by
the compliance table (Debian iso-codes plus the agency spellings), so search and the
territory rules agree on what "UK" or "England" means; a region ("Scandinavia") or an
unknown name gives no code.
"""

from __future__ import annotations

from functools import cache

from archive.compliance.countries import KNOWN_CODES, territory_codes
from archive.compliance.iso3166 import ISO_3166


@cache
def _alpha3() -> dict[str, str]:
    return {a2: a3 for a2, a3, _ in ISO_3166}


@cache
def _from_alpha3() -> dict[str, str]:
    return {a3: a2 for a2, a3, _ in ISO_3166}


def _code(text: str) -> str | None:
    code = text.strip().upper()
    if code in KNOWN_CODES:
        return code
    return _from_alpha3().get(code)


@cache
def iso_alpha2(*texts: str | None) -> str | None:
    """The alpha-2 code of the first of *texts* (codes or names) that names one country."""
    for text in texts:
        if not text or not text.strip():
            continue
        # A code field may hold a code; a name field may hold a code too ("GBR", "UK").
        if len(text.strip()) <= 3 and (code := _code(text)):
            return code
        codes = territory_codes(text)
        if codes and len(codes) == 1:
            return codes[0]
    return None


def iso_words(*texts: str | None) -> list[str]:
    """The alpha-2 and alpha-3 codes (lower case) for the search document, or none."""
    code = iso_alpha2(*texts)
    if code is None:
        return []
    alpha3 = _alpha3().get(code)
    return [code.lower(), alpha3.lower()] if alpha3 else [code.lower()]
