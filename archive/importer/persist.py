"""The single writer: turns worker results into catalogue rows, one transaction per batch."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from archive.credits import AgencyRegistry, load_registry
from archive.db.base import utcnow
from archive.db.models import (
    AuditEvent,
    Photo,
    SourcePath,
)
from archive.importer.bulk_insert import insert_new
from archive.importer.photo_row import NewPhoto, plan_photo
from archive.importer.races import RETRIES, is_race
from archive.importer.stages import Catalogued
from archive.services.entities import EntityResolver
from archive.text import clean
from archive.users import current_user


@dataclass(frozen=True)
class Persisted:
    path: str
    photo_id: int
    sha256: str
    stored_path: str
    duplicate: bool
    managed: bool
    format: str


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
        """Persist a batch in one transaction; a race with another importer retries it.

        Vocabulary never races (archive.db.upsert); what can is the photo itself (another
        desk catalogued the same file between our check and our insert: the retry finds
        its row and records a duplicate) and, on PostgreSQL, a deadlock between two such
        batches. Each attempt is a fresh transaction, so nothing half-done carries over.
        """
        for attempt in range(RETRIES):
            try:
                with self.sessions.begin() as session:
                    return self._persist(session, results)
            except DBAPIError as exc:
                if attempt == RETRIES - 1 or not is_race(exc):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

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
        new = [r for r in results if r.sha256 not in existing]
        resolver.preload(
            people=[n for r in new for n in r.meta.people],
            events=[clean(self.event) or clean(r.meta.event) or "" for r in new],
            keywords=[w for r in new for w in r.meta.keywords],
        )
        planned: dict[str, NewPhoto] = {}
        # Entity lookups must not flush half-built state; one flush below writes the new
        # people, events… (and source paths of known photos) so the bulk rows can use ids.
        with session.no_autoflush:
            for item in results:
                if item.sha256 in existing:
                    photo = existing[item.sha256]
                    if item.path not in {sp.path for sp in photo.source_paths}:
                        photo.source_paths.append(SourcePath(path=item.path))
                elif item.sha256 in planned:  # the same picture twice in one batch
                    paths = planned[item.sha256].paths
                    if item.path not in paths:
                        paths.append(item.path)
                else:
                    planned[item.sha256] = plan_photo(resolver, item, self.event, self.registry)
        session.flush()
        new_ids = insert_new(session, list(planned.values()))
        out: list[Persisted] = []
        audit: list[dict[str, Any]] = []
        now = utcnow()
        first_of: set[str] = set()
        for item in results:
            duplicate = item.sha256 in existing or item.sha256 in first_of
            first_of.add(item.sha256)
            if item.sha256 in new_ids:
                pid, fmt = new_ids[item.sha256], item.meta.format
                stored, managed = item.stored_path, item.managed
            else:
                photo = existing[item.sha256]
                pid, fmt, stored, managed = photo.id, photo.format, photo.stored_path, photo.managed
            out.append(Persisted(item.path, pid, item.sha256, stored, duplicate, managed, fmt))
            audit.append(
                {
                    "at": now,
                    "user": self.user,
                    "batch": self.batch_id,
                    "action": "import-duplicate" if duplicate else "import",
                    "entity": "photo",
                    "entity_id": pid,
                    "field": None,
                    "old": None,
                    "new": {"source": item.path, "sha256": item.sha256},
                }
            )
        session.connection().execute(insert(AuditEvent.__table__), audit)  # type: ignore[arg-type]
        return out

    def mark_stored(
        self,
        stored: list[tuple[int, str | None, int | None]],
        fingerprints: list[tuple[int, tuple[int, int] | None]] | None = None,
    ) -> None:
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
                # The check at insert could not see copies of the same picture (no hash yet):
                # those that have one now are checked again, with their twins (issue 22 item 2).
                from archive.services.live_check import mark_for_check, shared_hashes

                mark_for_check(session, shared_hashes(session, [h["dh"] for h in hashed]))
            if fingerprints:
                # Filed and linked to its near copies in the same transaction as the row.
                from archive.similar.fingerprint import Fingerprint
                from archive.similar.index import record

                record(conn, [(pid, Fingerprint(*fp)) for pid, fp in fingerprints if fp])
