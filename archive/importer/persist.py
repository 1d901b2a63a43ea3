"""The single writer: turns worker results into catalogue rows, one transaction per batch."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from archive.credits import AgencyRegistry, load_registry
from archive.db.models import (
    AuditEvent,
    Photo,
    SourcePath,
)
from archive.importer.photo_row import new_photo
from archive.importer.stages import Catalogued
from archive.services.entities import EntityResolver


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


class Persister:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        event: str | None,
        batch_id: str,
        registry: AgencyRegistry | None = None,
    ) -> None:
        self.sessions = sessions
        self.registry = registry or load_registry()
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
        # One flush for the whole batch: without this every entity lookup would flush
        # the photos built so far (a dozen flushes per batch, most of the write time).
        with session.no_autoflush:
            self._build(session, resolver, results, existing, out)
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

    def _build(
        self,
        session: Session,
        resolver: EntityResolver,
        results: list[Catalogued],
        existing: dict[str, Photo],
        out: list[tuple[Catalogued, Photo, bool]],
    ) -> None:
        for item in results:
            photo = existing.get(item.sha256)
            duplicate = photo is not None
            if photo is None:
                photo = new_photo(session, resolver, item, self.event, self.registry)
                existing[item.sha256] = photo
            if item.path not in {sp.path for sp in photo.source_paths}:
                photo.source_paths.append(SourcePath(path=item.path))
            out.append((item, photo, duplicate))

    def mark_stored(self, stored: list[tuple[int, str | None, int | None]]) -> None:
        """Point rows at their copies in the archive (once durable) and record the dHash.

        A plain UPDATE, not an ORM one: where the file lives is not an editorial change,
        so it must not move the version counter under an editor's feet.
        """
        table: Any = Photo.__table__
        moved = [{"pid": pid, "rel": rel} for pid, rel, _ in stored if rel]
        hashed = [{"pid": pid, "dh": dh} for pid, _, dh in stored if dh is not None]
        with self.sessions.begin() as session:
            conn = session.connection()
            if moved:
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("pid"))
                    .values(stored_path=bindparam("rel"), managed=True),
                    moved,
                )
            if hashed:
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("pid"))
                    .values(dhash=bindparam("dh")),
                    hashed,
                )
