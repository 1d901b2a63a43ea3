"""Licences, publication profiles, overrides and the last check of each photo."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class Licence(Base):
    """What the desk may do with a picture; one per photo, or shared by many (a contract)."""

    __tablename__ = "licence"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    uses: Mapped[list[Any]] = mapped_column(JSON, default=list)  # allowed uses; [] = not stated
    excluded_territories: Mapped[list[Any]] = mapped_column(JSON, default=list)
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    valid_until: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    time_limit_days: Mapped[int | None] = mapped_column(Integer)
    model_release: Mapped[str | None] = mapped_column(String(40))
    property_release: Mapped[str | None] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Parsed from special instructions / usage terms at import (Restriction.to_json); the
    # unparsed ones are kept with their text, never dropped.
    restrictions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Profile(Base):
    """Where pictures are going: territory, uses, house credit presentation, caption rules."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    territory: Mapped[str] = mapped_column(String(2))
    uses: Mapped[list[Any]] = mapped_column(JSON, default=list)
    publish_at: Mapped[datetime | None] = mapped_column(DateTime)  # None = now
    credit_presentation: Mapped[str] = mapped_column(Text, default="(Image credit: {credit})")
    caption_min_length: Mapped[int] = mapped_column(Integer, default=40)
    people_must_be_named: Mapped[bool] = mapped_column(Boolean, default=True)
    expiring_days: Mapped[int] = mapped_column(Integer, default=7)
    # used-recently warns when the picture was published within this many days.
    used_recently_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    severities: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Provenance settings (archive.provenance.settings): AI labels, export of credentials.
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Export writes the licence as usage terms and the agency's default copyright (0019).
    rights_on_export: Mapped[bool | None] = mapped_column(Boolean, default=True)


class Override(Base):
    """A rule an editor decided to accept for one photo, with the reason written down."""

    __tablename__ = "override"
    __table_args__ = (Index("ix_override_photo_rule", "photo_id", "rule"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    profile: Mapped[str | None] = mapped_column(String(100))  # None = every profile
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # What the finding depended on when the override was written (override_facts.py);
    # the override lapses when they change. None: written before 0019, applies as before.
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class CheckResult(Base):
    """The last compliance check of a photo (search's status: field reads it)."""

    __tablename__ = "check_result"
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True
    )
    profile: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), index=True)  # clear | warning | blocked
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    checked_for: Mapped[datetime] = mapped_column(DateTime)  # the --at instant
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class LicenceTag(Base):
    """Search tags of a licence ("uk-out", "editorial-only", "embargo"…), derived, never edited:
    kept in step by archive.db.licence_tags whenever a licence is flushed."""

    __tablename__ = "licence_tag"
    licence_id: Mapped[int] = mapped_column(
        ForeignKey("licence.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
