"""Insert a batch of new photos with one statement per table, in the writer's transaction.

The ORM's unit of work costs about a millisecond per photo here (seven objects each,
their events and bookkeeping) — as much as reading and hashing the file. A new photo
has nothing to reconcile, so its rows go in as plain multi-row INSERTs; the search
index and the licence tags are told explicitly, since no ORM event sees these rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from archive.db.base import utcnow
from archive.db.licence_tags import tag_rows
from archive.db.licensing import Licence, LicenceTag
from archive.db.models import EmbeddedMetadata, Photo, PhotoKeyword, PhotoPerson, SourcePath
from archive.importer.photo_row import NewPhoto
from archive.search.sync import mark_dirty
from archive.services.live_check import mark_for_check

_LICENCE_COLUMNS = [c.key for c in Licence.__table__.columns if c.key != "id"]


def insert_new(session: Session, plans: list[NewPhoto]) -> dict[str, int]:
    """Insert *plans* (their entities already flushed); returns sha256 → new photo id."""
    if not plans:
        return {}
    conn = session.connection()
    now = utcnow()
    licence_ids = _insert_licences(session, [p for p in plans if p.licence is not None], now)
    rows = []
    for plan in plans:
        row = dict(plan.columns)
        row["photographer_id"] = plan.photographer.id if plan.photographer else None
        row["agency_id"] = plan.agency.id if plan.agency else None
        row["event_id"] = plan.event.id if plan.event else None
        row["licence_id"] = licence_ids.get(id(plan))
        row.update(imported_at=now, updated_at=now, version=1)
        rows.append(row)
    ids = _insert_returning(session, _table(Photo), rows)
    by_sha = {plan.item.sha256: pid for plan, pid in zip(plans, ids, strict=True)}
    links: list[tuple[Table, list[dict[str, Any]]]] = [
        (
            _table(SourcePath),
            [
                {"photo_id": pid, "path": path, "imported_at": now}
                for plan, pid in zip(plans, ids, strict=True)
                for path in plan.paths
            ],
        ),
        (
            _table(PhotoPerson),
            [
                {"photo_id": pid, "person_id": person.id, "position": pos}
                for plan, pid in zip(plans, ids, strict=True)
                for pos, person in enumerate(plan.people)
            ],
        ),
        (
            _table(PhotoKeyword),
            [
                {"photo_id": pid, "keyword_id": kw.id, "position": pos}
                for plan, pid in zip(plans, ids, strict=True)
                for pos, kw in enumerate(plan.keywords)
            ],
        ),
        (
            _table(EmbeddedMetadata),
            [
                {
                    "photo_id": pid,
                    "data": plan.item.meta.raw,
                    "warnings": plan.warnings,
                    "read_at": now,
                }
                for plan, pid in zip(plans, ids, strict=True)
            ],
        ),
    ]
    for table, values in links:
        if values:
            conn.execute(insert(table), values)
    mark_dirty(session, ids)
    mark_for_check(session, ids)  # live badges: checked in this same transaction
    return by_sha


def _insert_licences(session: Session, plans: list[NewPhoto], now: datetime) -> dict[int, int]:
    """Insert each plan's licence; returns id(plan) → licence id, and writes their tags."""
    if not plans:
        return {}
    rows = []
    for plan in plans:
        lic = plan.licence
        row = {key: getattr(lic, key) for key in _LICENCE_COLUMNS}
        for key in ("uses", "excluded_territories", "restrictions"):
            row[key] = row[key] or []
        row["shared"] = bool(row["shared"])
        row["updated_at"] = row["updated_at"] or now
        rows.append(row)
    ids = _insert_returning(session, _table(Licence), rows)
    tags = []
    for plan, lid in zip(plans, ids, strict=True):
        assert plan.licence is not None
        plan.licence.id = lid
        tags.extend(tag_rows(plan.licence))
    if tags:
        session.connection().execute(insert(_table(LicenceTag)), tags)
    return {id(plan): lid for plan, lid in zip(plans, ids, strict=True)}


def _insert_returning(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    # sort_by_parameter_order: the ids come back in the order of *rows*, on both engines.
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(stmt, rows).scalars())


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]
