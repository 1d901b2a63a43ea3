"""What a caption template (and later an export file name) can say about one photo."""

from __future__ import annotations

from archive.captions import CaptionContext
from archive.db.models import Photo


def caption_context(photo: Photo) -> CaptionContext:
    event = photo.event
    date = event.start_date if event and event.start_date else None
    if date is None and photo.taken_at is not None:
        date = photo.taken_at.date()
    return CaptionContext(
        people=tuple(link.person.name for link in photo.person_links),
        event=event.name if event else None,
        venue=event.venue if event else None,
        date=date,
        city=(event.city if event and event.city else None) or photo.city,
        country=(event.country if event and event.country else None) or photo.country,
        photographer=photo.photographer.name if photo.photographer else None,
        agency=photo.agency.name if photo.agency else None,
        credit=photo.credit_line,
        headline=photo.headline,
        title=photo.title,
        id=photo.id,
        extra=_wire_desk_variables(photo),
    )


# The wire desk's fields as template variables too ({sublocation}, {source}…): a template
# (or an ingest preset) can say "Photo by {creator}, {creator_job_title}". Empty means no
# value, so a template naming one that is missing is reported unresolved, never left blank.
WIRE_DESK_VARIABLES = (
    "sublocation",
    "state",
    "country_code",
    "source",
    "copyright",
    "creator",
    "creator_job_title",
    "job_id",
)


def _wire_desk_variables(photo: Photo) -> dict[str, str]:
    return {name: getattr(photo, name) or "" for name in WIRE_DESK_VARIABLES}
