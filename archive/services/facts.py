"""Gather what the compliance rules need from the catalogue, for many photos in a few queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from archive.compliance import Restriction
from archive.compliance.facts import LicenceFacts, PhotoFacts
from archive.db.models import Licence, Person, PersonAlias, Photo, PhotoKeyword, PhotoPerson
from archive.importer.licensing import transmitted_at
from archive.provenance.summary import credentials_line
from archive.services.people import suggest_from

_LOAD = (
    selectinload(Photo.person_links).selectinload(PhotoPerson.person).selectinload(Person.aliases),
    selectinload(Photo.keyword_links).selectinload(PhotoKeyword.keyword),
    selectinload(Photo.event),
    selectinload(Photo.photographer),
    selectinload(Photo.agency),
    selectinload(Photo.licence),
    selectinload(Photo.embedded),
)


def aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def licence_facts(licence: Licence | None) -> LicenceFacts:
    if licence is None:
        return LicenceFacts()
    return LicenceFacts(
        kind=licence.kind,
        uses=tuple(licence.uses or ()),
        excluded_territories=tuple(licence.excluded_territories or ()),
        valid_from=aware(licence.valid_from),
        valid_until=aware(licence.valid_until),
        time_limit_days=licence.time_limit_days,
        model_release=licence.model_release,
        property_release=licence.property_release,
        reference=licence.reference,
        restrictions=tuple(Restriction.from_json(r) for r in licence.restrictions or ()),
    )


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    return str(value) if value else None


def embedded_credit_fields(raw: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """By-line, Credit and Source as the agency embedded them (XMP first: IIM may be cut)."""
    xmp, iptc = raw.get("xmp") or {}, raw.get("iptc") or {}
    # A FotoStation trailer's IIM (iptc2) fills what APP13 lacks, as the reader does.
    iptc = {**(raw.get("iptc2") or {}), **iptc}
    byline = _first(xmp.get("Xmp.dc.creator")) or _first(iptc.get("2:80"))
    credit = _first(xmp.get("Xmp.photoshop.Credit")) or _first(iptc.get("2:110"))
    source = _first(xmp.get("Xmp.photoshop.Source")) or _first(iptc.get("2:115"))
    return byline, credit, source


def load_photos(session: Session, ids: Sequence[int]) -> list[Photo]:
    found = {
        p.id: p for p in session.scalars(select(Photo).options(*_LOAD).where(Photo.id.in_(ids)))
    }
    return [found[i] for i in ids if i in found]


def people_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = dict(session.execute(select(Person.folded, Person.name)).all())
    aliases = select(PersonAlias.folded, Person.name).join(
        Person, PersonAlias.person_id == Person.id
    )
    for folded, name in session.execute(aliases):
        names.setdefault(folded, name)
    return names


def gather(session: Session, photos: Sequence[Photo]) -> list[PhotoFacts]:
    names = people_names(session)
    from archive.rights.facts import rights_facts
    from archive.similar.service import copies_of

    copies = copies_of(session, photos)
    rights = rights_facts(session, photos)
    return [
        replace(
            _facts(p, names, *copies.get(p.id, ([], {}))),
            last_published=rights[p.id][0],
            cost=rights[p.id][1],
        )
        for p in photos
    ]


def _facts(
    p: Photo,
    names: dict[str, str],
    twins: list[tuple[int, str | None]],
    twin_agencies: dict[int, str],
) -> PhotoFacts:
    raw = p.embedded.data if p.embedded else {}
    byline, credit, source = embedded_credit_fields(raw)
    people = tuple(link.person.name for link in p.person_links)
    aliases = {
        link.person.name: tuple(a.alias for a in link.person.aliases) for link in p.person_links
    }
    keywords = [link.keyword.name for link in p.keyword_links]
    taken = p.taken_at
    if taken is not None and p.taken_offset_min is not None:
        taken = taken.replace(tzinfo=timezone(timedelta(minutes=p.taken_offset_min)))
    sent = transmitted_at(raw)
    texts = {
        "caption": p.caption,
        "headline": p.headline,
        "title": p.title,
        "creator": p.creator,
        "credit_line": p.credit_line,
        "source": p.source,
        "copyright": p.copyright,
        "usage_terms": p.usage_terms,
        "special_instructions": p.special_instructions,
        "alt_text": p.alt_text,
        "extended_description": p.extended_description,
        "creator_job_title": p.creator_job_title,
        "job_id": p.job_id,
        "city": p.city,
        "sublocation": p.sublocation,
        "state": p.state,
        "country": p.country,
        "keywords": "\n".join(keywords),
    }
    return PhotoFacts(
        id=p.id,
        sha256=p.sha256,
        caption=p.caption,
        headline=p.headline,
        title=p.title,
        credit_line=p.credit_line,
        photographer=p.photographer.name if p.photographer else None,
        agency=p.agency.name if p.agency else None,
        agency_parent=p.agency.parent.name if p.agency and p.agency.parent else None,
        embedded_byline=byline,
        embedded_credit=credit,
        embedded_source=source,
        people=people,
        person_aliases=aliases,
        people_named_in_caption=tuple(suggest_from(p.caption or "", names)),
        event=p.event.name if p.event else None,
        taken_at=taken,
        transmitted_at=aware(
            sent.astimezone(UTC).replace(tzinfo=None) if sent and sent.tzinfo else sent
        )
        or aware(p.imported_at),
        imported_at=aware(p.imported_at),
        licence=licence_facts(p.licence),
        duplicates=tuple((pid, c) for pid, c in twins if pid != p.id),
        duplicate_agencies=twin_agencies,
        text_fields={k: v for k, v in texts.items() if v},
        digital_source_type=p.digital_source_type,
        data_mining=p.data_mining,
        c2pa_state=p.c2pa_state,
        c2pa_summary=credentials_line(raw.get("c2pa")) if p.c2pa_state else None,
    )
