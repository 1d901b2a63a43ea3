"""What one new catalogue row will hold, from what a worker read: columns and links.

The plan is inserted in bulk by ``bulk_insert`` (one statement per table per batch);
the entities it links (photographer, agency, event, people, keywords) are found or
created through the session, so the usual name matching and caching apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from archive.credits import AgencyRegistry
from archive.credits.evidence import Evidence, read_credit
from archive.db.licensing import Licence
from archive.db.models import Agency, Event, Keyword, Person, Photographer
from archive.importer.licensing import licence_from_metadata
from archive.importer.stages import Catalogued
from archive.ratings import normalise_label, rating_from_xmp
from archive.services.entities import EntityResolver
from archive.text import clean


@dataclass
class NewPhoto:
    item: Catalogued
    columns: dict[str, Any]  # the photo table's own values (no ids, no links)
    warnings: list[str]
    photographer: Photographer | None = None
    agency: Agency | None = None
    event: Event | None = None
    licence: Licence | None = None  # transient: its row is inserted in bulk
    people: list[Person] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every source path, in batch order


def _utc_naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _rating(text: str | None, warnings: list[str]) -> int | None:
    try:
        return rating_from_xmp(text)
    except ValueError as exc:
        warnings.append(f"{exc}: the catalogue keeps no rating for it")
        return None


def plan_photo(
    resolver: EntityResolver, item: Catalogued, event: str | None, registry: AgencyRegistry
) -> NewPhoto:
    meta = item.meta
    taken, offset = meta.taken_at, None
    if taken is not None and taken.tzinfo is not None:
        delta = taken.utcoffset()
        offset = int(delta.total_seconds() // 60) if delta is not None else None
        taken = taken.replace(tzinfo=None)
    creator = "; ".join(meta.creators) or None
    credit = read_credit(
        Evidence(
            credit=clean(meta.credit_line),
            byline=creator,
            source=clean(meta.source),
            copyright=clean(meta.copyright),
            caption=clean(meta.caption),
            instructions=clean(meta.special_instructions),
        ),
        registry=registry,
    )
    warnings = list(meta.warnings)
    # The agency's line is kept as it is: it is evidence, and the check proposes any correction
    # (credit-format / credit-mismatch) for an editor to apply. Only a line the file proves cut
    # at IIM's 32 bytes is completed; with no Credit at all, the line comes from the evidence.
    credit_line = clean(meta.credit_line)
    if credit.truncated and credit.line and credit_line:
        warnings.append(f"credit '{credit_line}' was cut at 32 bytes; completed as '{credit.line}'")
        credit_line = credit.line
    elif credit_line is None and credit.proposed:
        credit_line = credit.proposed
    elif credit.findings and credit.proposed:
        warnings.append(
            f"credit '{credit_line}' kept as embedded; the agency's form is '{credit.proposed}'"
        )
    columns = {
        "sha256": item.sha256,
        "format": meta.format,
        "file_size": item.size,
        "width": meta.width,
        "height": meta.height,
        "orientation": meta.orientation,
        "taken_at": taken,
        "taken_offset_min": offset,
        "camera_make": clean(meta.camera_make),
        "camera_model": clean(meta.camera_model),
        "lens": clean(meta.lens),
        "gps_lat": meta.gps_lat,
        "gps_lon": meta.gps_lon,
        "title": clean(meta.title),
        "headline": clean(meta.headline),
        "caption": clean(meta.caption),
        "caption_writer": clean(meta.caption_writer),
        "creator": creator,
        "credit_line": credit_line,
        "source": clean(meta.source),
        "copyright": clean(meta.copyright),
        "usage_terms": clean(meta.usage_terms),
        "special_instructions": clean(meta.special_instructions),
        "alt_text": clean(meta.alt_text),
        "extended_description": clean(meta.extended_description),
        "creator_job_title": clean(meta.creator_job_title),
        "job_id": clean(meta.job_id),
        "rating": _rating(meta.rating, warnings),
        "label": normalise_label(meta.label),
        "supplier_image_id": clean(meta.supplier_image_id),
        "release_at": _utc_naive(meta.release_at),
        "expires_at": _utc_naive(meta.expires_at),
        "city": clean(meta.city),
        "sublocation": clean(meta.sublocation),
        "state": clean(meta.state),
        "country": clean(meta.country),
        "country_code": clean(meta.country_code),
        "digital_source_type": meta.digital_source_type,
        "data_mining": meta.data_mining,
        "c2pa_state": meta.c2pa_state,
        "stored_path": item.stored_path,
        "managed": item.managed,
    }
    plan = NewPhoto(item, columns, warnings, paths=[item.path])
    # Never an organisation: the reading has split "David Gadd/Allstar" and dropped "Getty Images".
    photographer = credit.photographer
    if clean(photographer):
        plan.photographer = resolver.photographer(photographer)  # type: ignore[arg-type]
    if credit.agency:
        plan.agency = resolver.agency(credit.agency, credit.parent)
    known = registry.get(credit.agency) if credit.agency else None
    plan.licence = licence_from_metadata(meta, tuple(known.restrictions) if known else ())
    event_name = clean(event) or clean(meta.event)
    if event_name:
        plan.event = resolver.event(event_name)
    for name in meta.people:
        if clean(name):
            person = resolver.person(name)
            # Two spellings of one person (an alias and the name) are one link.
            if person is not None and all(p is not person for p in plan.people):
                plan.people.append(person)
    seen: set[str] = set()
    for word in meta.keywords:
        if clean(word) and (word := word.strip()) not in seen:
            seen.add(word)
            plan.keywords.append(resolver.keyword(word))
    return plan
