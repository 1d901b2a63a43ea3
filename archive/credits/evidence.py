"""Every piece of credit evidence a picture carries, read into one answer.

Import, ``credit parse``/``explain``, the check, ``credit fix`` and the inspector all call
``read_credit``: the Credit field, the By-line, the Source, the Copyright notice and the credit
instruction agencies put in the caption or special instructions ("Mandatory Credit: Photo by
Jose Breton/NurPhoto/Shutterstock (13916040a)", "Photo credit should read: Martin Rickett/PA
Wire"). The answer keeps the agency's line as it is (a line cut at IIM's 32 bytes is completed
from the rule) and proposes the line in the agency's form with every party the evidence names;
where they differ it says why, as ``credit-format`` / ``credit-mismatch`` findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.credits.compose import brand_of, compose, distributor_of
from archive.credits.findings import CreditFinding, judge
from archive.credits.parties import (
    CLIENT,
    COLLECTION,
    CREATOR,
    DISTRIBUTOR,
    LineReading,
    Party,
    clean_line,
    read_cut_line,
    read_line,
)
from archive.credits.registry import AgencyRegistry, load_registry

_INSTRUCTION = re.compile(
    r"(?:mandatory\s+credit|(?:photo\s+|picture\s+)?credit\s+(?:should|must)\s+read)\s*:?\s*"
    r"(?P<line>[^\n]+?)\s*(?=\(\d{5,}[a-z]{0,3}\)|\n|\.\s+[A-Z]|\.?\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Evidence:
    """What the agency embedded (or what a user typed into ``credit parse``)."""

    credit: str | None = None
    byline: str | None = None
    source: str | None = None
    copyright: str | None = None
    caption: str | None = None
    instructions: str | None = None

    def as_json(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class CreditReading:
    line: str | None  # the picture's credit line: the agency's own (a proven cut completed)
    proposed: str | None  # the line in the agency's form with every party the evidence names
    parties: tuple[Party, ...]  # of the proposed line
    line_parties: tuple[Party, ...]  # of the line as it stands
    photographer: str | None
    agency: str | None  # the pack entry it is filed under (the brand: WireImage)
    parent: str | None
    distributor: str | None
    truncated: bool
    instruction: str | None  # the credit instruction found in the caption / instructions
    findings: tuple[CreditFinding, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def clear(self) -> bool:
        return not self.findings

    def as_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "proposed": self.proposed,
            "parties": [p.as_json() for p in self.parties],
            "line_parties": [p.as_json() for p in self.line_parties],
            "photographer": self.photographer,
            "agency": self.agency,
            "parent": self.parent,
            "distributor": self.distributor,
            "truncated": self.truncated,
            "instruction": self.instruction,
            "findings": [f.as_json() for f in self.findings],
            "notes": list(self.notes),
        }


def find_instruction(text: str | None) -> str | None:
    """The credit line an agency's instruction spells out, e.g. in a Shutterstock caption."""
    if not text:
        return None
    m = _INSTRUCTION.search(text)
    if m is None:
        return None
    line, _ = clean_line(m.group("line"))
    return line or None


def read_credit(
    evidence: Evidence,
    *,
    registry: AgencyRegistry | None = None,
    line: str | None = None,
    photographer: str | None = None,
    agency: str | None = None,
) -> CreditReading:
    """The one reading of a picture's credit.

    ``line`` is the credit line being judged (the catalogue's, in the check); by default the
    embedded Credit (import). ``photographer`` and ``agency`` are what the catalogue has filed,
    used when the evidence names neither.
    """
    reg = registry if registry is not None else load_registry()
    return _read(reg, evidence, line, photographer, agency)


@lru_cache(maxsize=8192)
def _read(
    reg: AgencyRegistry,
    ev: Evidence,
    line: str | None,
    filed_person: str | None,
    filed_agency: str | None,
) -> CreditReading:
    notes: list[str] = []
    instruction = find_instruction(ev.caption) or find_instruction(ev.instructions)
    judging = line is not None
    text = (line if judging else ev.credit) or None
    if text is not None and not text.strip():
        text = None
    if text is None and not judging and instruction:
        text = instruction
        notes.append(f"no Credit field: the caption's instruction gives the line '{instruction}'")
    byline = _person_text(ev.byline)
    ours = read_cut_line(reg, text, byline) if text else None
    embedded = (
        read_cut_line(reg, ev.credit, byline)
        if judging and ev.credit and ev.credit.strip()
        else None
    )
    told = read_line(reg, instruction) if instruction else None
    by = read_line(reg, ev.byline)
    src = read_line(reg, ev.source)
    if ours is not None:
        notes.append(f"credit line '{text}': {_describe(ours.parties)}")
        if ours.truncated:
            notes.append(f"'{text}' is cut at the 32-byte IIM limit; read as '{ours.text}'")

    base = _base(ours, told, embedded, by, src)
    parties = list(base.parties if base else ())
    origin: dict[Party, str] = {}
    _add_evidence(reg, parties, origin, told, "the caption's credit instruction", notes)
    _add_evidence(reg, parties, origin, embedded, "the embedded Credit", notes)
    _add_creator(parties, origin, by, filed_person, notes)
    _add_evidence(reg, parties, origin, by, "the By-line", notes)
    _add_evidence(reg, parties, origin, src, "the Source", notes)
    if not any(p.agency for p in parties):
        found = reg.find(ev.copyright) or (reg.get(filed_agency) if filed_agency else None)
        if found is not None:
            party = Party(found.party, DISTRIBUTOR, "agency", found.name)
            parties.append(party)
            origin[party] = "the Copyright notice" if reg.find(ev.copyright) else "filed"
    _add_filed_brand(reg, parties, origin, filed_agency)

    proposed = compose(reg, parties)
    line_parties = ours.parties if ours is not None else ()
    kept = text
    truncated = bool(ours and ours.truncated)
    if truncated:
        kept = ours.text if ours else text  # the cut name completed from the rule
    brand = brand_of(reg, parties)
    person = next((p.name for p in parties if p.is_person), None)
    dist = distributor_of(reg, parties)
    findings = judge(reg, kept, ours, proposed, parties, origin, embedded or told, by, filed_person)
    return CreditReading(
        line=kept,
        proposed=proposed,
        parties=tuple(parties),
        line_parties=line_parties,
        photographer=person,
        agency=brand.name if brand else None,
        parent=brand.parent if brand else None,
        distributor=dist.name if dist else None,
        truncated=truncated,
        instruction=instruction,
        findings=findings,
        notes=tuple(notes),
    )


