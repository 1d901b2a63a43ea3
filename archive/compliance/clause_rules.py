"""Find the rules inside one clause; whatever no rule claims is returned as UNPARSED.

Rules run in a fixed order over a working copy of the clause in which claimed characters are
blanked to NUL, so a later rule can neither re-read nor straddle an earlier rule's words.
Order matters: embargoes and time limits first (their dates and numbers contain words other
rules would misread), then explicit negations that must stay unparsed ("NON-EXCLUSIVE"), then
territories before media ("NO USE IN FRANCE" vs "NO USE IN BOOKS") before the plain phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from datetime import tzinfo

from archive.compliance.clauses import STARTER
from archive.compliance.countries import MAX_NAME_WORDS, territory_codes
from archive.compliance.dates import parse_when
from archive.compliance.model import Kind, Restriction

_X = re.IGNORECASE | re.VERBOSE
Found = tuple[int, int, Restriction]
Rule = Callable[[str, tzinfo], Iterator[Found]]

_EMBARGO = re.compile(
    r"""\b(?:(?:under\s+)?embargo(?:ed)?(?:\s+(?:until|till|til|to|before|for|at))?
        |hold\s+for\s+release(?:\s+(?:until|till|at))?
        |not\s+(?:for|to\s+be)\s+(?:publication|published|released?|used|broadcast|distributed)
            \s+(?:until|till|before)(?:\s+after)?
        |no\s+(?:use|publication)\s+(?:before|until))\b(?:\s*[:-])?\s*""",
    _X,
)

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fourteen": 14, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_N = rf"(?P<n>\d{{1,4}}|{'|'.join(_NUMBERS)})[\s-]+(?P<unit>days?|weeks?|hours?)\b"
_FROM = (
    r"(?:\s+(?:from|after|of|following)\s+(?:the\s+)?(?:(?:time|date)\s+of\s+)?(?:transmission"
    r"|publication|release|issue|receipt|distribution|delivery|download|posting|capture))?"
)
_TIME_LIMIT = [
    re.compile(p + _FROM, _X)
    for p in (
        rf"""\b(?:(?:this|the)\s+(?:image|photo(?:graph)?|picture|content|material)\s+)?
            (?:may|can|is\s+to)\s+(?:only\s+)?be\s+used\s+(?:only\s+)?(?:for|within)\s+
            (?:up\s+to\s+)?(?:a\s+(?:period|maximum)\s+of\s+)?{_N}(?:\s+only)?""",
        rf"\b(?:(?:for|to\s+be)\s+)?used?\s+(?:only\s+)?within\s+{_N}",
        rf"\b{_N}\s+(?:use|usage|licen[cs]e)(?:\s+only)?\b",
        rf"\b(?:usage|use|licen[cs]e)\s+(?:is\s+)?(?:limited|restricted)\s+to\s+{_N}",
        rf"\b(?:only\s+)?valid\s+for\s+{_N}(?:\s+only)?",
        rf"\b(?:must\s+)?not\s+(?:to\s+)?be\s+used\s+(?:after|beyond|more\s+than)\s+{_N}",
    )
]
_UNIT_DAYS = {"d": 1, "w": 7}

# Explicit negations and near-misses that must never fire a rule, kept as unparsed evidence.
_GUARDS = [
    re.compile(p, _X)
    for p in (
        r"\bnon[\s-]?exclusive\w*|\bnot\s+exclusive\b",
        r"\b(?:no|not)\s+(?:for\s+)?editorial\b(?:\s+(?:use|usage|purposes?))?",
        r"\b(?:no\s+)?book[\s-]+covers?\b(?:\s+(?:use|usage))?",
    )
]

_MEDIUM = (
    r"(?:tv|television|broadcast(?:ing)?|mags?|magazines?|newspapers?|papers|books?|internet"
    r"|online|web(?:sites?)?|social(?:\s+media|\s+networks?)?)\b"
)
_MK = (
    r"(?:marketing|advertising|advertisements?|adverts?|ads|commercial|promotional|promotions?"
    r"|merchandising|merchandise|endorsements?|sponsorship)\b"
)
_LIST = r"(?:\s*(?:,|/|&|\+)\s*|\s+(?:and|or)\s+)(?:no\s+)?"
_MK_TAIL = r"(?:\s+(?:use|usage|uses|purposes?|campaigns?|rights|materials?|products?)\b)*"


def _run(word: str) -> re.Pattern[str]:
    # Atomic: a list is read once, whole. Trying every shorter list (and every start inside it)
    # on a failed match made "TV AND TV AND … OUT"-style input quadratic.
    return re.compile(rf"\b(?>{word}(?:{_LIST}{word})*)", re.IGNORECASE)


_MEDIA_RUN = _run(_MEDIUM)
_MEDIA_HEAD = re.compile(
    r"""\b(?:(?:no|not\s+for|not\s+to\s+be\s+used)\s+(?:(?:use|usage|publication)\s+)?
        (?:(?:in|on|by)\s+)?|out\s*:\s*)""",
    _X,
)
_MEDIA_TAIL = re.compile(r"(?:\s+(?:use|usage|sales?|publication|rights|distribution)\b)?", _X)
_MEDIA_AFTER = re.compile(r"\s*,?\s+out\b", _X)
_MEDIUM_OF = (
    ("tv", "tv"), ("tel", "tv"), ("bro", "tv"), ("mag", "magazines"), ("new", "newspapers"),
    ("pap", "newspapers"), ("boo", "books"), ("int", "internet"), ("onl", "internet"),
    ("web", "internet"), ("soc", "social"),
)  # fmt: skip
_MEDIUM_WORD = re.compile(_MEDIUM, re.IGNORECASE)
# "NO ONLINE USE BEFORE 21:00 GMT 3 June 2024": an embargo on some media only.
_MEDIA_EMBARGO = re.compile(
    rf"""\b(?:no|not\s+for)\s+(?P<list>(?>{_MEDIUM}(?:{_LIST}{_MEDIUM})*))
        (?:\s+(?:use|usage|publication))?\s+(?:before|until|till)\b\s*""",
    _X,
)

_MK_RUN = _run(_MK)
_MK_HEAD = re.compile(
    r"\b(?:no|not\s+for|not\s+to\s+be\s+used\s+(?:in|for))\s+"
    r"(?:(?:use|usage|sale)\s+(?:in|for|on)\s+)?",
    _X,
)
_MK_TAIL_RE = re.compile(_MK_TAIL, _X)
_MK_AFTER = re.compile(
    rf"{_MK_TAIL}\s+(?:is\s+|are\s+)?(?:not\s+(?:permitted|allowed)|prohibited|out)\b", _X
)

_SIMPLE: list[tuple[Kind, re.Pattern[str]]] = [
    (kind, re.compile(p, _X))
    for kind, p in (
        (Kind.MODEL_RELEASE_NONE, r"\bno\s+model\s+(?:or\s+property\s+)?releases?\b"
            r"(?:\s+(?:available|obtained|on\s+file))?"),
        (Kind.MODEL_RELEASE_NONE, r"\bnot\s+model[\s-]+released\b"),
        (Kind.MODEL_RELEASE_NONE, r"\bmodel\s+releases?\s+(?:is\s+|are\s+)?"
            r"(?:not\s+(?:available|obtained)|unavailable|none)\b"),
        (Kind.NO_MARKETING, rf"\bnon[\s-]?commercial{_MK_TAIL}(?:\s+only)?"),
        (Kind.NO_SALES, r"\b(?:no|not\s+for)\s+(?:third[\s-]+party\s+)?(?:re-?)?(?:sales?|selling)"
            r"\b(?:\s+rights)?"),
        (Kind.NO_ARCHIVE, r"\b(?:no|not\s+for)\s+archiv\w*(?:\s+(?:use|usage|purposes|permitted"
            r"|allowed))*"),
        (Kind.NO_ARCHIVE, r"\b(?:do\s+)?not\s+(?:to\s+be\s+)?archiv\w*"),
        (Kind.NO_ARCHIVE, r"\barchiv\w*\s+(?:is\s+)?(?:not\s+(?:permitted|allowed)|prohibited"
            r"|out)\b|\bdelete\s+after\s+use\b"),
        (Kind.EDITORIAL_ONLY, r"\b(?:(?:this\s+)?(?:content|image|photo(?:graph)?|picture)\s+is"
            r"\s+)?(?:intended\s+)?(?:only\s+)?for\s+editorial\s+(?:use|usage|purposes?)"
            r"(?:\s+only)?"),
        (Kind.EDITORIAL_ONLY, r"\b(?:(?:strictly|only)\s+)?(?:for\s+)?editorial\s+"
            r"(?:(?:use|usage|purposes)\s+)?only\b"),
        (Kind.EDITORIAL_ONLY, r"\b(?:restricted|limited)\s+to\s+editorial"
            r"(?:\s+(?:use|usage|purposes?))?(?:\s+only)?"),
        (Kind.EDITORIAL_ONLY, r"\beditorial\s+(?:use|usage)\b"),
        (Kind.EXCLUSIVE, r"\b(?:world(?:wide)?\s+|global\s+)?exclusive\b"
            r"(?:\s+(?:pictures?|photos?|images?|content|rights|coverage))?"),
        (Kind.MANDATORY_CREDIT, r"\b(?:mandatory|compulsory|obligatory)\s+(?:photo\s+|picture\s+)?"
            r"(?:credit|byline)(?:\s+line)?(?:\s+required)?\b"),
        (Kind.MANDATORY_CREDIT, r"\b(?:photo\s+)?(?:credit|byline)\s+(?:is\s+)?"
            r"(?:mandatory|required|compulsory|obligatory)\b|\b(?:please|must)\s+credit\b"),
    )
]  # fmt: skip

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")
_OUT = re.compile(r"\bout\b", re.IGNORECASE)
_OUT_COLON = re.compile(r"\s*:\s*")
_IN_TERRITORY = re.compile(
    r"""\b(?:(?:no|not\s+for)\s+(?:use|usage|sales?|publication|distribution|broadcast)
        |not\s+to\s+be\s+(?:used|published|sold|distributed))\s+(?:in|within)\s+""",
    _X,
)
_NAME_GAP = re.compile(r"[\s&-]*")
_LIST_GAP = re.compile(r"\s*[,/+&]\s*|\s+")
_TAIL_GAP = re.compile(r"\s*,?\s*")
_CONNECTOR = ("and", "or")
_STARTS_RULE = re.compile(STARTER, re.IGNORECASE)


def _embargo(s: str, tz: tzinfo) -> Iterator[Found]:
    heads = sorted([*_EMBARGO.finditer(s), *_MEDIA_EMBARGO.finditer(s)], key=lambda m: m.start())
    for head in heads:
        read = parse_when(s, head.end(), tz)
        if read is None:  # never guessed: the whole rest of the clause is the evidence
            yield head.start(), len(s), Restriction(Kind.UNPARSED, s[head.start() :].strip())
            continue
        until, end = read
        media = _media_names(head.group("list")) if "list" in head.re.groupindex else ()
        rule = Restriction(Kind.EMBARGO, s[head.start() : end], until=until, media=media)
        yield head.start(), end, rule


def _time_limit(s: str, tz: tzinfo) -> Iterator[Found]:
    for pattern in _TIME_LIMIT:
        for m in pattern.finditer(s):
            n, unit = m.group("n").casefold(), m.group("unit").casefold()
            count = _NUMBERS.get(n) or int(n)
            if unit.startswith("h"):
                days, rest = divmod(count, 24)
                if rest:  # 36 hours is not a whole number of days: leave it for a human
                    continue
            else:
                days = count * _UNIT_DAYS[unit[0]]
            if days >= 1:
                yield m.start(), m.end(), Restriction(Kind.TIME_LIMIT, m.group(), days=days)


def _guards(s: str, tz: tzinfo) -> Iterator[Found]:
    for pattern in _GUARDS:
        for m in pattern.finditer(s):
            yield m.start(), m.end(), Restriction(Kind.UNPARSED, m.group())


def _name_at(s: str, words: list[re.Match[str]], first: int, last: int) -> tuple[str, ...] | None:
    if first < 0 or last >= len(words) or first > last:
        return None
    for i in range(first, last):  # the words of one name are joined by space, "&" or "-" only
        if not _NAME_GAP.fullmatch(s, words[i].end(), words[i + 1].start()):
            return None
    return territory_codes(s[words[first].start() : words[last].end()])


def _longest_ending(s: str, words: list[re.Match[str]], last: int) -> tuple[int, tuple[str, ...]]:
    for k in range(min(MAX_NAME_WORDS, last + 1), 0, -1):
        codes = _name_at(s, words, last - k + 1, last)
        if codes:
            return last - k + 1, codes
    return -1, ()


def _longest_starting(
    s: str, words: list[re.Match[str]], first: int
) -> tuple[int, tuple[str, ...]]:
    for k in range(min(MAX_NAME_WORDS, len(words) - first), 0, -1):
        codes = _name_at(s, words, first, first + k - 1)
        if codes:
            return first + k - 1, codes
    return -1, ()


def _is_word(words: list[re.Match[str]], i: int, options: tuple[str, ...]) -> bool:
    return 0 <= i < len(words) and words[i].group().casefold() in options


def _backward(s: str, words: list[re.Match[str]], last: int) -> tuple[int, list[str]]:
    """Territories in a list that ends with words[last]: (index of first word, codes)."""
    first, codes = _longest_ending(s, words, last)
    if first < 0:
        return -1, []
    found = list(codes)
    while first > 0:
        prev = first - 1
        if _is_word(words, prev, _CONNECTOR) and _LIST_GAP.fullmatch(
            s, words[prev].end(), words[first].start()
        ):
            prev -= 1
        if prev < 0 or not _LIST_GAP.fullmatch(s, words[prev].end(), words[prev + 1].start()):
            break
        start, codes = _longest_ending(s, words, prev)
        if start < 0:
            break
        first, found = start, list(codes) + found
    return first, found


def _forward(s: str, words: list[re.Match[str]], first: int) -> tuple[int, list[str]]:
    """Territories in a list starting at words[first] ("THE UK, IRELAND OR FRANCE")."""
    found: list[str] = []
    last = -1
    i = first
    while i < len(words):
        if _is_word(words, i, ("the",)):
            i += 1
        end, codes = _longest_starting(s, words, i)
        if end < 0:
            break
        found += codes
        last = end
        i = end + 2 if _is_word(words, end + 1, _CONNECTOR) else end + 1
        if i >= len(words) or not all(
            _LIST_GAP.fullmatch(s, words[k].end(), words[k + 1].start()) for k in range(end, i)
        ):
            break
    return last, found


def _ends_cleanly(s: str, words: list[re.Match[str]], last: int) -> bool:
    """After a forward list only the end, punctuation or another rule may follow."""
    nxt = last + 1
    if nxt >= len(words) or not s[words[last].end() : words[nxt].start()].isspace():
        return True
    return _STARTS_RULE.match(s, words[nxt].start()) is not None


def _territory(s: str, tz: tzinfo) -> Iterator[Found]:
    words = list(_WORD.finditer(s))
    starts = [w.start() for w in words]

    def forward_from(head_end: int, head_start: int) -> Found | None:
        i = bisect_left(starts, head_end)
        last, codes = _forward(s, words, i)
        if codes and _ends_cleanly(s, words, last):
            return (
                head_start,
                words[last].end(),
                _territory_rule(s[head_start : words[last].end()], codes),
            )
        return None

    for out in _OUT.finditer(s):
        colon = _OUT_COLON.match(s, out.end())
        found = forward_from(colon.end(), out.start()) if colon else None
        if found is None:
            last = bisect_left(starts, out.start()) - 1
            if last >= 0 and _TAIL_GAP.fullmatch(s, words[last].end(), out.start()):
                first, codes = _backward(s, words, last)
                if codes:
                    start = words[first].start()
                    found = start, out.end(), _territory_rule(s[start : out.end()], codes)
        if found is not None:
            yield found
    for head in _IN_TERRITORY.finditer(s):
        found = forward_from(head.end(), head.start())
        if found is not None:
            yield found


def _territory_rule(text: str, codes: list[str]) -> Restriction:
    unique = tuple(dict.fromkeys(codes))  # "UK, BRITAIN OUT" is one country
    return Restriction(Kind.TERRITORY_OUT, text, territories=unique)


def _lists(
    s: str,
    run: re.Pattern[str],
    head: re.Pattern[str],
    tail: re.Pattern[str],
    after: re.Pattern[str],
) -> Iterator[tuple[int, int, str]]:
    """'NO <list>[ tail]' or '<list> <after>' ('NO TV, NO INTERNET USE', 'MAGS OUT'), linearly."""
    heads = {m.end(): m.start() for m in head.finditer(s)}
    for found in run.finditer(s):
        if found.start() in heads:
            end = tail.match(s, found.end())
            yield heads[found.start()], end.end() if end else found.end(), found.group()
        elif (out := after.match(s, found.end())) is not None:
            yield found.start(), out.end(), found.group()


def _media(s: str, tz: tzinfo) -> Iterator[Found]:
    for start, end, words in _lists(s, _MEDIA_RUN, _MEDIA_HEAD, _MEDIA_TAIL, _MEDIA_AFTER):
        yield start, end, Restriction(Kind.MEDIA_OUT, s[start:end], media=_media_names(words))


def _media_names(words: str) -> tuple[str, ...]:
    """'MAGS, TV AND WEB' → ('magazines', 'tv', 'internet')."""
    media: list[str] = []
    for word in _MEDIUM_WORD.findall(words):
        key = word.casefold()
        media += [name for prefix, name in _MEDIUM_OF if key.startswith(prefix)][:1]
    return tuple(dict.fromkeys(media))


def _marketing(s: str, tz: tzinfo) -> Iterator[Found]:
    for start, end, _ in _lists(s, _MK_RUN, _MK_HEAD, _MK_TAIL_RE, _MK_AFTER):
        yield start, end, Restriction(Kind.NO_MARKETING, s[start:end])


def _simple(s: str, tz: tzinfo) -> Iterator[Found]:
    for kind, pattern in _SIMPLE:
        for m in pattern.finditer(s):
            yield m.start(), m.end(), Restriction(kind, m.group())


RULES: tuple[Rule, ...] = (_embargo, _time_limit, _guards, _territory, _media, _marketing, _simple)

# Words that carry no rule of their own between two rules ("EDITORIAL USE ONLY AND NO SALES").
# Negations ("no", "not", "except", "without") are never filler: dropping them inverts a rule.
FILLER = frozenset((
    "a", "an", "and", "also", "are", "be", "but", "for", "in", "is", "of", "only", "or", "please",
    "plus", "strictly", "the", "this", "to", "use", "usage", "with", "image", "images", "photo",
    "photos", "picture", "pictures", "note",
))  # fmt: skip
_EDGE = " \t\r\n\x00,;:.!?-–—/|&+*•·\"'“”‘’()[]{}<>#~_="
_ALNUM_WORD = re.compile(r"[^\W_]+")


def read_clause(clause: str, tz: tzinfo) -> list[tuple[int, Restriction]]:
    """(position, rule) for every rule in the clause, and UNPARSED for what is left over."""
    work = clause
    found: list[tuple[int, Restriction]] = []
    for rule in RULES:
        for start, end, restriction in list(rule(work, tz)):
            if "\x00" in work[start:end] or start == end:
                continue  # overlaps something an earlier rule (or match) already claimed
            found.append((start, restriction))
            work = work[:start] + "\x00" * (end - start) + work[end:]
    for leftover in re.finditer(r"[^\x00]+", work):
        start = leftover.start() + len(leftover.group()) - len(leftover.group().lstrip(_EDGE))
        text = leftover.group().strip(_EDGE)
        words = [w.casefold() for w in _ALNUM_WORD.findall(text)]
        if words and (not found or any(w not in FILLER for w in words)):
            found.append((start, Restriction(Kind.UNPARSED, text)))
    return sorted(found, key=lambda item: item[0])
