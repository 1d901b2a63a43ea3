"""A credit line as agencies write it: an ordered sequence of parties with roles.

``Jose Breton/NurPhoto/Shutterstock`` is a creator (Jose Breton), a collection (NurPhoto) and a
distributor (Shutterstock); ``Ben Blackall/Netflix/PA Wire`` has a client (Netflix);
``Lehtikuva via AP`` a collection reaching desks through AP. Parties are joined by ``/``,
`` via ``, `` for `` and `` - ``. Reading is by segments: each segment is looked up in the
rule pack (aliases and misspellings), or is a creator role word (Pool, Handout, Courtesy of…),
or is free text whose position says what it is. The last agency of a line is its distributor;
a person after it is the creator ("AP Photo/Name", "REUTERS/Name"). An organisation is never
read as a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.credits.pack import Agency
from archive.credits.patterns import normalise
from archive.credits.registry import AgencyRegistry

CREATOR, COLLECTION, CLIENT, DISTRIBUTOR = "creator", "collection", "client", "distributor"
ROLES = (CREATOR, COLLECTION, CLIENT, DISTRIBUTOR)
IIM_LIMIT = 32
_IIM_MIN = IIM_LIMIT - 3

# Creator roles that stand where a photographer's name would (kind → how it is recognised).
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in (
        ("pool", r"(?:[A-Z]{2,5}\s+)?pool(?:\s+photo)?"),
        ("handout", r"handout(?:\s+(?:photo|picture|image))?|HO"),
        ("courtesy", r"courtesy(?:\s+of)?\s+.+|.+\s+courtesy\s+photo"),
        ("supplied", r"supplied(?:\s+(?:photo|picture|image))?|supplied\s+by\s+.+"),
        ("screengrab", r"screen\s?grab|screen\s?shot|video\s+grab|frame\s+grab"),
        ("still", r"(?:film|tv|video|movie)?\s*still"),
    )
)
_SPLIT = re.compile(r"(\s*/\s*|\s+via\s+|\s+for\s+|\s+-\s+)", re.IGNORECASE)
# "(13916040a)" after a Shutterstock line; ", File" after an AP one.
_REFERENCE = re.compile(r"\s*\((?P<ref>[0-9]{5,}[a-z]{0,3})\)\s*$", re.IGNORECASE)
_AP_SUFFIX = re.compile(r",\s*(?P<word>file|pool)\s*$", re.IGNORECASE)
_LEADS = re.compile(
    r"^(?:mandatory\s+credit\s*:?\s*(?:photo\s+by\s*:?)?"
    r"|photo\s+credit\s+should\s+read\s*:?"
    r"|(?:photo(?:graph)?s?|pictures?|pics?|images?)\s+by\b\s*:?"
    r"|(?:photo(?:graph)?|picture|pic|credit|image|copyright)\s*:"
    r"|by\s+|©\s*(?:\d{4}\s+)?|\(c\)\s*(?:\d{4}\s+)?|copyright\s+(?:\d{4}\s+)?)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Party:
    """One party of a credit line."""

    name: str  # as the published line writes it ("Shutterstock", "Jose Breton", "Pool")
    role: str  # creator | collection | client | distributor
    kind: str = "person"  # creator: person, pool, handout, courtesy…; else agency, organisation
    agency: str | None = None  # the rule pack entry, when known
    written: str = ""  # the text as it appeared, when it differs (a misspelling, "REX")

    @property
    def is_person(self) -> bool:
        return self.role == CREATOR and self.kind == "person"

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"role": self.role, "kind": self.kind, "name": self.name}
        if self.agency:
            out["agency"] = self.agency
        if self.written and self.written != self.name:
            out["written"] = self.written
        return out


@dataclass(frozen=True)
class LineReading:
    text: str  # the line, lead-ins and reference numbers removed, whitespace normalised
    parties: tuple[Party, ...]
    misspelt: tuple[str, ...] = ()  # segments the pack lists as misspellings
    truncated: bool = False  # the line is an IIM value cut at 32 bytes
    reference: str | None = None  # the agency's picture reference, e.g. 13916040a

    def of(self, role: str) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role == role)

    @property
    def distributor(self) -> Party | None:
        return next((p for p in self.parties if p.role == DISTRIBUTOR), None)

    @property
    def person(self) -> Party | None:
        return next((p for p in self.parties if p.is_person), None)


def iim_sized(text: str) -> bool:
    return _IIM_MIN <= len(text.rstrip("\x00").encode("utf-8")) <= IIM_LIMIT


def clean_line(text: str) -> tuple[str, str | None]:
    """The line without lead-ins ("Mandatory Credit: Photo by"), and its reference number."""
    s = normalise(text).strip(" .;")
    reference = None
    m = _REFERENCE.search(s)
    if m:
        reference, s = m.group("ref"), s[: m.start()]
    for _ in range(2):  # "Photo credit should read: Photo by …"
        s = _LEADS.sub("", s, count=1).strip()
    return s.strip(" .;"), reference


def role_word(text: str) -> str | None:
    for kind, regex in _ROLE_WORDS:
        if regex.fullmatch(text):
            return kind
    return None


def read_line(reg: AgencyRegistry, text: str | None) -> LineReading | None:
    """The parties of one credit line (Credit field, By-line, a caption's credit instruction)."""
    if not text or not text.strip():
        return None
    return _read(reg, text, None)


def read_cut_line(reg: AgencyRegistry, text: str, byline: str | None) -> LineReading | None:
    """As read_line, completing an IIM value cut at 32 bytes (a name completed from ``byline``)."""
    return _read(reg, text, byline)


@lru_cache(maxsize=16384)
def _read(reg: AgencyRegistry, text: str, byline: str | None) -> LineReading | None:
    s, reference = clean_line(text)
    if not s:
        return None
    truncated = False
    if iim_sized(text):
        completed = _complete(reg, s, byline)
        if completed is not None:
            s, truncated = completed, True
    pieces = _SPLIT.split(s)
    segments = [p.strip() for p in pieces[0::2]]
    joins = [" ".join(p.split()).lower() or "/" for p in pieces[1::2]]
    return _classify(reg, s, segments, joins, truncated, reference)


def _complete(reg: AgencyRegistry, s: str, byline: str | None) -> str | None:
    """The whole line when ``s`` is a 32-byte cut of a known name or of the By-line's name."""
    pieces = _SPLIT.split(s)
    if "-" in pieces[-1] and len(pieces) == 1:
        # "Name-USA TODAY Spo": the hyphenated form cut inside the agency's name.
        person, _, tail = pieces[-1].rpartition("-")
        pieces = [person, "-", tail]
    last = pieces[-1].strip()
    head = "".join(pieces[:-1])
    folded = last.casefold()
    if reg.by_alias(last) is not None:
        # Cut exactly after a short alias: "…/WireImage/Getty" is "…/WireImage/Getty Images".
        entry = reg.by_alias(last)
        assert entry is not None
        if normalise(entry.party).casefold() == folded:
            return None  # "…/Getty Images" is whole
        longer = [a for a in entry.aliases if normalise(a).casefold().startswith(folded + " ")]
        return head + min(longer, key=len) if longer and len(pieces) > 1 else None
    if byline:
        name = normalise(byline)
        if len(name) > len(last) and name.casefold().startswith(folded) and len(pieces) > 1:
            return head + name  # "REUTERS/Some Long Photographer N" + its By-line
    earlier = [reg.by_alias(p.strip()) for p in pieces[0:-1:2]]
    roots = {reg.root_of(a).name for a in earlier if a is not None}
    candidates: list[tuple[Agency, str]] = []
    for agency in reg:
        for alias in (agency.party, *agency.aliases):
            a = normalise(alias)
            # Two letters only complete a name the line's own brand leads to ("…/Ge").
            short_ok = len(folded) >= 3 or agency.name in roots
            if a.casefold().startswith(folded) and len(a) > len(last) and short_ok:
                candidates.append((agency, a))
    if len(pieces) < 2 or len({reg.root_of(a).name for a, _ in candidates}) != 1:
        return None
    # Complete to the family head's own spelling where it fits, else the shortest alias.
    heads = [(a, text) for a, text in candidates if a.parent is None] or candidates
    own = [text for a, text in heads if text == normalise(a.party)]
    return head + (own[0] if own else min((t for _, t in heads), key=len))


def _classify(
    reg: AgencyRegistry,
    text: str,
    segments: list[str],
    joins: list[str],
    truncated: bool,
    reference: str | None,
) -> LineReading:
    # Greedy: the longest run of segments that is a distributor's alias ("PA Wire/PA Images",
    # "PA Archive/Press Association Images") is one party; brands only match one segment.
    items: list[tuple[str, Agency | None, str]] = []  # (text, entry, join before it)
    misspelt: list[str] = []
    i = 0
    while i < len(segments):
        hit: tuple[int, Agency] | None = None
        for j in range(len(segments), i + 1, -1):
            run = segments[i] + "".join(joins[k] + segments[k + 1] for k in range(i, j - 1))
            entry = reg.by_alias(run)
            if entry is not None and entry.parent is None:
                hit = (j, entry)
                break
        if hit is None and role_word(segments[i]) is None:
            entry = reg.by_alias(segments[i])
            hit = (i + 1, entry) if entry is not None else None
        join = joins[i - 1] if i > 0 else ""
        if hit is None:
            items.append((segments[i], None, join))
            i += 1
            continue
        j, entry = hit
        run = segments[i] + "".join(joins[k] + segments[k + 1] for k in range(i, j - 1))
        if reg.misspelt(run):
            misspelt.append(run)
        items.append((run, entry, join))
        i = j

    agencies = [
        n for n, (_, entry, _) in enumerate(items) if entry is not None and entry.role != CLIENT
    ]
    last = agencies[-1] if agencies else -1
    parties: list[Party] = []
    have_person = False
    for n, (seg, entry, join) in enumerate(items):
        if not seg:
            continue
        if entry is not None:
            if n == last:
                dist = reg.get(entry.successor) if entry.successor else None
                dist = dist or entry
                # A platform ("Instagram") is written as itself, in the entry's spelling.
                listed = [p for p in dist.providers if p.casefold() == seg.casefold()]
                name = listed[0] if listed else dist.party
                parties.append(Party(name, DISTRIBUTOR, "agency", dist.name, seg))
            elif entry.role == CLIENT:
                parties.append(Party(entry.party, CLIENT, "organisation", entry.name, seg))
            else:
                entry = _brand_for(reg, entry, seg, items, last)
                parties.append(Party(entry.party, COLLECTION, "agency", entry.name, seg))
            continue
        if "-" in seg:
            # "Kirby Lee-USA TODAY Sports": a hyphen, no spaces, before a known name.
            person, _, tail = seg.rpartition("-")
            found = reg.by_alias(tail)
            if found is not None and person.strip():
                if reg.misspelt(tail):
                    misspelt.append(tail)
                who = role_word(person.strip()) or "person"
                parties.append(Party(person.strip(), CREATOR, who))
                have_person = have_person or who == "person"
                parties.append(Party(found.party, DISTRIBUTOR if n >= last else COLLECTION,
                                     "agency", found.name, tail))  # fmt: skip
                continue
        suffix = _AP_SUFFIX.search(seg) if n > last >= 0 else None
        if suffix is not None:
            seg = seg[: suffix.start()].strip()
        kind = role_word(seg)
        sourced = bool(parties) and parties[-1].kind in ("handout", "supplied", "courtesy")
        if kind is not None:
            parties.append(Party(seg, CREATOR, kind))
        elif join == " for " or (sourced and (n < last or last < 0)):
            # "Getty Images for BAFTA"; "Handout/Netflix/…": the source of a handout.
            parties.append(Party(seg, CLIENT, "organisation"))
        elif not have_person:
            parties.append(Party(seg, CREATOR, "person"))
            have_person = True
        else:
            parties.append(Party(seg, COLLECTION, "organisation"))
        if suffix is not None and suffix.group("word").lower() == "pool":
            parties.append(Party("Pool", CREATOR, "pool"))
    return LineReading(text, tuple(parties), tuple(misspelt), truncated, reference)


def _brand_for(
    reg: AgencyRegistry,
    entry: Agency,
    seg: str,
    items: list[tuple[str, Agency | None, str]],
    last: int,
) -> Agency:
    """ "EPA-EFE" before "Shutterstock" is the Shutterstock brand of that name, not EPA itself."""
    dist = items[last][1] if last >= 0 else None
    if dist is None or reg.root_of(entry).name == reg.root_of(dist).name:
        return entry
    folded = normalise(seg).casefold()
    for other in reg:
        same = normalise(other.party).casefold() == folded and other.parent is not None
        if same and reg.root_of(other).name == reg.root_of(dist).name:
            return other
    return entry
