"""One new catalogue row from what a worker read: the photo, its people, event, credit, licence."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from archive.credits import AgencyRegistry, parse_credit
from archive.db.models import EmbeddedMetadata, Photo, PhotoKeyword, PhotoPerson
from archive.importer.licensing import licence_from_metadata
from archive.importer.stages import Catalogued
from archive.services.entities import EntityResolver
from archive.text import clean


def _utc_naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def new_photo(
    session: Session,
    resolver: EntityResolver,
    item: Catalogued,
    event: str | None,
    registry: AgencyRegistry,
) -> Photo:
    meta = item.meta
    taken, offset = meta.taken_at, None
    if taken is not None and taken.tzinfo is not None:
        delta = taken.utcoffset()
        offset = int(delta.total_seconds() // 60) if delta is not None else None
        taken = taken.replace(tzinfo=None)
    creator = "; ".join(meta.creators) or None
    credit = parse_credit(meta.credit_line, byline=creator, source=meta.source, registry=registry)
    credit_line = clean(meta.credit_line)
    warnings = list(meta.warnings)
    if credit.canonical and credit.canonical != credit_line:
        # The line to publish is the agency's canonical form: By-line "Joe Maher" +
        # Credit "Getty Images" → "Joe Maher/Getty Images"; an IIM copy cut at 32 bytes
        # is completed. What the agency embedded stays in the raw metadata.
        why = "was truncated" if credit.truncated else "is not in the agency's form"
        if credit_line:
            warnings.append(f"credit '{credit_line}' {why}; using '{credit.canonical}'")
        credit_line = credit.canonical
    photo = Photo(
        sha256=item.sha256,
        format=meta.format,
        file_size=item.size,
        width=meta.width,
        height=meta.height,
        orientation=meta.orientation,
        taken_at=taken,
        taken_offset_min=offset,
        camera_make=clean(meta.camera_make),
        camera_model=clean(meta.camera_model),
        lens=clean(meta.lens),
        gps_lat=meta.gps_lat,
        gps_lon=meta.gps_lon,
        title=clean(meta.title),
        headline=clean(meta.headline),
        caption=clean(meta.caption),
        caption_writer=clean(meta.caption_writer),
        creator=creator,
        credit_line=credit_line,
        source=clean(meta.source),
        copyright=clean(meta.copyright),
        usage_terms=clean(meta.usage_terms),
        special_instructions=clean(meta.special_instructions),
        supplier_image_id=clean(meta.supplier_image_id),
        release_at=_utc_naive(meta.release_at),
        expires_at=_utc_naive(meta.expires_at),
        city=clean(meta.city),
        sublocation=clean(meta.sublocation),
        state=clean(meta.state),
        country=clean(meta.country),
        country_code=clean(meta.country_code),
        stored_path=item.stored_path,
        managed=item.managed,
    )
    photographer = credit.photographer or (meta.creators[0] if meta.creators else None)
    if clean(photographer):
        photo.photographer = resolver.photographer(photographer)  # type: ignore[arg-type]
    if credit.agency:
        photo.agency = resolver.agency(credit.agency, credit.parent)
    known = registry.get(credit.agency) if credit.agency else None
    photo.licence = licence_from_metadata(meta, tuple(known.restrictions) if known else ())
    event_name = clean(event) or clean(meta.event)
    if event_name:
        photo.event = resolver.event(event_name)
    seen_people: set[int] = set()
    for pos, name in enumerate(n for n in meta.people if clean(n)):
        person = resolver.person(name)
        assert person is not None
        if id(person) in seen_people:
            continue
        seen_people.add(id(person))
        photo.person_links.append(PhotoPerson(person=person, position=pos))
    seen_kw: set[str] = set()
    for pos, word in enumerate(w for w in meta.keywords if clean(w)):
        word = word.strip()
        if word in seen_kw:
            continue
        seen_kw.add(word)
        photo.keyword_links.append(PhotoKeyword(keyword=resolver.keyword(word), position=pos))
    photo.embedded = EmbeddedMetadata(data=meta.raw, warnings=warnings)
    session.add(photo)
    return photo
