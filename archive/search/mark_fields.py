"""Search keys for the desk's culling marks: ``rating:`` and ``label:``.

``rating:5`` exactly five stars; ``rating:>=3``, ``rating:>3``, ``rating:<=2``,
``rating:<2`` and ``rating:2..4`` compare over the star ratings 1–5 (a rejected picture
has no stars: it never counts as "fewer than 3"); ``rating:0`` / ``rating:none`` the
unrated, ``rating:-1`` / ``rating:rejected`` the rejected.

``label:red`` (yellow, green, blue, purple) the colour; ``label:none`` / ``label:any``
without / with a label; any other word matches a label of that word (``label:select``,
as Bridge writes), case-insensitively. Conditions on indexed photo columns, on both
engines alike.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, func

from archive.db.read_tables import photo
from archive.ratings import LABELS, MAX_RATING, MIN_RATING, REJECTED
from archive.search.fields import Context, Predicate, register_field
from archive.search.nodes import Field

_COMPARE = re.compile(r"(>=|<=|>|<|=)?(-?\d+)$")
_RANGE = re.compile(r"(\d+)?\.\.(\d+)?$")
RATING_HELP = (
    "rating: is 0-5 stars, e.g. rating:5, rating:>=3, rating:2..4, rating:none, rating:rejected"
)


def _stars(node: Field, text: str) -> int:
    value = int(text)
    if not MIN_RATING <= value <= MAX_RATING:
        raise node.error(RATING_HELP)
    return value


def _known(*conds: ColumnElement[bool], column: object = photo.c.rating) -> ColumnElement[bool]:
    """IS NOT NULL first: a NULL must be false, not unknown, so -label:red finds the
    unlabelled photos too (NOT of unknown is unknown, and SQL drops the row)."""
    return and_(column.is_not(None), *conds)  # type: ignore[attr-defined]


def _rating(node: Field, _ctx: Context) -> Predicate:
    value = node.value.strip().lower()
    col = photo.c.rating
    if value in ("0", "none", "=0"):
        return col.is_(None)
    if value in ("-1", "=-1", "rejected", "reject"):
        return _known(col == REJECTED)
    if value in ("any", "rated"):
        return _known(col >= MIN_RATING)
    if m := _RANGE.match(value):
        lo = _stars(node, m.group(1)) if m.group(1) else MIN_RATING
        hi = _stars(node, m.group(2)) if m.group(2) else MAX_RATING
        return _known(col >= lo, col <= hi)
    m = _COMPARE.match(value)
    if m is None:
        raise node.error(RATING_HELP)
    op, number = m.group(1) or "=", int(m.group(2))
    if op == "=":
        return _known(col == _stars(node, m.group(2)))
    if not 0 <= number <= MAX_RATING + 1:
        raise node.error(RATING_HELP)
    # Over the star ratings only: NULL (unrated) and -1 (rejected) are not "fewer stars".
    cond: ColumnElement[bool] = {
        ">=": col >= number,
        ">": col > number,
        "<=": col <= number,
        "<": col < number,
    }[op]
    return _known(col >= MIN_RATING, cond)


def _label(node: Field, _ctx: Context) -> Predicate:
    value = " ".join(node.value.split()).lower()
    if not value:
        raise node.error(f"label: is one of {', '.join(LABELS)}, none or any")
    if value == "none":
        return photo.c.label.is_(None)
    if value == "any":
        return photo.c.label.is_not(None)
    if value in LABELS:
        return _known(photo.c.label == value, column=photo.c.label)  # lower case: the index
    return _known(func.lower(photo.c.label) == value, column=photo.c.label)


register_field("rating", _rating, aliases=("stars",))
register_field("label", _label, aliases=("colour", "color"))
