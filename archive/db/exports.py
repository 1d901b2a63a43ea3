"""Export records: every bundle that left the archive and exactly what each file carried."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class ExportBundle(Base):
    __tablename__ = "export_bundle"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text)  # the folder or .zip written
    profile: Mapped[str] = mapped_column(String(100))
    size: Mapped[str] = mapped_column(String(20))  # original | web | <long edge px>
    photos: Mapped[int] = mapped_column(Integer)
    overrides: Mapped[list[Any]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    items: Mapped[list[ExportItem]] = relationship(
        back_populates="bundle", cascade="all, delete-orphan", order_by="ExportItem.id"
    )


class ExportItem(Base):
    __tablename__ = "export_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(
        ForeignKey("export_bundle.id", ondelete="CASCADE"), index=True
    )
    # No cascade from photo: the record of a publication outlives the catalogue row.
    photo_id: Mapped[int] = mapped_column(Integer, index=True)
    file_name: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64))
    exported_sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str | None] = mapped_column(Text)
    credit_line: Mapped[str | None] = mapped_column(Text)
    presentation_credit: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(String(200), index=True)
    agency_parent: Mapped[str | None] = mapped_column(String(200))
    photographer: Mapped[str | None] = mapped_column(String(300))
    people: Mapped[list[Any]] = mapped_column(JSON, default=list)
    event: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    overrides: Mapped[list[Any]] = mapped_column(JSON, default=list)
    bundle: Mapped[ExportBundle] = relationship(back_populates="items")
