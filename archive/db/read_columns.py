"""The columns the photo reads name, as plain data: table → (plain columns, typed columns).

Plain columns (integers, text, floats) come back from every driver as they are; typed ones
are converted on the way out: "datetime", "date", "json", "bool". Two readers are built from
this one list, so they cannot drift apart: the Core handles (archive/db/read_tables.py,
checked against the models) and the direct SQLite reader of the read commands
(archive/db/sqlite_reads.py), which converts the stored text itself because it runs
without SQLAlchemy (importing it is most of what `creditdesk list` costs, issue 16).
"""

from __future__ import annotations

Spec = tuple[tuple[str, ...], dict[str, str]]


def _spec(plain: str, **typed: str) -> Spec:
    return tuple(plain.split()), typed


COLUMNS: dict[str, Spec] = {
    "photo": _spec(
        "id sha256 format file_size width height orientation taken_offset_min camera_make "
        "camera_model lens gps_lat gps_lon title headline caption caption_writer creator "
        "credit_line photographer_id agency_id source copyright usage_terms "
        "special_instructions alt_text extended_description creator_job_title job_id rating "
        "label digital_source_type data_mining c2pa_state supplier_image_id city sublocation "
        "state country country_code event_id licence_id stored_path version",
        taken_at="datetime",
        release_at="datetime",
        expires_at="datetime",
        imported_at="datetime",
        updated_at="datetime",
        managed="bool",
    ),
    "event": _spec("id name venue city country", start_date="date", end_date="date"),
    "person": _spec("id name"),
    "photo_person": _spec("photo_id person_id position"),
    "keyword": _spec("id name"),
    "photo_keyword": _spec("photo_id keyword_id position"),
    "source_path": _spec("id photo_id path"),
    "photographer": _spec("id name"),
    "agency": _spec("id name parent_id"),
    "embedded_metadata": _spec("photo_id", data="json", warnings="json"),
    "licence": _spec(
        "id kind time_limit_days model_release property_release reference notes",
        uses="json",
        excluded_territories="json",
        valid_from="datetime",
        valid_until="datetime",
        restrictions="json",
        shared="bool",
    ),
    "check_result": _spec("photo_id profile status", at="datetime", findings="json"),
    # What search's fields ask about (archive/search/rights_fields.py).
    "export_item": _spec("photo_id"),
    "licence_tag": _spec("licence_id tag"),
    "publication": _spec("photo_id", published_on="date"),
    "photo_similar": _spec("photo_id other_id"),
}

# A listing page's and a search page's photo columns (a summary, not the whole detail).
SUMMARY = _spec(
    "id sha256 taken_at taken_offset_min caption credit_line event_id title headline "
    "stored_path rating label width height orientation digital_source_type c2pa_state"
)[0]


def names(table: str) -> list[str]:
    """Every column of *table*, plain ones first, in the order of the Core handle."""
    plain, typed = COLUMNS[table]
    return [*plain, *typed]
