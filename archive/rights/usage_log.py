"""CSV import of a CMS usage log: one row per picture that ran.

Columns (header row required, names case-insensitive, any order, extra columns ignored):

  usage_id      the CMS's own id of the row (optional; a row already imported is skipped)
  photo_id      the Creditdesk photo id  ─┐ one of the two; sha256 is the SHA-256 of the
  sha256        the original's SHA-256   ─┘ original the CMS was given (as in manifest.json)
  published_on  YYYY-MM-DD (required)
  url           where it ran: the article URL, or the printed title (required)
  title         the article's title (required)
  section, page, edition, use (web, print, social …), size, fee, currency   (optional)

Every row is checked first; the good rows are recorded in one transaction and each bad row
is reported with its line number and what to fix: one bad row never stops the log.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import Photo, Publication
from archive.errors import ArchiveError, UsageError
from archive.importer.persist import current_user
from archive.rights.publications import (
    PublicationRequest,
    checked,
    parse_day,
    parse_fee,
    record_in,
)

COLUMNS = (
    "usage_id",
    "photo_id",
    "sha256",
    "published_on",
    "url",
    "title",
    "section",
    "page",
    "edition",
    "use",
    "size",
    "fee",
    "currency",
)
REQUIRED = ("published_on", "url", "title")


@dataclass
class LogReport:
    recorded: list[int] = field(default_factory=list)  # publication ids
    skipped: list[str] = field(default_factory=list)  # usage ids already recorded
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, what to fix)

    def as_json(self) -> dict[str, object]:
        return {
            "recorded": len(self.recorded),
            "publication_ids": self.recorded,
            "skipped": self.skipped,
            "errors": [{"line": line, "error": msg} for line, msg in self.errors],
        }


def read_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None:
                raise UsageError(f"{path}: empty file, expected a header row")
            names = [n.strip().lower() for n in reader.fieldnames]
            missing = [c for c in REQUIRED if c not in names]
            if missing or not ({"photo_id", "sha256"} & set(names)):
                need = missing + ([] if {"photo_id", "sha256"} & set(names) else ["photo_id"])
                raise UsageError(f"{path}: the header lacks {', '.join(need)} (see README)")
            for row in reader:
                clean = {
                    k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None
                }
                yield reader.line_num, clean
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text ({exc.reason}); save the log as UTF-8") from None
    except OSError as exc:
        raise ArchiveError(f"cannot read {path}: {exc.strerror or exc}") from exc


class UsageLogImporter:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def run(self, path: Path) -> LogReport:
        report = LogReport()
        rows = list(read_rows(path))
        user = current_user()
        with self.sessions.begin() as s:
            by_sha = self._photos_by_sha(s, [r.get("sha256", "") for _, r in rows])
            seen = set(
                s.scalars(
                    select(Publication.external_id).where(
                        Publication.external_id.in_(
                            [r["usage_id"] for _, r in rows if r.get("usage_id")]
                        )
                    )
                )
            )
            for line, row in rows:
                try:
                    pid, req = self._request(row, by_sha)
                except ArchiveError as exc:
                    report.errors.append((line, str(exc)))
                    continue
                if req.external_id and req.external_id in seen:
                    report.skipped.append(req.external_id)
                    continue
                try:
                    with s.begin_nested():
                        (pub,) = record_in(s, [pid], req, user)
                except ArchiveError as exc:
                    report.errors.append((line, str(exc)))
                    continue
                if req.external_id:
                    seen.add(req.external_id)
                report.recorded.append(pub.id)
        return report

    def _photos_by_sha(self, s: Session, shas: list[str]) -> dict[str, int]:
        wanted = [x.lower() for x in shas if x]
        if not wanted:
            return {}
        found: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            rows = s.execute(
                select(Photo.sha256, Photo.id).where(Photo.sha256.in_(wanted[i : i + 500]))
            )
            found.update({sha: pid for sha, pid in rows})
        return found

    def _request(
        self, row: dict[str, str], by_sha: dict[str, int]
    ) -> tuple[int, PublicationRequest]:
        for column in REQUIRED:
            if not row.get(column):
                raise UsageError(f"{column} is empty")
        if row.get("photo_id"):
            if not row["photo_id"].isdigit():
                raise UsageError(f"photo_id is a number, not {row['photo_id']!r}")
            pid = int(row["photo_id"])
        elif row.get("sha256"):
            sha = row["sha256"].lower()
            if sha not in by_sha:
                raise UsageError(f"no photo in the archive has sha256 {sha[:12]}…")
            pid = by_sha[sha]
        else:
            raise UsageError("the row names no photo: fill photo_id or sha256")
        req = PublicationRequest(
            where=row["url"],
            title=row["title"],
            published_on=parse_day(row["published_on"]),
            section=row.get("section"),
            page=row.get("page"),
            edition=row.get("edition"),
            use=row.get("use") or None,
            size=row.get("size"),
            fee=parse_fee(row.get("fee")),
            currency=row.get("currency") or None,
            external_id=row.get("usage_id") or None,
            origin="csv",
        )
        return pid, checked(req)
