"""One photo's detail, the `show --json` contract, from its Core row and related rows.

Apart from photo_reads.py because the provenance block loads the C2PA reader's modules,
which listing and search pages never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archive.provenance.summary import provenance_json
from archive.services.licence_json import licence_json
from archive.services.photo_reads import iso_taken, iso_utc, overridden

if TYPE_CHECKING:
    from sqlalchemy import Row


def _event(event: Row[Any] | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "name": event.name,
        "date": event.start_date.isoformat() if event.start_date else None,
        "end_date": event.end_date.isoformat() if event.end_date else None,
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
    }


def _check(last: Row[Any] | None) -> dict[str, Any] | None:
    if last is None:
        return None
    return {
        "profile": last.profile,
        "status": last.status,
        "at": iso_utc(last.at),
        "overridden": overridden(last.status, last.findings),
        "findings": list(last.findings or []),
    }


def detail_of(p: Row[Any], related: dict[str, dict[int, Any]]) -> dict[str, Any]:
    """*related* maps "people", "keywords", "paths" (photo id → names) and "events",
    "photographers", "agencies", "licences" (row id → row), "embedded", "checks" (photo id
    → row), as photo_reads.details() gathers them."""
    agencies = related["agencies"]
    agency = agencies.get(p.agency_id)
    parent = agencies.get(agency.parent_id) if agency is not None else None
    photographer = related["photographers"].get(p.photographer_id)
    embedded = related["embedded"].get(p.id)
    lic = related["licences"].get(p.licence_id)
    return {
        "id": p.id,
        "sha256": p.sha256,
        "format": p.format,
        "width": p.width,
        "height": p.height,
        "orientation": p.orientation,
        "file_size": p.file_size,
        "stored_path": p.stored_path,
        "managed": p.managed,
        "source_paths": list(related["paths"].get(p.id, ())),
        "taken_at": iso_taken(p.taken_at, p.taken_offset_min),
        "camera_make": p.camera_make,
        "camera_model": p.camera_model,
        "lens": p.lens,
        "gps_lat": p.gps_lat,
        "gps_lon": p.gps_lon,
        "title": p.title,
        "headline": p.headline,
        "caption": p.caption,
        "caption_writer": p.caption_writer,
        "creator": p.creator,
        "credit_line": p.credit_line,
        "photographer": photographer.name if photographer is not None else None,
        "agency": agency.name if agency is not None else None,
        "agency_parent": parent.name if parent is not None else None,
        "source": p.source,
        "copyright": p.copyright,
        "usage_terms": p.usage_terms,
        "special_instructions": p.special_instructions,
        "alt_text": p.alt_text,
        "extended_description": p.extended_description,
        "creator_job_title": p.creator_job_title,
        "job_id": p.job_id,
        "rating": p.rating,
        "label": p.label,
        "supplier_image_id": p.supplier_image_id,
        "release_at": iso_utc(p.release_at),
        "expires_at": iso_utc(p.expires_at),
        "keywords": list(related["keywords"].get(p.id, ())),
        "people": list(related["people"].get(p.id, ())),
        "event": _event(related["events"].get(p.event_id)),
        "city": p.city,
        "sublocation": p.sublocation,
        "state": p.state,
        "country": p.country,
        "country_code": p.country_code,
        "imported_at": iso_utc(p.imported_at),
        "updated_at": iso_utc(p.updated_at),
        "version": p.version,
        "embedded": embedded.data if embedded is not None else {},
        "provenance": provenance_json(
            p.digital_source_type,
            p.data_mining,
            p.c2pa_state,
            embedded.data if embedded is not None else None,
        ),
        "import_warnings": list(embedded.warnings) if embedded is not None else [],
        "licence": licence_json(lic),
        "restrictions": [r.get("text") for r in (lic.restrictions if lic is not None else [])],
        "check": _check(related["checks"].get(p.id)),
    }
