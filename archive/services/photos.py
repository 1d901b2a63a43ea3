"""Reading photos back: summaries for lists and grids, the full detail for `show`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from archive.db.models import Agency, CheckResult, Event, Photo, PhotoKeyword, PhotoPerson
from archive.errors import NotFoundError
from archive.provenance.summary import provenance_json
from archive.provenance.vocab import badges
from archive.records import PhotoPage, PhotoSummary
from archive.services.licence_json import licence_json

_LOAD = (
    selectinload(Photo.person_links).selectinload(PhotoPerson.person),
    selectinload(Photo.event),
)


def iso_taken(photo: Photo) -> str | None:
    if photo.taken_at is None:
        return None
    if photo.taken_offset_min is None:
        return photo.taken_at.isoformat()
    tz = timezone(timedelta(minutes=photo.taken_offset_min))
    return photo.taken_at.replace(tzinfo=tz).isoformat()


def iso_utc(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=UTC).isoformat()


def people_of(photo: Photo) -> tuple[str, ...]:
    return tuple(link.person.name for link in photo.person_links)


def summary_of(photo: Photo) -> PhotoSummary:
    return PhotoSummary(
        id=photo.id,
        sha256=photo.sha256,
        taken_at=iso_taken(photo),
        caption=photo.caption,
        credit_line=photo.credit_line,
        people=people_of(photo),
        event=photo.event.name if photo.event else None,
        title=photo.title,
        headline=photo.headline,
        stored_path=photo.stored_path,
        rating=photo.rating,
        label=photo.label,
        width=photo.width,
        height=photo.height,
        orientation=photo.orientation,
        provenance=badges(photo.digital_source_type, photo.c2pa_state),
    )


def overridden(status: str, findings: list[Any] | None) -> bool:
    """Not blocked only because an editor overrode an error (with a written reason)."""
    return status != "blocked" and any(
        isinstance(f, dict) and f.get("overridden") and f.get("severity") == "error"
        for f in findings or ()
    )


def listing(offset: int = 0, limit: int | None = None) -> Select[Photo]:
    """The photos of a listing page: newest first by capture time, undated last, then import
    order — the same order as ``taken_at IS NULL, taken_at DESC, id`` on both engines, spelt
    so that SQLite walks ix_photo_taken_at and stops after the page (NULLs sort lowest there,
    so DESC already puts them last) instead of sorting every photo: at 100,000 photos the
    first page took 500 ms, now 1 ms."""
    stmt = select(Photo).order_by(Photo.taken_at.desc().nulls_last(), Photo.id).offset(offset)
    return stmt if limit is None else stmt.limit(limit)


class PhotoService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def count(self) -> int:
        with self.sessions() as s:
            return s.scalar(select(func.count(Photo.id))) or 0

    def list_summaries(self, offset: int = 0, limit: int | None = 100) -> PhotoPage:
        """Newest first by capture time (undated last), then import order."""
        with self.sessions() as s:
            total = s.scalar(select(func.count(Photo.id))) or 0
            photos = s.scalars(listing(offset, limit).options(*_LOAD)).all()
            return PhotoPage(total, tuple(summary_of(p) for p in photos))

    def summaries(self, ids: list[int]) -> list[PhotoSummary]:
        with self.sessions() as s:
            found = {
                p.id: p for p in s.scalars(select(Photo).options(*_LOAD).where(Photo.id.in_(ids)))
            }
            return [summary_of(found[i]) for i in ids if i in found]

    def detail(self, photo_id: int) -> dict[str, Any]:
        """Everything known about one photo, as the `show --json` contract spells it."""
        found = self.details([photo_id])
        if not found:
            raise NotFoundError(f"no photo with id {photo_id}")
        return found[0]

    def details(self, ids: list[int]) -> list[dict[str, Any]]:
        """Many details in a handful of queries (export and the GUI inspector use this)."""
        out: dict[int, dict[str, Any]] = {}
        with self.sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                photos = s.scalars(select(Photo).options(*_DETAIL).where(Photo.id.in_(chunk)))
                checks = {
                    c.photo_id: c
                    for c in s.scalars(select(CheckResult).where(CheckResult.photo_id.in_(chunk)))
                }
                for photo in photos:
                    detail = _detail(photo)
                    last = checks.get(photo.id)
                    detail["check"] = (
                        None
                        if last is None
                        else {
                            "profile": last.profile,
                            "status": last.status,
                            "at": iso_utc(last.at),
                            "overridden": overridden(last.status, last.findings),
                            "findings": list(last.findings or []),
                        }
                    )
                    out[photo.id] = detail
        return [out[i] for i in ids if i in out]

    def badges(self, ids: list[int]) -> dict[int, str]:
        """As `statuses`, but a photo that passes only because an error was overridden is
        "overridden": the grid shows it apart from the truly clear ones (issue 18 item 9)."""
        out: dict[int, str] = {}
        with self.sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = s.execute(
                    select(CheckResult.photo_id, CheckResult.status, CheckResult.findings).where(
                        CheckResult.photo_id.in_(chunk)
                    )
                )
                out.update(
                    {
                        pid: "overridden" if overridden(status, findings) else status
                        for pid, status, findings in rows
                    }
                )
        return out

    def statuses(self, ids: list[int]) -> dict[int, str]:
        """The last check's status (blocked, warning, clear) of each photo that has been
        checked; unchecked photos are absent. One query per 500 ids (the GUI's badges)."""
        out: dict[int, str] = {}
        with self.sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = s.execute(
                    select(CheckResult.photo_id, CheckResult.status).where(
                        CheckResult.photo_id.in_(chunk)
                    )
                )
                out.update({photo_id: status for photo_id, status in rows})
        return out


_DETAIL = (
    *_LOAD,
    selectinload(Photo.keyword_links).selectinload(PhotoKeyword.keyword),
    selectinload(Photo.source_paths),
    selectinload(Photo.photographer),
    selectinload(Photo.agency).selectinload(Agency.parent),
    selectinload(Photo.embedded),
    selectinload(Photo.licence),
)


def _event(event: Event | None) -> dict[str, Any] | None:
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


def _detail(p: Photo) -> dict[str, Any]:
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
        "source_paths": [sp.path for sp in p.source_paths],
        "taken_at": iso_taken(p),
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
        "photographer": p.photographer.name if p.photographer else None,
        "agency": p.agency.name if p.agency else None,
        "agency_parent": p.agency.parent.name if p.agency and p.agency.parent else None,
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
        "keywords": [link.keyword.name for link in p.keyword_links],
        "people": list(people_of(p)),
        "event": _event(p.event),
        "city": p.city,
        "sublocation": p.sublocation,
        "state": p.state,
        "country": p.country,
        "country_code": p.country_code,
        "imported_at": iso_utc(p.imported_at),
        "updated_at": iso_utc(p.updated_at),
        "version": p.version,
        "embedded": p.embedded.data if p.embedded else {},
        "provenance": provenance_json(
            p.digital_source_type,
            p.data_mining,
            p.c2pa_state,
            p.embedded.data if p.embedded else None,
        ),
        "import_warnings": list(p.embedded.warnings) if p.embedded else [],
        "licence": licence_json(p.licence),
        "restrictions": [r.get("text") for r in (p.licence.restrictions if p.licence else [])],
    }
