"""What a file says about itself, normalised: the reader's output contract.

The importer stores these values on the Photo row and keeps ``raw`` whole as
evidence (what the agency embedded), never edited afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class EmbeddedMetadata:
    format: str  # JPEG, TIFF, PNG, WEBP, HEIF
    width: int | None = None
    height: int | None = None
    orientation: int | None = None  # EXIF 1..8
    # Wall-clock capture time; tz-aware when the file states an offset, else naive.
    taken_at: datetime | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    title: str | None = None
    headline: str | None = None
    caption: str | None = None
    caption_writer: str | None = None
    creators: tuple[str, ...] = ()
    credit_line: str | None = None
    source: str | None = None
    copyright: str | None = None
    usage_terms: str | None = None
    special_instructions: str | None = None
    supplier_image_id: str | None = None
    release_at: datetime | None = None
    expires_at: datetime | None = None
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    country_code: str | None = None
    keywords: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    event: str | None = None
    alt_text: str | None = None
    extended_description: str | None = None
    creator_job_title: str | None = None
    job_id: str | None = None
    rating: str | None = None  # xmp:Rating as written ("3", "-1", "3.0"): archive.ratings
    label: str | None = None  # xmp:Label as written ("Red", "Select")
    # Provenance (archive.provenance): IPTC NewsCodes term, PLUS DMI term, C2PA state.
    digital_source_type: str | None = None
    data_mining: str | None = None
    c2pa_state: str | None = None
    # JSON-serialisable {"exif": {...}, "iptc": {...}, "xmp": {...}} exactly as read.
    raw: dict[str, Any] = field(default_factory=dict)
    # Non-fatal problems worth telling the user (IIM/XMP disagreement, charset guessed…).
    warnings: tuple[str, ...] = ()
