"""The rights desk: perceptual fingerprints and near copies, publications, agency terms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class PhotoFingerprint(Base):
    """Two 64-bit DCT hashes of the picture (archive.similar.fingerprint)."""

    __tablename__ = "photo_fingerprint"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    whole: Mapped[int] = mapped_column(BigInteger)
    centre: Mapped[int] = mapped_column(BigInteger)


class FingerprintBand(Base):
    """One 16-bit slice of a hash per row (8 per photo): exact lookups on the primary key
    find every photo sharing a slice, which is how a Hamming search avoids a full scan.

    The row repeats both hashes and SQLite keeps it in the primary key's own B-tree
    (WITHOUT ROWID), so a lookup reads only the band's pages: measured at 1M, joining the
    candidates back to photo_fingerprint cost 4x the band scan itself."""

    __tablename__ = "fingerprint_band"
    __table_args__ = {"sqlite_with_rowid": False}
    code: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    whole: Mapped[int] = mapped_column(BigInteger)
    centre: Mapped[int] = mapped_column(BigInteger)


class PhotoSimilar(Base):
    """A near copy, both directions stored (photo → other), found when it was imported."""

    __tablename__ = "photo_similar"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    distance: Mapped[int] = mapped_column(Integer)


class Publication(Base):
    """Where a picture ran: an article, a gallery, a print page. Outlives the photo row."""

    __tablename__ = "publication"
    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(Integer, index=True)
    published_on: Mapped[date] = mapped_column(Date, index=True)
    location: Mapped[str] = mapped_column(Text)  # --where: a URL, or "print: The Paper"
    title: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(200))
    page: Mapped[str | None] = mapped_column(String(50))
    edition: Mapped[str | None] = mapped_column(String(200))
    use: Mapped[str] = mapped_column(String(40), default="web")  # web | print | social …
    size: Mapped[str | None] = mapped_column(String(40))  # quarter-page, full-page, web …
    fee: Mapped[Any] = mapped_column(Numeric(12, 2), nullable=True)  # as invoiced, if known
    currency: Mapped[str | None] = mapped_column(String(3))
    # Snapshot of who to pay, as it was when it ran (the photo can be re-credited later).
    agency: Mapped[str | None] = mapped_column(String(200), index=True)
    agency_parent: Mapped[str | None] = mapped_column(String(200))
    credit_line: Mapped[str | None] = mapped_column(Text)
    licence_kind: Mapped[str | None] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(20), default="cli")  # cli | csv | gui
    # The CMS's own id of the usage row: re-importing the same log adds nothing.
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    user: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AgencyTerms(Base):
    """What an agency charges: subscription with a quota, pay per use, or free."""

    __tablename__ = "agency_terms"
    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(200), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
