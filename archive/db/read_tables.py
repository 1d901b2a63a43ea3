"""The catalogue tables that reading photos back needs, as light Core handles (no ORM).

Why not the models (archive/db/models.py): importing SQLAlchemy's ORM, building the
declarative classes and configuring their mappers was about a third of what `creditdesk
list` and `show` cost from process start to output (issue 16), and reading rows back needs
none of it. These handles name the columns the reads use; a column whose values SQLAlchemy
converts on the way out (dates, JSON, booleans) carries the model's type, the others
(integers, text, floats) come back from both drivers as they are. The tables, names and
types are the models' own: tests/archive/db/test_read_tables.py compares them, so a change
to the models that these handles miss fails there rather than misreading a value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, column, table
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine


def _table(name: str, plain: str, **typed: type[TypeEngine[Any]]) -> TableClause:
    return table(
        name, *(column(c) for c in plain.split()), *(column(c, t) for c, t in typed.items())
    )


photo = _table(
    "photo",
    "id sha256 format file_size width height orientation taken_offset_min camera_make "
    "camera_model lens gps_lat gps_lon title headline caption caption_writer creator "
    "credit_line photographer_id agency_id source copyright usage_terms special_instructions "
    "alt_text extended_description creator_job_title job_id rating label digital_source_type "
    "data_mining c2pa_state supplier_image_id city sublocation state country country_code "
    "event_id licence_id stored_path version",
    taken_at=DateTime,
    release_at=DateTime,
    expires_at=DateTime,
    imported_at=DateTime,
    updated_at=DateTime,
    managed=Boolean,
)
event = _table("event", "id name venue city country", start_date=Date, end_date=Date)
person = _table("person", "id name")
photo_person = _table("photo_person", "photo_id person_id position")
keyword = _table("keyword", "id name")
photo_keyword = _table("photo_keyword", "photo_id keyword_id position")
source_path = _table("source_path", "id photo_id path")
photographer = _table("photographer", "id name")
agency = _table("agency", "id name parent_id")
embedded_metadata = _table("embedded_metadata", "photo_id", data=JSON, warnings=JSON)
licence = _table(
    "licence",
    "id kind time_limit_days model_release property_release reference notes",
    uses=JSON,
    excluded_territories=JSON,
    valid_from=DateTime,
    valid_until=DateTime,
    restrictions=JSON,
    shared=Boolean,
)
check_result = _table("check_result", "photo_id profile status", at=DateTime, findings=JSON)
# What search's fields ask about (archive/search/rights_fields.py).
export_item = _table("export_item", "photo_id")
licence_tag = _table("licence_tag", "licence_id tag")
publication = _table("publication", "photo_id", published_on=Date)
photo_similar = _table("photo_similar", "photo_id other_id")

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
