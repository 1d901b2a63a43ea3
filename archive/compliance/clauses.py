"""Cut agency restriction text into clauses without cutting through what must stay whole.

Separators: ". ", ";", "/", "|", "•", en/em dashes, newlines, " - ". Kept whole: credit lines
("Mandatory Credit: Photo by John Smith/Shutterstock (12345a)", quoted AFP credits), URLs and
e-mail addresses, dates ("15/05/2023", "15.05.2023", "00.01"), initials and abbreviations
("U.K.", "J. Smith", "12:01 a.m."), and slash-joined lists ("TV/INTERNET OUT", "UK/IRELAND OUT").
A clause may still hold several rules ("NO MARKETING NO ADVERTISING CAMPAIGNS"): the rules
module finds them inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.compliance.countries import territory_codes

_X = re.IGNORECASE | re.VERBOSE

# Where a restriction begins. An unquoted credit line ends before one, and a territory list
# followed by anything else ("NO USE IN UK TABLOIDS") is not a territory rule.
STARTER = (
    r"(?:(?:for\s+|strictly\s+)?editorial\b|restricted\b|no\b|not\b|do\s+not\b|exclusive\b"
    r"|embargo|out\b|mandatory\b|must\b|may\s+only\b|non[\s-]?commercial\b|\d+[\s-]+days?\b)"
)

# A "." ends a sentence only before a space or the end, and not after a lone letter ("U.K.",
# "J. Smith", "a.m.") or a common abbreviation ("Mr.", "St.", "Ltd.").
_PERIOD = (
    r"(?<!\W[^\W\d_])(?<!^[^\W\d_])"
    r"(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)(?<!\bjr)(?<!\bsr)(?<!\binc)(?<!\bltd)"
    r"(?<!\bco)(?<!\bcorp)\.(?=\s|$)"
)
_SEPARATOR = re.compile(
    rf"[;|\n\r•·]+|\s[-–—]+\s|[–—]|{_PERIOD}|[!?](?=\s|$)|(?<!\d)/|/(?!\d)", re.IGNORECASE
)
_PROTECT = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)

_CREDIT_HEAD = re.compile(
    r"""\b(?:
        (?:mandatory|compulsory|obligatory)\s+(?:photo\s+|picture\s+|image\s+)?(?:credit|byline)
            (?:\s+line)?(?:\s+required)?
        |(?:photo\s+|picture\s+|pic\s+|image\s+)?credit\s+(?:line\s+)?(?P<read>(?:should|must)\s+read)
        |(?:please|must)\s+credit
    )\b""",
    _X,
)
# A bare credit line written as the whole instruction: kept whole, but it is not a requirement.
_BYLINE = re.compile(r"\b(?:photo|picture|pic|image)s?\s+(?:by|courtesy(?:\s+of)?)\b", _X)
_CREDIT_INTRO = re.compile(r"\s*[:：]\s*|\s+(?=[\"“«]|(?:photo|picture|pic|image)s?\s+by\b)", _X)
_CREDIT_STOP = re.compile(
    rf"""[;|\n\r•]|\s[-–—]+\s|[–—]|{_PERIOD}
        |(?:\s*[,/]\s*|\s+)(?={STARTER})""",
    _X,
)
_AGENCY_ID = re.compile(r"\(\s*\d{4,}[a-z]{0,3}\s*\)", re.IGNORECASE)  # Rex/Shutterstock id
_QUOTES = {'"': '"', "“": "”", "«": "»"}
_MEDIUM_WORD = re.compile(
    r"tv|television|mags?|magazines?|newspapers?|books?|internet|online|web|social", re.I
)
_STARTS_RULE = re.compile(STARTER, re.IGNORECASE)
_LAST_WORD = re.compile(r"([^\W_]+)\s*$")
_FIRST_WORD = re.compile(r"\s*([^\W_]+)")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    credit: str | None = None  # the credit line, for a "Mandatory Credit: …" clause
    byline: bool = False  # a credit-shaped clause that states no requirement


def _credit_end(text: str, start: int) -> int:
    """Where an unquoted or quoted credit line that starts at text[start] ends."""
    close = _QUOTES.get(text[start : start + 1])
    if close is not None:
        found = text.find(close, start + 1)
        if found != -1:
            return found + 1
    end = len(text)
    stop = _CREDIT_STOP.search(text, start)
    if stop is not None:
        end = stop.start()
    agency_id = _AGENCY_ID.search(text, start, end)
    if agency_id is not None:
        end = agency_id.end()
    return end


def _credit_spans(text: str) -> list[Clause]:
    spans: list[Clause] = []
    pos = 0
    for head in _CREDIT_HEAD.finditer(text):
        if head.start() < pos:
            continue
        intro = _CREDIT_INTRO.match(text, head.end())
        if intro is None and head.group("read"):
            intro = re.compile(r"\s+").match(text, head.end())
        if intro is None or intro.end() >= len(text):
            continue  # a bare "MANDATORY CREDIT": the rules module reads it
        end = _credit_end(text, intro.end())
        credit = text[intro.end() : end].strip().strip('"“”«»').strip()
        if credit:
            spans.append(Clause(head.start(), end, credit=credit))
            pos = end
    credits = list(spans)
    pos = 0
    for byline in _BYLINE.finditer(text):
        if byline.start() >= pos and not any(s.start <= byline.start() < s.end for s in credits):
            end = _credit_end(text, byline.end())
            spans.append(Clause(byline.start(), end, byline=True))
            pos = end
    return sorted(spans, key=lambda s: s.start)


def _slash_joins(text: str, at: int) -> bool:
    """'TV / INTERNET', 'club/league', 'REUTERS/Jane Doe': one clause, not two.

    A glued slash separates clauses only before a rule ("EDITORIAL USE ONLY/NO SALES"); a
    spaced one always does, except between two media or two territories ("UK / IRELAND OUT").
    """
    glued = 0 < at < len(text) - 1 and not text[at - 1].isspace() and not text[at + 1].isspace()
    if glued:
        return _STARTS_RULE.match(text, at + 1) is None
    before = _LAST_WORD.search(text, 0, at)
    after = _FIRST_WORD.match(text, at + 1)
    if before is None or after is None:
        return False
    words = (before.group(1), after.group(1))
    if all(_MEDIUM_WORD.fullmatch(w) for w in words):
        return True
    return all(territory_codes(w) for w in words)


def split_clauses(text: str) -> list[Clause]:
    """Clauses of `text` in order, as spans (padding and separators excluded)."""
    specials = _credit_spans(text)
    protected = bytearray(len(text))  # 1 where no separator may cut
    for start, end in [(s.start, s.end) for s in specials] + [
        (m.start(), m.end()) for m in _PROTECT.finditer(text)
    ]:
        protected[start:end] = b"\x01" * (end - start)
    cuts: list[tuple[int, int]] = [(s.start, s.start) for s in specials]
    cuts += [(s.end, s.end) for s in specials]
    for sep in _SEPARATOR.finditer(text):
        if any(protected[sep.start() : sep.end()]):
            continue
        if sep.group() == "/" and _slash_joins(text, sep.start()):
            continue
        cuts.append((sep.start(), sep.end()))
    by_start = {s.start: s for s in specials}
    clauses: list[Clause] = []
    pos = 0
    for cut_start, cut_end in [*sorted(cuts), (len(text), len(text))]:
        if cut_start < pos:
            continue
        start, end = pos, cut_start
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            special = by_start.get(start)
            if special is not None and special.end == end:
                clauses.append(special)
            else:
                clauses.append(Clause(start, end))
        pos = cut_end
    return clauses
