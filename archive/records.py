"""Plain, frozen records handed to callers (CLI, GUI, scripts). ORM objects never leave archive/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhotoSummary:
    id: int
    sha256: str
    taken_at: str | None  # ISO 8601, with offset when the file stated one
    caption: str | None
    credit_line: str | None
    people: tuple[str, ...]
    event: str | None
    title: str | None = None
    headline: str | None = None
    stored_path: str | None = None  # as stored: relative to the archive folder when managed
    rating: int | None = None  # 1-5 stars, -1 rejected (archive.ratings)
    width: int | None = None  # pixels as stored (before EXIF orientation)
    height: int | None = None
    orientation: int | None = None  # EXIF 1..8
    label: str | None = None  # colour label: red, yellow, green, blue, purple (or as sent)
    # Provenance marks for the tile (archive.provenance.vocab.badges): "generated" (a
    # generated or composite source type), "broken" (Content Credentials not valid).
    provenance: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhotoPage:
    total: int
    photos: tuple[PhotoSummary, ...]
