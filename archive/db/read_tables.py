"""The catalogue tables that reading photos back needs, as light Core handles (no ORM).

Why not the models (archive/db/models.py): importing SQLAlchemy's ORM, building the
declarative classes and configuring their mappers was about a third of what `creditdesk
list` and `show` cost from process start to output (issue 16), and reading rows back needs
none of it. These handles name the columns the reads use (archive/db/read_columns.py,
shared with the direct SQLite reader); a column whose values SQLAlchemy converts on the way
out (dates, JSON, booleans) carries the model's type, the others (integers, text, floats)
come back from both drivers as they are. The tables, names and
types are the models' own: tests/archive/db/test_read_tables.py compares them, so a change
to the models that these handles miss fails there rather than misreading a value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, column, table
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine

from archive.db.read_columns import COLUMNS

_TYPES: dict[str, type[TypeEngine[Any]]] = {
    "datetime": DateTime,
    "date": Date,
    "json": JSON,
    "bool": Boolean,
}


def _table(name: str) -> TableClause:
    plain, typed = COLUMNS[name]
    return table(
        name, *(column(c) for c in plain), *(column(c, _TYPES[t]) for c, t in typed.items())
    )


photo = _table("photo")
event = _table("event")
person = _table("person")
photo_person = _table("photo_person")
keyword = _table("keyword")
photo_keyword = _table("photo_keyword")
source_path = _table("source_path")
photographer = _table("photographer")
agency = _table("agency")
embedded_metadata = _table("embedded_metadata")
licence = _table("licence")
check_result = _table("check_result")
# What search's fields ask about (archive/search/rights_fields.py).
export_item = _table("export_item")
licence_tag = _table("licence_tag")
publication = _table("publication")
photo_similar = _table("photo_similar")

TABLES = (
    photo,
    event,
    person,
    photo_person,
    keyword,
    photo_keyword,
    source_path,
    photographer,
    agency,
    embedded_metadata,
    licence,
    check_result,
    export_item,
    licence_tag,
    publication,
    photo_similar,
)
