"""The single writer: turns worker results into catalogue rows, one transaction per batch."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from archive.credits import parse_credit
from archive.db.models import (
    AuditEvent,
    EmbeddedMetadata,
    Photo,
    PhotoKeyword,
    PhotoPerson,
    SourcePath,
)
from archive.importer.stages import Catalogued
from archive.services.entities import EntityResolver
from archive.text import clean


@dataclass(frozen=True)
class Persisted:
    path: str
    photo_id: int
    sha256: str
    stored_path: str
    duplicate: bool
    managed: bool
    format: str


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _utc_naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


class Persister:
    def __init__(self, sessions: sessionmaker[Session], event: str | None, batch_id: str) -> None:
        self.sessions = sessions
        self.event = event
        self.batch_id = batch_id
        self.user = current_user()

    def persist(self, results: list[Catalogued]) -> list[Persisted]:
        """Persist a batch in one transaction; on a race with another importer, one by one."""
        try:
            with self.sessions.begin() as session:
                return self._persist(session, results)
        except IntegrityError:
            # Another process catalogued some of these files between our check and our
            # insert: retry each alone so the winner's row is reused as a duplicate.
            out: list[Persisted] = []
            for item in results:
                with self.sessions.begin() as session:
                    out.extend(self._persist(session, [item]))
            return out

    def _persist(self, session: Session, results: list[Catalogued]) -> list[Persisted]:
        resolver = EntityResolver(session)
        shas = {r.sha256 for r in results}
        existing = {
            p.sha256: p
            for p in session.scalars(
                select(Photo)
                .where(Photo.sha256.in_(shas))
                .execution_options(populate_existing=False)
            )
        }
        out: list[tuple[Catalogued, Photo, bool]] = []
        for item in results:
            photo = existing.get(item.sha256)
            duplicate = photo is not None
            if photo is None:
                photo = self._new_photo(session, resolver, item)
                existing[item.sha256] = photo
            if item.path not in {sp.path for sp in photo.source_paths}:
                photo.source_paths.append(SourcePath(path=item.path))
            out.append((item, photo, duplicate))
        session.flush()
        for item, photo, duplicate in out:
            session.add(
                AuditEvent(
                    user=self.user,
                    batch=self.batch_id,
                    action="import-duplicate" if duplicate else "import",
                    entity="photo",
                    entity_id=photo.id,
                    new={"source": item.path, "sha256": item.sha256},
                )
            )
        return [
            Persisted(
                item.path,
                photo.id,
                photo.sha256,
                photo.stored_path,
                duplicate,
                photo.managed,
                photo.format,
            )
            for item, photo, duplicate in out
        ]

    def mark_stored(self, stored: list[tuple[int, str | None]]) -> None:
        """Point rows at their copies in the archive, once those are durable.

        A plain UPDATE, not an ORM one: where the file lives is not an editorial change,
        so it must not move the version counter under an editor's feet.
        """
        rows = [{"pid": pid, "rel": rel} for pid, rel in stored if rel]
        if not rows:
            return
        table: Any = Photo.__table__
        stmt = (
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(stored_path=bindparam("rel"), managed=True)
        )
        with self.sessions.begin() as session:
            session.connection().execute(stmt, rows)

    def _new_photo(self, session: Session, resolver: EntityResolver, item: Catalogued) -> Photo:
        meta = item.meta
        taken, offset = meta.taken_at, None
        if taken is not None and taken.tzinfo is not None:
            delta = taken.utcoffset()
            offset = int(delta.total_seconds() // 60) if delta is not None else None
            taken = taken.replace(tzinfo=None)
        creator = "; ".join(meta.creators) or None
        credit = parse_credit(meta.credit_line, byline=creator, source=meta.source)
        credit_line = clean(meta.credit_line)
        warnings = list(meta.warnings)
        if credit.canonical and credit.canonical != credit_line:
            # The line to publish is the agency's canonical form: By-line "Joe Maher" +
            # Credit "Getty Images" → "Joe Maher/Getty Images"; an IIM copy cut at 32 bytes
            # is completed. What the agency embedded stays in the raw metadata.
            why = "was truncated" if credit.truncated else "is not in the agency's form"
            if credit_line:
                warnings.append(f"credit '{credit_line}' {why}; using '{credit.canonical}'")
            credit_line = credit.canonical
        photo = Photo(
            sha256=item.sha256,
            format=meta.format,
            file_size=item.size,
            width=meta.width,
            height=meta.height,
            orientation=meta.orientation,
            taken_at=taken,
            taken_offset_min=offset,
            camera_make=clean(meta.camera_make),
            camera_model=clean(meta.camera_model),
            lens=clean(meta.lens),
            gps_lat=meta.gps_lat,
            gps_lon=meta.gps_lon,
            title=clean(meta.title),
            headline=clean(meta.headline),
            caption=clean(meta.caption),
            caption_writer=clean(meta.caption_writer),
            creator=creator,
            credit_line=credit_line,
            source=clean(meta.source),
            copyright=clean(meta.copyright),
            usage_terms=clean(meta.usage_terms),
            special_instructions=clean(meta.special_instructions),
            supplier_image_id=clean(meta.supplier_image_id),
            release_at=_utc_naive(meta.release_at),
            expires_at=_utc_naive(meta.expires_at),
            city=clean(meta.city),
            sublocation=clean(meta.sublocation),
            state=clean(meta.state),
            country=clean(meta.country),
            country_code=clean(meta.country_code),
            stored_path=item.stored_path,
            managed=item.managed,
        )
        photographer = credit.photographer or (meta.creators[0] if meta.creators else None)
        if clean(photographer):
            photo.photographer = resolver.photographer(photographer)  # type: ignore[arg-type]
        if credit.agency:
            photo.agency = resolver.agency(credit.agency, credit.parent)
        event_name = clean(self.event) or clean(meta.event)
        if event_name:
            photo.event = resolver.event(event_name)
        seen_people: set[int] = set()
        for pos, name in enumerate(n for n in meta.people if clean(n)):
            person = resolver.person(name)
            assert person is not None
            if id(person) in seen_people:
                continue
            seen_people.add(id(person))
            photo.person_links.append(PhotoPerson(person=person, position=pos))
        seen_kw: set[str] = set()
        for pos, word in enumerate(w for w in meta.keywords if clean(w)):
            word = word.strip()
            if word in seen_kw:
                continue
            seen_kw.add(word)
            photo.keyword_links.append(PhotoKeyword(keyword=resolver.keyword(word), position=pos))
        photo.embedded = EmbeddedMetadata(data=meta.raw, warnings=warnings)
        session.add(photo)
        return photo
