"""Reading photos back: summaries for lists and grids, the full detail for `show`.

The rows are read with Core queries (services/photo_reads.py, shared with the read
commands), on this service's session's connection.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import CheckResult, Photo
from archive.errors import NotFoundError
from archive.records import PhotoPage, PhotoSummary
from archive.services import photo_reads
from archive.services.photo_reads import overridden

__all__ = ["PhotoService", "overridden"]


class PhotoService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def count(self) -> int:
        with self.sessions() as s:
            return s.scalar(select(func.count(Photo.id))) or 0

    def list_summaries(self, offset: int = 0, limit: int | None = 100) -> PhotoPage:
        """Newest first by capture time (undated last), then import order."""
        with self.sessions() as s:
            return photo_reads.list_page(s.connection(), offset, limit)

    def summaries(self, ids: list[int]) -> list[PhotoSummary]:
        with self.sessions() as s:
            return photo_reads.summaries(s.connection(), ids)

    def detail(self, photo_id: int) -> dict[str, Any]:
        """Everything known about one photo, as the `show --json` contract spells it."""
        found = self.details([photo_id])
        if not found:
            raise NotFoundError(f"no photo with id {photo_id}")
        return found[0]

    def details(self, ids: list[int]) -> list[dict[str, Any]]:
        """Many details in a handful of queries (export and the GUI inspector use this)."""
        with self.sessions() as s:
            return photo_reads.details(s.connection(), ids)

    def badges(self, ids: list[int]) -> dict[int, str]:
        """As `statuses`, but a photo that passes only because an error was overridden is
        "overridden": the grid shows it apart from the truly clear ones (issue 18 item 9)."""
        out: dict[int, str] = {}
        with self.sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = s.execute(
                    select(CheckResult.photo_id, CheckResult.status, CheckResult.findings).where(
                        CheckResult.photo_id.in_(chunk)
                    )
                )
                out.update(
                    {
                        pid: "overridden" if overridden(status, findings) else status
                        for pid, status, findings in rows
                    }
                )
        return out

    def statuses(self, ids: list[int]) -> dict[int, str]:
        """The last check's status (blocked, warning, clear) of each photo that has been
        checked; unchecked photos are absent. One query per 500 ids (the GUI's badges)."""
        out: dict[int, str] = {}
        with self.sessions() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = s.execute(
                    select(CheckResult.photo_id, CheckResult.status).where(
                        CheckResult.photo_id.in_(chunk)
                    )
                )
                out.update({photo_id: status for photo_id, status in rows})
        return out
