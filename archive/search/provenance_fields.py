"""Search keys over provenance (issue #19 §3): ``source:ai``, ``source:capture``,
``source-type:NAME``, ``c2pa:valid|invalid|none``, ``datamining:…``.

``source:`` is also the IPTC Source field (iptc_fields.py): only the two values ``ai``
and ``capture`` are provenance classes, registered in its ``SOURCE_CLASSES``; any other
``source:`` text still searches the Source field (``source:"getty images europe"``).

Each key compares indexed columns of the photo row, so both engines answer them alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func

from archive.db.read_tables import photo
from archive.provenance.vocab import (
    DATA_MINING,
    GENERATED_KINDS,
    SOURCE_TYPES,
    data_mining_short,
    source_type_term,
)
from archive.search.fields import Context, Predicate, register_field
from archive.search.iptc_fields import SOURCE_CLASSES
from archive.search.nodes import Field

C2PA_VALUES = ("valid", "invalid", "none", "untrusted", "hash-mismatch", "signature-invalid")
_DMI_SHORT = {data_mining_short(t): t for t in DATA_MINING}


def _kind(*kinds: str) -> Predicate:
    terms = sorted(t for t, s in SOURCE_TYPES.items() if s.kind in kinds)
    return _known(photo.c.digital_source_type, photo.c.digital_source_type.in_(terms))


def _known(column: Any, cond: ColumnElement[bool]) -> ColumnElement[bool]:
    # "is not null" first: a NULL must make the key false, not unknown, so that a negated
    # key (-source:ai, -c2pa:valid) finds the photos that state nothing too.
    return and_(column.is_not(None), cond)


def _source_ai(_node: Field, _ctx: Context) -> Predicate:
    return _kind(*GENERATED_KINDS)


def _source_capture(_node: Field, _ctx: Context) -> Predicate:
    return _kind("capture")


def _source_type(node: Field, _ctx: Context) -> Predicate:
    value = node.value.strip()
    if not value:
        raise node.error(
            "source-type: needs a Digital Source Type, e.g. source-type:digitalCapture"
        )
    if value.lower() == "none":
        return photo.c.digital_source_type.is_(None)
    term = source_type_term(value) or value
    if term in SOURCE_TYPES:
        return _known(photo.c.digital_source_type, photo.c.digital_source_type == term)
    # A term outside the vocabulary is kept as the file wrote it: match it case-insensitively.
    cond: ColumnElement[bool] = and_(
        photo.c.digital_source_type.is_not(None),
        func.lower(photo.c.digital_source_type) == term.lower(),
    )
    return cond


def _c2pa(node: Field, _ctx: Context) -> Predicate:
    value = node.value.strip().lower()
    if value not in C2PA_VALUES:
        raise node.error(f"c2pa: is one of {', '.join(C2PA_VALUES)}")
    if value == "none":
        return photo.c.c2pa_state.is_(None)
    if value == "invalid":  # present but not valid, whatever failed
        return and_(photo.c.c2pa_state.is_not(None), photo.c.c2pa_state != "valid")
    return _known(photo.c.c2pa_state, photo.c.c2pa_state == value)


def _datamining(node: Field, _ctx: Context) -> Predicate:
    value = node.value.strip().lower().removeprefix("dmi-")
    if value == "none":
        return photo.c.data_mining.is_(None)
    if value == "prohibited":  # every prohibiting term, with or without exceptions
        return and_(photo.c.data_mining.is_not(None), photo.c.data_mining.like("DMI-PROHIBITED%"))
    if value in _DMI_SHORT:
        return _known(photo.c.data_mining, photo.c.data_mining == _DMI_SHORT[value])
    choices = ", ".join(["none", "prohibited", *sorted(k for k in _DMI_SHORT if k != "prohibited")])
    raise node.error(f"datamining: is one of {choices}")


SOURCE_CLASSES["ai"] = _source_ai
SOURCE_CLASSES["capture"] = _source_capture
register_field("source-type", _source_type, aliases=("sourcetype",))
register_field("c2pa", _c2pa, aliases=("credentials",))
register_field("datamining", _datamining, aliases=("data-mining",))

__all__ = ["C2PA_VALUES"]
