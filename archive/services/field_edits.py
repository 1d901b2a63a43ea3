"""The IPTC fields a wire desk fills in beyond caption and credit: place, rights, creator,
accessibility, job id and date created — validated, with country and ISO code filled from
each other, written through PhotoEditor so every change is audited and undoable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from archive.compliance.iso3166 import ISO_3166
from archive.errors import UsageError

if TYPE_CHECKING:
    from archive.services.photo_editor import PhotoEditor

# Plain text columns of Photo set as typed (None = leave, "" = clear).
IPTC_TEXT_FIELDS = (
    "city",
    "sublocation",
    "state",
    "creator_job_title",
    "source",
    "copyright",
    "usage_terms",
    "alt_text",
    "extended_description",
    "job_id",
)

_BY_CODE = {a2: names[0] for a2, _a3, names in ISO_3166}
_BY_CODE.update({a3: names[0] for _a2, a3, names in ISO_3166})
_ALPHA2 = {a3: a2 for a2, a3, _names in ISO_3166}


@dataclass(frozen=True)
class Place:
    country: str | None  # None = leave alone
    country_code: str | None
    warning: str | None = None


def country_name(code: str) -> str | None:
    """'GB' / 'GBR' → 'United Kingdom' (ISO 3166-1 short name); None when unknown."""
    return _BY_CODE.get(code.strip().upper())


def country_code(name: str) -> str | None:
    """'United Kingdom', 'UK', 'England' → 'GB'; None when the name is no single country."""
    from archive.compliance.countries import territory_codes

    codes = territory_codes(name)
    if codes and len(codes) == 1:
        return codes[0]
    code = name.strip().upper()
    return _ALPHA2.get(code, code) if code in _BY_CODE else None


def resolve_place(country: str | None, code: str | None) -> Place:
    """Country and code as the edit should set them, each filled from the other."""
    if code is not None and code.strip():
        wanted = code.strip().upper()
        if wanted not in _BY_CODE:
            raise UsageError(f"{code!r} is not an ISO 3166-1 country code (e.g. GB, FR, US or GBR)")
        code = wanted
    if country is not None and code is None:
        if not country.strip():
            return Place("", "")  # clearing the country clears its code too
        found = country_code(country)
        if found is None:
            warning = f"no ISO 3166 code known for country {country!r}: its code is cleared"
            return Place(country, "", warning)
        return Place(country, found)
    if code and country is None:
        return Place(country_name(code), code)
    return Place(country, code)


def parse_date_created(text: str) -> datetime:
    """ISO 8601 as a desk types it: '2023-05-14', '2023-05-14T19:30', '…+01:00'."""
    try:
        return datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise UsageError(
            f"date created {text!r} is not a date: write 2023-05-14 or 2023-05-14T19:30+01:00"
        ) from None


def iso_taken(value: datetime | None, offset_min: int | None) -> str | None:
    if value is None:
        return None
    if offset_min is None:
        return value.isoformat()
    return value.replace(tzinfo=timezone(timedelta(minutes=offset_min))).isoformat()


def set_date_created(editor: PhotoEditor, text: str | None) -> None:
    """Date created is the capture time the catalogue keeps (taken_at + its UTC offset)."""
    photo = editor.photo
    old = iso_taken(photo.taken_at, photo.taken_offset_min)
    if text is None or not text.strip():
        photo.taken_at, photo.taken_offset_min = None, None
    else:
        when = parse_date_created(text)
        delta = when.utcoffset()
        photo.taken_offset_min = int(delta.total_seconds() // 60) if delta is not None else None
        photo.taken_at = when.replace(tzinfo=None)
    editor.audit("date_created", old, iso_taken(photo.taken_at, photo.taken_offset_min))


def apply_fields(editor: PhotoEditor, values: dict[str, str | None]) -> None:
    """Set every IPTC field of *values* that is not None (country/code filled together)."""
    for name in IPTC_TEXT_FIELDS:
        value = values.get(name)
        if value is not None:
            editor.set_text(name, value)
    if values.get("creator") is not None:
        creator = (values["creator"] or "").strip() or None
        editor.set_text("creator", creator or "")
        editor.set_photographer(creator)
    place = resolve_place(values.get("country"), values.get("country_code"))
    if place.warning and place.warning not in editor.result.warnings:
        editor.result.warnings.append(place.warning)
    if place.country is not None:
        editor.set_text("country", place.country)
    if place.country_code is not None:
        editor.set_text("country_code", place.country_code)
    if values.get("date_created") is not None:
        set_date_created(editor, values["date_created"])
    if values.get("source_type") is not None:
        from archive.provenance.edit import source_type_value

        editor.set_text("digital_source_type", source_type_value(values["source_type"] or ""))
