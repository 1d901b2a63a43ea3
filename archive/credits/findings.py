"""Why a credit line is not the one to publish: ``credit-format`` and ``credit-mismatch``.

``credit-mismatch``: the line leaves out a party the agency's own evidence names (the By-line's
photographer, the Source's brand, the caption's credit instruction) or contradicts it (another
photographer, another agency). ``credit-format``: the line's own parties are not written in
the agency's form (spelling, order, connectors, a retired name such as REX) or it leaves out
the photographer the catalogue has filed. Each carries the proposed line as its fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archive.credits.compose import compose, distributor_of
from archive.credits.parties import CREATOR, DISTRIBUTOR, LineReading, Party, iim_sized
from archive.credits.patterns import normalise
from archive.credits.registry import AgencyRegistry
from archive.text import fold, possessive

FORMAT, MISMATCH = "credit-format", "credit-mismatch"
FILED = "filed"


@dataclass(frozen=True)
class CreditFinding:
    code: str  # credit-format | credit-mismatch
    message: str
    fix: str
    proposed: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"rule": self.code, "message": self.message, "fix": self.fix,
                "proposed": self.proposed}  # fmt: skip


def _fix(proposed: str | None, dist: str | None, example: str | None) -> str:
    if proposed:
        return f"Change the credit line to '{proposed}'."
    if dist and example:
        return f"Rewrite the credit line as {dist} asks: '{example}'."
    return "Check the credit with the agency and correct the credit line."


def _cut(ours: str, theirs: str) -> bool:
    return iim_sized(theirs) and fold(ours).startswith(fold(theirs))


def judge(
    reg: AgencyRegistry,
    kept: str | None,
    ours: LineReading | None,
    proposed: str | None,
    parties: Sequence[Party],
    origin: Mapping[Party, str],
    theirs: LineReading | None,
    by: LineReading | None,
    filed_person: str | None = None,
) -> tuple[CreditFinding, ...]:
    if kept is None or ours is None:
        return ()
    out: list[CreditFinding] = []
    dist = distributor_of(reg, parties)
    example = dist.example if dist else None
    fix = _fix(proposed, dist.name if dist else None, example)

    for party, where in origin.items():
        if where == FILED or party not in parties:
            continue
        what = "the photographer" if party.is_person else f"the {party.role}"
        out.append(
            CreditFinding(
                MISMATCH,
                f"the credit line '{kept}' leaves out {what} {party.name}, which {where} names",
                fix,
                proposed,
            )
        )
    mine = ours.person
    sent = by.person if by is not None else None
    known = any(p.agency for p in ours.parties)  # free text is not contradicted, only unknown
    differ = mine and sent and fold(mine.name) != fold(sent.name)
    if known and mine and sent and differ and not _cut(mine.name, sent.name):
        out.append(
            CreditFinding(
                MISMATCH,
                f"the credit names {mine.name} as the photographer, but the agency's By-line "
                f"says {sent.name}",
                "Check who took the picture and correct the credit line or the photographer.",
                proposed,
            )
        )
    our_dist = distributor_of(reg, ours.parties)
    their_dist = distributor_of(reg, theirs.parties) if theirs is not None else None
    if (
        our_dist is not None
        and their_dist is not None
        and reg.root_of(our_dist).name != reg.root_of(their_dist).name
        and theirs is not None
    ):
        expected = compose(reg, theirs.parties)
        out.append(
            CreditFinding(
                MISMATCH,
                f"the credit line says {our_dist.name}, but the agency sent it as "
                f"{their_dist.name} ('{theirs.text}')",
                _fix(expected, their_dist.name, their_dist.example),
                expected,
            )
        )

    # The line's own parties (and what the catalogue filed), written in the agency's form.
    filed = fold(filed_person) if filed_person else None

    def mine_or_filed(p: Party) -> bool:
        if p in ours.parties or origin.get(p) == FILED:
            return True
        return p.is_person and filed is not None and fold(p.name) == filed

    own = [p for p in parties if mine_or_filed(p)]
    own_line = compose(reg, own) if own else None
    if own_line is not None and normalise(kept) != own_line:
        reasons = _reasons(reg, ours, parties, origin, filed_person)
        lead = (
            f"'{kept}' is not in {possessive(dist.name)} form"
            if dist
            else f"'{kept}' is not in form"
        )
        out.append(
            CreditFinding(
                FORMAT,
                f"{lead}{': ' + '; '.join(reasons) if reasons else ''} — expected "
                f"'{proposed or own_line}'",
                fix if proposed else _fix(own_line, None, None),
                proposed or own_line,
            )
        )
    return tuple(out)


def _reasons(
    reg: AgencyRegistry,
    ours: LineReading,
    parties: Sequence[Party],
    origin: Mapping[Party, str],
    filed_person: str | None,
) -> list[str]:
    reasons = [f"'{m}' is a misspelling of {reg.require(m).name}" for m in ours.misspelt]
    for party in ours.parties:
        written = party.written
        if party.role == DISTRIBUTOR and written and party.agency:
            entry = reg.by_alias(written)
            if entry is not None and entry.successor:
                reasons.append(f"{written} pictures are now credited {entry.successor}")
            elif written not in ours.misspelt and normalise(written) != party.name:
                reasons.append(f"'{written}' is written '{party.name}'")
    lacks = filed_person and not any(p.is_person for p in ours.parties)
    if lacks and any(p.is_person and fold(p.name) == fold(filed_person or "") for p in parties):
        reasons.append(f"it leaves out the photographer, {filed_person}")
    for party, where in origin.items():
        if where == FILED and party.role == CREATOR:
            reasons.append(f"it leaves out the photographer, {party.name}")
        elif where == FILED:
            reasons.append(f"it leaves out {party.name}, under which the picture is filed")
    return reasons