def _person_text(byline: str | None) -> str | None:
    if not byline or not byline.strip():
        return None
    return " ".join(byline.split())


def _describe(parties: tuple[Party, ...] | list[Party]) -> str:
    return ", ".join(f"{p.role} {p.name}" for p in parties) or "no parties"


def _base(*readings: LineReading | None) -> LineReading | None:
    """The line to build on: the first reading that names an agency, else the first at all."""
    for reading in readings:
        if reading is not None and any(p.agency and p.role != CLIENT for p in reading.parties):
            return reading
    # No agency anywhere: free text ("Something odd") is not read as a person when a By-line
    # names one; the line itself is kept as it is.
    by = readings[3] if len(readings) > 3 else None
    if by is not None and by.person is not None:
        return LineReading(by.text, (by.person,))
    return next((r for r in readings[:1] if r is not None), None)


def _same(a: Party, b: Party) -> bool:
    if a.agency and b.agency:
        return a.agency == b.agency
    return a.name.casefold() == b.name.casefold()


def _add_evidence(
    reg: AgencyRegistry,
    parties: list[Party],
    origin: dict[Party, str],
    reading: LineReading | None,
    where: str,
    notes: list[str],
) -> None:
    """Brands and clients another piece of evidence names, within the line's own family."""
    if reading is None:
        return
    dist = distributor_of(reg, parties)
    theirs = distributor_of(reg, reading.parties)
    if dist is None:
        # "Handout" + Source "Netflix": the source organisation of a handout.
        for party in reading.parties:
            fits = party.role == CLIENT and _takes_client(parties, reading)
            if fits and not any(_same(party, mine) for mine in parties):
                parties.append(party)
                origin[party] = where
        return
    if theirs is None:
        return
    for party in reading.parties:
        if party.role not in (COLLECTION, CLIENT, DISTRIBUTOR) or (
            not party.agency and (party.role == DISTRIBUTOR)
        ):
            continue
        if any(_same(party, mine) for mine in parties):
            continue
        entry = reg.get(party.agency) if party.agency else None
        if party.role == DISTRIBUTOR:
            # A brand of the line's distributor sent as the Source ("WireImage" on a Getty line).
            if entry is None or dist.name not in reg.parents_of(entry.name):
                continue
            party = Party(entry.party, COLLECTION, "agency", entry.name, party.written)
        elif reg.root_of(theirs).name != reg.root_of(dist).name:
            continue  # another family: credit-mismatch says so
        if party.role == CLIENT and not _takes_client(parties, reading):
            continue
        at = _slot(parties, party)
        parties.insert(at, party)
        origin[party] = where
        notes.append(f"{where} names {party.name} ({party.role}), which the line leaves out")


def _takes_client(parties: list[Party], reading: LineReading) -> bool:
    # A Source "Netflix" completes "Handout"; a client inside another credit line is a party.
    sourced = any(
        p.role == CREATOR and p.kind in ("handout", "courtesy", "supplied") for p in parties
    )
    return sourced or len(reading.parties) > 1


def _slot(parties: list[Party], party: Party) -> int:
    """Where a party goes: before the distributor (brands, clients), after the creators."""
    for n, p in enumerate(parties):
        if p.role == DISTRIBUTOR:
            return n
    return len(parties)


def _add_creator(
    parties: list[Party],
    origin: dict[Party, str],
    by: LineReading | None,
    filed_person: str | None,
    notes: list[str],
) -> None:
    if any(p.role == CREATOR for p in parties):
        return
    person = by.person if by is not None else None
    where = "the By-line"
    if person is None and filed_person:
        person, where = Party(" ".join(filed_person.split()), CREATOR, "person"), "filed"
    if person is None:
        roles = [p for p in by.parties if p.role == CREATOR] if by is not None else []
        if not roles:
            return
        person = roles[0]
    parties.insert(0, person)  # the forms place it; order here is only for reading
    origin[person] = where
    notes.append(f"{where} gives the creator, {person.name}")


def _add_filed_brand(
    reg: AgencyRegistry, parties: list[Party], origin: dict[Party, str], filed: str | None
) -> None:
    entry = reg.get(filed) if filed else None
    dist = distributor_of(reg, parties)
    if entry is None or dist is None or entry.name == dist.name:
        return
    if dist.name not in reg.parents_of(entry.name):
        return
    if any(p.agency == entry.name for p in parties):
        return
    if any(p.role == COLLECTION for p in parties):
        return
    party = Party(entry.party, COLLECTION, "agency", entry.name)
    parties.insert(_slot(parties, party), party)
    origin[party] = "filed"
