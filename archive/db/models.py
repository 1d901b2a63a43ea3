"""The catalogue: typed SQLAlchemy 2 models.

Times are stored as naive UTC, except ``Photo.taken_at`` which is the camera's
wall-clock time with its UTC offset kept beside it (``taken_offset_min``):
photo desks care about the local time of the event, and many files state none.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

# Registered on the same metadata; re-exported so callers import every model from here.
from .exports import ExportBundle, ExportItem  # noqa: F401
from .licensing import CheckResult, Licence, LicenceTag, Override, Profile  # noqa: F401
from .rights import (  # noqa: F401
    AgencyTerms,
    FingerprintBand,
    PhotoFingerprint,
    PhotoSimilar,
    Publication,
)


class Agency(Base):
    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Brand hierarchy: WireImage → Getty Images, so a search for Getty finds WireImage pictures.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    parent: Mapped[Agency | None] = relationship(remote_side=[id])


class Photographer(Base):
    __tablename__ = "photographer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Case- and accent-folded name: the identity used to match embedded by-lines.
    folded: Mapped[str] = mapped_column(String(300), unique=True)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Unique (0018): importers insert new names race-safely on it (archive.db.upsert).
    folded: Mapped[str] = mapped_column(String(300), index=True, unique=True)
    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class PersonAlias(Base):
    __tablename__ = "person_alias"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300), unique=True)
    person: Mapped[Person] = relationship(back_populates="aliases")


class Event(Base):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    folded: Mapped[str] = mapped_column(String(500), unique=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    venue: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))


class Keyword(Base):
    __tablename__ = "keyword"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)


class PhotoKeyword(Base):
    __tablename__ = "photo_keyword"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    keyword_id: Mapped[int] = mapped_column(ForeignKey("keyword.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    keyword: Mapped[Keyword] = relationship()


class PhotoPerson(Base):
    __tablename__ = "photo_person"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True, index=True)
    # Order matters: captions name people left to right as the agency listed them.
    position: Mapped[int] = mapped_column(Integer, default=0)
    person: Mapped[Person] = relationship()


class Photo(Base):
    __tablename__ = "photo"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(16))
    file_size: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    orientation: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    taken_offset_min: Mapped[int | None] = mapped_column(Integer)
    camera_make: Mapped[str | None] = mapped_column(String(200))
    camera_model: Mapped[str | None] = mapped_column(String(200))
    lens: Mapped[str | None] = mapped_column(String(200))
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    caption: Mapped[str | None] = mapped_column(Text)
    caption_writer: Mapped[str | None] = mapped_column(String(300))
    creator: Mapped[str | None] = mapped_column(Text)
    credit_line: Mapped[str | None] = mapped_column(Text)
    photographer_id: Mapped[int | None] = mapped_column(ForeignKey("photographer.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    copyright: Mapped[str | None] = mapped_column(Text)
    usage_terms: Mapped[str | None] = mapped_column(Text)
    special_instructions: Mapped[str | None] = mapped_column(Text)
    # IPTC 2021 accessibility (Iptc4xmpCore:AltTextAccessibility / ExtDescrAccessibility).
    alt_text: Mapped[str | None] = mapped_column(Text)
    extended_description: Mapped[str | None] = mapped_column(Text)
    creator_job_title: Mapped[str | None] = mapped_column(String(300))  # IIM 2:85
    job_id: Mapped[str | None] = mapped_column(String(200))  # IIM 2:103 transmission reference
    # The desk's culling marks (xmp:Rating 1-5, -1 rejected; xmp:Label colour): archive.ratings.
    rating: Mapped[int | None] = mapped_column(Integer, index=True)
    label: Mapped[str | None] = mapped_column(String(64), index=True)
    # Provenance (archive.provenance): the IPTC Digital Source Type term (editable; the file's
    # own value stays in the embedded evidence), the PLUS Data Mining term, and the state of
    # the file's C2PA Content Credentials at import (None = the file carries none).
    digital_source_type: Mapped[str | None] = mapped_column(String(100), index=True)
    data_mining: Mapped[str | None] = mapped_column(String(100))
    c2pa_state: Mapped[str | None] = mapped_column(String(30), index=True)
    supplier_image_id: Mapped[str | None] = mapped_column(String(200))
    release_at: Mapped[datetime | None] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    city: Mapped[str | None] = mapped_column(String(200))
    sublocation: Mapped[str | None] = mapped_column(String(300))
    state: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(8))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    licence_id: Mapped[int | None] = mapped_column(ForeignKey("licence.id"), index=True)
    # Perceptual hash of the thumbnail (dHash, 64 bits as a signed integer): the same
    # picture re-encoded or resized by another agency hashes alike.
    dhash: Mapped[int | None] = mapped_column(BigInteger, index=True)
    # Relative to the archive folder for managed copies; absolute for --reference imports.
    stored_path: Mapped[str] = mapped_column(Text)
    managed: Mapped[bool] = mapped_column(default=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking: a stale write raises StaleDataError instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    photographer: Mapped[Photographer | None] = relationship()
    agency: Mapped[Agency | None] = relationship()
    event: Mapped[Event | None] = relationship()
    licence: Mapped[Licence | None] = relationship()
    source_paths: Mapped[list[SourcePath]] = relationship(
        back_populates="photo", cascade="all, delete-orphan", order_by="SourcePath.id"
    )
    keyword_links: Mapped[list[PhotoKeyword]] = relationship(
        cascade="all, delete-orphan", order_by="PhotoKeyword.position"
    )
    person_links: Mapped[list[PhotoPerson]] = relationship(
        cascade="all, delete-orphan", order_by="PhotoPerson.position"
    )
    embedded: Mapped[EmbeddedMetadata | None] = relationship(
        cascade="all, delete-orphan", uselist=False
    )


class IngestPreset(Base):
    """A named set of field values and rules applied at ingest (archive.ingest.presets)."""

    __tablename__ = "ingest_preset"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SourcePath(Base):
    __tablename__ = "source_path"
    __table_args__ = (UniqueConstraint("photo_id", "path", name="uq_source_path_photo_path"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    photo: Mapped[Photo] = relationship(back_populates="source_paths")


class EmbeddedMetadata(Base):
    """The raw EXIF/IPTC/XMP exactly as read at import: evidence, never edited."""

    __tablename__ = "embedded_metadata"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    read_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    # One edit command = one batch, so `undo` can revert it as a whole.
    batch: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(50))  # import, edit, merge, undo…
    entity: Mapped[str] = mapped_column(String(50))  # photo, person, event…
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(100))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
