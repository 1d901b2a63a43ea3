"""Writing a credit line from its parties, in the distributor's published form.

A distributor's ``parties`` form in the pack lists the slots in order, each optional group in
brackets with its connector: ``[{creator}/][{collection}/][{partner} via ]Getty Images[ for
{client}]``. A group is written only when its slots have values; ``[{creator} - {role}/|
{creator}/]`` tries alternatives in turn ("Chris Jackson - WPA Pool/Getty Images"). Slots:
``creator`` (a person), ``role`` (Pool, Handout…), ``collection`` (the distributor's own brands
and, when the form has no ``partner`` slot, every other agency), ``partner`` (agencies from
outside the family), ``client`` (Netflix, BAFTA). A line of one person and at most one brand
of the distributor is written in that entry's own ``format`` (``AP Photo/{photographer}``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archive.credits.pack import Agency
from archive.credits.parties import CLIENT, COLLECTION, CREATOR, DISTRIBUTOR, Party
from archive.credits.registry import AgencyRegistry
from archive.credits.render import render_or_none

SLOTS = ("creator", "role", "collection", "partner", "client")
_GROUP = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def check_template(text: str) -> None:
    """ValueError naming the mistake in a pack's ``parties`` form."""
    if text.count("[") != text.count("]"):
        raise ValueError(f"'parties' form {text!r} has unbalanced brackets")
    for name in _SLOT.findall(text):
        if name not in SLOTS:
            raise ValueError(
                f"'parties' form {text!r}: unknown slot {{{name}}} (known: {', '.join(SLOTS)})"
            )
    if _SLOT.search(_GROUP.sub("", text)):
        raise ValueError(f"'parties' form {text!r}: put every slot inside [brackets]")


def default_template(distributor: Agency, written: str | None = None) -> str:
    name = written or distributor.party
    return f"[{{creator}}/][{{role}}/][{{client}}/][{{collection}}/]{name}"


def fill_template(text: str, values: dict[str, list[str]]) -> str:
    used: set[str] = set()

    def group(m: re.Match[str]) -> str:
        for alternative in m.group(1).split("|"):
            names = _SLOT.findall(alternative)
            if all(values.get(n) and n not in used for n in names):
                used.update(names)
                return _SLOT.sub(lambda s: "/".join(values[s.group(1)]), alternative)
        return ""

    return _GROUP.sub(group, text)


def _family(reg: AgencyRegistry, entry: Agency, distributor: Agency) -> bool:
    return entry.name == distributor.name or distributor.name in reg.parents_of(entry.name)


def distributor_of(reg: AgencyRegistry, parties: Sequence[Party]) -> Agency | None:
    for party in parties:
        if party.role == DISTRIBUTOR and party.agency:
            return reg.get(party.agency)
    for party in parties:
        if party.role == COLLECTION and party.agency:
            found = reg.get(party.agency)
            if found is not None:
                return reg.root_of(found)
    return None


def brand_of(reg: AgencyRegistry, parties: Sequence[Party]) -> Agency | None:
    """The most specific pack entry the line is filed under: the brand, else the distributor."""
    distributor = distributor_of(reg, parties)
    for party in parties:
        if party.role == COLLECTION and party.agency:
            entry = reg.get(party.agency)
            if entry is not None and (distributor is None or _family(reg, entry, distributor)):
                return entry
    return distributor


def compose(reg: AgencyRegistry, parties: Sequence[Party]) -> str | None:
    """The line in the distributor's form; None when it cannot be written (no agency known,
    or a party the form requires, such as WireImage's photographer, is missing)."""
    distributor = distributor_of(reg, parties)
    persons = [p.name for p in parties if p.is_person]
    roles = [p.name for p in parties if p.role == CREATOR and not p.is_person]
    collections = [p for p in parties if p.role == COLLECTION]
    clients = [p.name for p in parties if p.role == CLIENT]
    if distributor is None:
        if not any(p.agency for p in parties):
            return None
        return "/".join(p.name for p in parties)  # "Handout/Netflix": no form to follow
    own = [c for c in collections if c.agency and _family(reg, reg.require(c.agency), distributor)]
    if not roles and not clients and len(persons) <= 1 and len(collections) == len(own) <= 1:
        entry = reg.require(own[0].agency) if own else distributor  # type: ignore[arg-type]
        if not entry.takes_provider:
            return render_or_none(entry, persons[0] if persons else None, None)
    written = next((p.name for p in parties if p.role == DISTRIBUTOR), None)
    template = distributor.parties or default_template(distributor, written)
    values: dict[str, list[str]] = {
        "creator": persons,
        "role": roles,
        "client": clients,
        "collection": [c.name for c in own],
        "partner": [c.name for c in collections if c not in own],
    }
    slots = set(_SLOT.findall(template))
    if values["partner"] and values["collection"] and "partner" in slots:
        # "SOPA Images/LightRocket via Getty Images": several agencies keep the line's order.
        values["partner"] = [c.name for c in collections]
        values["collection"] = []
    if "partner" not in slots:
        values["collection"] += values.pop("partner")
    if "client" not in slots:
        values["collection"] = values.pop("client") + values["collection"]
    if "role" not in slots:
        values["creator"] += values.pop("role")
    if persons and "creator" not in slots:
        return None
    return fill_template(template, values)


__all__ = ["CREATOR", "brand_of", "check_template", "compose", "distributor_of"]
