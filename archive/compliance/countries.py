"""ISO 3166-1 country table plus the forms photo agencies write ("UK", "HOLLAND", "SCANDINAVIA").

Data, not logic: the rows were generated from Debian's iso-codes 4.15 (iso_3166-1.json: name,
common name, official name) so they can be diffed against a newer release; regenerate rather
than hand-edit. Only `territory_codes()` at the bottom is code: it folds a phrase the same way
the table keys were folded, so "Côte d'Ivoire", "COTE D IVOIRE" and "U.S.A." all resolve.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from archive.compliance.iso3166 import ISO_3166

EXTRA_TERRITORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (("XK", "XKX", ("Kosovo",)),)

# Agency spellings. England, Scotland, Wales and Northern Ireland have no ISO 3166-1 code of
# their own: they map to GB, which widens "ENGLAND OUT" to the whole UK. Refusing too much is
# the safe direction for a compliance check; the source text stays on the rule as evidence.
# "KOREA" means South Korea in agency usage (Yonhap/Newsis pictures carry "KOREA OUT").
ALIASES: dict[str, tuple[str, ...]] = {
    "UK": ("GB",),
    "Britain": ("GB",),
    "Great Britain": ("GB",),
    "England": ("GB",),
    "Scotland": ("GB",),
    "Wales": ("GB",),
    "Northern Ireland": ("GB",),
    "USA": ("US",),
    "America": ("US",),
    "United States of America": ("US",),
    "Eire": ("IE",),
    "Republic of Ireland": ("IE",),
    "Holland": ("NL",),
    "Russia": ("RU",),
    "Korea": ("KR",),
    "South Korea": ("KR",),
    "North Korea": ("KP",),
    "DPRK": ("KP",),
    "China": ("CN",),
    "Mainland China": ("CN",),
    "PRC": ("CN",),
    "Taiwan": ("TW",),
    "Hong Kong": ("HK",),
    "Macau": ("MO",),
    "Vietnam": ("VN",),
    "Czech Republic": ("CZ",),
    "Ivory Coast": ("CI",),
    "Burma": ("MM",),
    "Macedonia": ("MK",),
    "Turkey": ("TR",),
    "Turkiye": ("TR",),
    "Vatican": ("VA",),
    "Vatican City": ("VA",),
    "UAE": ("AE",),
    "Emirates": ("AE",),
    "Saudi": ("SA",),
    "Palestine": ("PS",),
    "Palestinian Territories": ("PS",),
    "Cape Verde": ("CV",),
    "Swaziland": ("SZ",),
    "East Timor": ("TL",),
    "DRC": ("CD",),
    "DR Congo": ("CD",),
    "Democratic Republic of Congo": ("CD",),
    "Congo Kinshasa": ("CD",),
    "Congo Brazzaville": ("CG",),
    "Republic of Congo": ("CG",),
    "Bosnia": ("BA",),
    "Falklands": ("FK",),
    "Faroes": ("FO",),
    "Gambia": ("GM",),
    "Bahamas": ("BS",),
    "Micronesia": ("FM",),
    "US Virgin Islands": ("VI",),
    "British Virgin Islands": ("VG",),
    "Brunei": ("BN",),
    "Syria": ("SY",),
    "Iran": ("IR",),
    "Laos": ("LA",),
    "Moldova": ("MD",),
    "Tanzania": ("TZ",),
    "Venezuela": ("VE",),
    "Bolivia": ("BO",),
    # Regions agencies exclude as a block; the rule then lists every member country.
    "Scandinavia": ("DK", "NO", "SE"),
    "Nordic": ("DK", "FI", "IS", "NO", "SE"),
    "Nordics": ("DK", "FI", "IS", "NO", "SE"),
    "Nordic Countries": ("DK", "FI", "IS", "NO", "SE"),
    "Benelux": ("BE", "NL", "LU"),
    "DACH": ("DE", "AT", "CH"),
    "Baltics": ("EE", "LV", "LT"),
    "Baltic States": ("EE", "LV", "LT"),
    "Channel Islands": ("GG", "JE"),
}

# Codes that are also everyday words, media words or abbreviations in restriction text ("TV OUT",
# "IN OUT", "NO SALES", "IT", "PR", "MP"): matching them as countries would invent territory
# rules. Their countries still match by name ("TUVALU OUT", "NORWAY OUT", "INDIA OUT").
AMBIGUOUS_CODES: frozenset[str] = frozenset((
    "AD", "AI", "AM", "AS", "AT", "BE", "BY", "CD", "CO", "DO", "EG", "FM", "ID", "IN", "IO", "IS",
    "IT", "LA", "ME", "MP", "MS", "MY", "NO", "PA", "PM", "PR", "PS", "RE", "SO", "ST", "TM", "TO",
    "TV", "UM", "AND", "ARE", "ARM", "BEN", "CAN", "COD", "COM", "FRO", "GIN", "GUM", "HUN", "KEN",
    "LIE", "MAC", "MAR", "NOR", "PAN", "PER", "TON", "VAT",
))  # fmt: skip

# Common short forms of a territory: "uk-out" is what a desk types, "gb-out" is the ISO form.
SLUG_ALIASES: dict[str, str] = {"GB": "uk"}

_DROP = re.compile(r"[.'’`]")
_SPACE = re.compile(r"[\s,-]+")


def fold_name(text: str) -> str:
    """'Côte d’Ivoire' → 'cote divoire', 'U.S.A.' → 'usa', 'St. Lucia' → 'saint lucia'."""
    words = _SPACE.sub(" ", _DROP.sub("", anyascii(text).casefold().replace("&", " and "))).split()
    return " ".join("saint" if w == "st" else w for w in words)


def _index() -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for alpha2, alpha3, names in ISO_3166 + EXTRA_TERRITORIES:
        for name in names:
            index[fold_name(name)] = (alpha2,)
        for code in (alpha2, alpha3):
            if code not in AMBIGUOUS_CODES:
                index[code.casefold()] = (alpha2,)
    for name, codes in ALIASES.items():
        index[fold_name(name)] = codes
    return index


_INDEX = _index()
KNOWN_CODES: frozenset[str] = frozenset(row[0] for row in ISO_3166 + EXTRA_TERRITORIES)
MAX_NAME_WORDS = max(len(key.split()) for key in _INDEX)


def territory_codes(phrase: str) -> tuple[str, ...] | None:
    """ISO alpha-2 codes for a country name, code or region phrase; None if it is none."""
    return _INDEX.get(fold_name(phrase))
