"""Field handlers: ``name:value`` → a predicate, registered by name in ``FIELDS``.

A handler gets the Field node and a Context and returns either a full-text expression
(``Fts``, fast: answered by the index) or a SQLAlchemy boolean over the photo table (for
anything else, e.g. a join to a table another feature adds): over the Core handle
``archive.db.read_tables.photo``, as the fields here are, or over the model ``Photo``.
Features that arrive later register themselves::

    from archive.search import register_field
    register_field("status", lambda f, ctx: photo.c.id.in_(select(Check.photo_id).where(...)))

Until then ``PENDING`` names parse but explain what they wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlalchemy.sql.expression import ColumnClause, TableClause
from sqlalchemy.sql.visitors import replacement_traverse

from archive.db.read_tables import photo
from archive.search.dates import parse_span
from archive.search.errors import QueryError
from archive.search.fts import FNot, Fts, Match, Tok
from archive.search.nodes import Field
from archive.search.words import words_of


@dataclass(frozen=True)
class DateRange:
    """Dated photos whose ``kind`` ("taken" / "imported") day lies in [start, end); either
    end None means open. Not a full-text term: each engine turns it into a range over its
    own date column, so the date index answers it (and sorts by it) directly."""

    kind: str
    start: date | None
    end: date | None


Predicate = Fts | ColumnElement[bool] | DateRange


@dataclass(frozen=True)
class Context:
    today_local: date  # for taken: (camera wall-clock dates)
    today_utc: date  # for imported: (stored in UTC)
    # The first and last day with photos, per kind ("taken", "imported"), or None (for
    # handlers that need them; dates themselves are ranges over the date columns).
    bounds: Callable[[str], tuple[date, date] | None]


FieldHandler = Callable[[Field, Context], Predicate]

FIELDS: dict[str, FieldHandler] = {}
ALIASES: dict[str, str] = {"by": "photographer", "date": "taken", "license": "licence"}
PENDING: dict[str, str] = {
    "status": "the compliance check",
    "restriction": "restrictions",
    "licence": "licences",
    "exported": "the export history",
}
MAX_ID = 2**31 - 1
FLAGS = ("caption", "credit", "people", "event", "keywords", "photographer", "agency", "taken")


def register_field(name: str, handler: FieldHandler, aliases: tuple[str, ...] = ()) -> None:
    """Make ``name:`` (and its aliases) searchable; replaces any earlier handler."""
    FIELDS[name] = handler
    PENDING.pop(name, None)
    for alias in aliases:
        ALIASES[alias] = name


def canonical_name(typed: str) -> str | None:
    name = ALIASES.get(typed, typed)
    if name in FIELDS or name in PENDING or name == "sort":
        return name
    return None


def handle(node: Field, ctx: Context) -> Predicate:
    handler = FIELDS.get(node.name)
    if handler is None:
        what = PENDING.get(node.name, "a feature")
        raise node.error(f"{node.name}: needs {what} (not in this archive yet)")
    result = handler(node, ctx)
    return on_photo_handle(result) if isinstance(result, ColumnElement) else result


def on_photo_handle(pred: ColumnElement[bool]) -> ColumnElement[bool]:
    """*pred* with the model's photo table (``Photo.id``…) read as the Core handle search
    queries select from. Two tables both named ``photo`` in one statement would be two FROM
    entries (``ambiguous column name: photo.id``); searching is Core throughout so that
    `creditdesk search` never loads the ORM (issue 16), and a field written over the model
    still means the same photo row. A predicate with no such column is returned as it is."""
    found = False

    def swap(element: Any, **_kw: Any) -> Any:
        nonlocal found
        table = getattr(element, "table", None)
        if isinstance(element, ColumnClause) and _other_photo(table):
            found = True
            return photo.c[element.name]
        if isinstance(element, TableClause) and _other_photo(element):
            found = True
            return photo
        return None

    swapped = replacement_traverse(pred, {}, swap)
    return swapped if found else pred


def _other_photo(table: Any) -> bool:
    return isinstance(table, TableClause) and table.name == "photo" and table is not photo


def _text_field(column: str) -> FieldHandler:
    """Word-prefix match on folded text: every word of the value starts a word of the
    field, consecutively when there are several (``person:"kate wins"``)."""

    def handler(node: Field, _ctx: Context) -> Predicate:
        words = words_of(node.value.replace("*", " "))
        if not words:
            raise node.error(f"{node.name}: needs letters or digits")
        return Match((column,), tuple(Tok(w, prefix=True) for w in words))

    return handler


def _country(node: Field, ctx: Context) -> Predicate:
    """``country:GB``, ``country:GBR``, ``country:UK``: a code (or a name of three letters
    or fewer) that names one country is that country's alpha-2 code, matched as a whole
    word: the index holds it for every photo whose country it resolved (country_iso.py).
    As a word start, ``uk`` would also find Ukraine, and ``gb`` stood for two index words
    (gb, gbr), which PostgreSQL had to count live at a million photos (463 ms; one kept
    count so). Longer values stay word starts (``country:united``)."""
    words = words_of(node.value.replace("*", " "))
    if len(words) == 1 and len(words[0]) <= 3 and "*" not in node.value:
        # Imported here: country names come from the compliance tables, which no other
        # search needs loaded (fast start, issue 16).
        from archive.search.country_iso import iso_alpha2

        code = iso_alpha2(words[0])
        if code is not None:
            return Match(("country",), (Tok(code.lower()),))
    return _text_field("country")(node, ctx)


def _date_field(kind: str) -> FieldHandler:
    def handler(node: Field, ctx: Context) -> Predicate:
        today = ctx.today_local if kind == "taken" else ctx.today_utc
        span = parse_span(node.value, today, node.value_pos)
        return DateRange(kind, span.start, span.end)

    return handler


def _flag(negate: bool) -> FieldHandler:
    def handler(node: Field, _ctx: Context) -> Predicate:
        value = node.value.lower()
        if value not in FLAGS:
            raise node.error(f"{node.name}: is one of {', '.join(FLAGS)}")
        match = Match(("flags",), (Tok(value),))
        return FNot(match) if negate else match

    return handler


def _at(node: Field, offset: int, message: str) -> QueryError:
    return QueryError(message, node.value_pos + offset)


def _int(text: str, node: Field, offset: int) -> int:
    if not text.isdigit():
        raise _at(node, offset, "id: expects numbers, e.g. id:42, id:1..99, id:3,5,8")
    if int(text) > MAX_ID:  # ids are 32-bit on PostgreSQL: say so rather than fail in SQL
        raise _at(node, offset, f"id: no photo id is above {MAX_ID}")
    return int(text)


def _ids(node: Field, _ctx: Context) -> Predicate:
    value = node.value
    if ".." in value:
        left, _, right = value.partition("..")
        lo = _int(left, node, 0) if left else None
        hi = _int(right, node, len(left) + 2) if right else None
        if lo is None and hi is None:
            raise _at(node, 0, "id: a range needs at least one end")
        conds = []
        if lo is not None:
            conds.append(photo.c.id >= lo)
        if hi is not None:
            conds.append(photo.c.id <= hi)
        return and_(*conds)
    ids, offset = [], 0
    for part in value.split(","):
        ids.append(_int(part, node, offset))
        offset += len(part) + 1
    return photo.c.id == ids[0] if len(ids) == 1 else photo.c.id.in_(ids)


def _sha(node: Field, _ctx: Context) -> Predicate:
    prefix = node.value.lower()
    if not prefix or any(c not in "0123456789abcdef" for c in prefix) or len(prefix) > 64:
        raise node.error("sha: expects the start of a SHA-256 in hex, e.g. sha:9f86d0")
    # A range instead of LIKE: uses the unique index on both engines ('g' > any hex digit).
    return and_(photo.c.sha256 >= prefix, photo.c.sha256 < prefix + "g")


for _name, _column in (
    ("person", "people"),
    ("event", "event"),
    ("photographer", "photographer"),
    ("agency", "agency"),
    ("credit", "credit"),
    ("keyword", "keyword"),
    ("city", "city"),
    ("camera", "camera"),
):
    register_field(_name, _text_field(_column))
register_field("country", _country)
register_field("taken", _date_field("taken"))
register_field("imported", _date_field("imported"))
register_field("has", _flag(negate=False))
register_field("no", _flag(negate=True))
register_field("id", _ids)
register_field("sha", _sha)
