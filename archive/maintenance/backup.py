"""`backup DEST`: a consistent online backup of the catalogue and the originals it names.

The catalogue is captured first, at one instant (SQLite's backup API; for PostgreSQL
`pg_dump -Fc` run on a snapshot exported from the transaction that also hashes every
table). Originals are never modified or deleted, so every file a captured row points at
exists afterwards: they are hard-linked when on the same file system, else copied. The
whole backup is built in a temp folder beside DEST and renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.engine import make_url

from archive.db.migrate import copy_sqlite, head_revision
from archive.db.models import Photo
from archive.errors import CatalogueError, UsageError
from archive.maintenance import pgtools
from archive.maintenance.dbcheck import current_revision_of
from archive.maintenance.files import CONFIG_FILES, fsync_tree, hash_many, place, sha256_file
from archive.maintenance.safety import TEAM_FILE, strip_password
from archive.maintenance.tables import TableDigest, digest_all, snapshot

if TYPE_CHECKING:
    from archive.handle import Archive

MANIFEST = "manifest.json"
FORMAT = "creditdesk-backup"
SQLITE_FILE = "catalog.sqlite"
PG_FILE = "catalog.pgdump"


@dataclass
class BackupReport:
    dest: str
    engine: str
    photos: int = 0
    files: int = 0
    linked: int = 0
    copied: int = 0
    bytes: int = 0
    referenced: int = 0
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, TableDigest] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": not self.warnings,
            "dest": self.dest,
            "engine": self.engine,
            "photos": self.photos,
            "files": self.files,
            "linked": self.linked,
            "copied": self.copied,
            "bytes": self.bytes,
            "referenced": self.referenced,
            "warnings": self.warnings,
            "tables": {k: v.as_json() for k, v in self.tables.items()},
        }


def sqlite_file(db_url: str) -> Path:
    """The file behind an SQLite catalogue URL (plain or ``file:`` URI form)."""
    database = make_url(db_url).database or ""
    if database.startswith("file:"):
        database = unquote(database[5:])
    return Path(database)


def backup(archive: Archive, dest: Path) -> BackupReport:
    dest = Path(dest).expanduser().absolute()
    if dest.exists():
        raise UsageError(f"{dest} already exists: give a new folder for the backup")
    if dest == archive.folder.absolute() or archive.folder.absolute() in dest.parents:
        raise UsageError("the backup cannot be made inside the archive it backs up")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = dest.with_name(f".{dest.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    work.mkdir()
    report = BackupReport(dest=str(dest), engine=archive.engine.dialect.name)
    try:
        catalogue, rows = _catalogue(archive, work, report)
        files = _files(archive, work, rows, report)
        manifest = {
            "format": FORMAT,
            "version": 1,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": report.engine,
            "catalogue": catalogue,
            "tables": {k: v.as_json() for k, v in report.tables.items()},
            "files": files,
            "referenced": [
                {"photo_id": pid, "path": path, "sha256": sha}
                for pid, sha, path, managed in rows
                if not managed
            ],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        fsync_tree(work)
        os.rename(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return report


Row = tuple[int, str, str, bool]


def _photo_rows(conn: Connection) -> list[Row]:
    query = select(Photo.id, Photo.sha256, Photo.stored_path, Photo.managed).order_by(Photo.id)
    return [(r.id, r.sha256, r.stored_path, bool(r.managed)) for r in conn.execute(query)]


def _catalogue(
    archive: Archive, work: Path, report: BackupReport
) -> tuple[dict[str, Any], list[Row]]:
    info: dict[str, Any] = {"url": strip_password(archive.db_url)}
    if report.engine == "sqlite":
        target = work / SQLITE_FILE
        source = sqlite_file(archive.db_url)
        uri = archive.db_url.removeprefix("sqlite:///")  # file:…?immutable=1 when read-only
        src = sqlite3.connect(uri, uri=True) if uri.startswith("file:") else sqlite3.connect(source)
        try:
            copy_sqlite(src, target)
        finally:
            src.close()
        engine = create_engine(f"sqlite:///{target}")
        try:
            with engine.connect() as conn:
                report.tables = digest_all(conn)
                rows = _photo_rows(conn)
                info["schema_version"] = current_revision_of(conn)
        finally:
            engine.dispose()
        info.update(file=SQLITE_FILE, sha256=sha256_file(target), size=target.stat().st_size)
    else:
        schema = pgtools.schema_of(archive.db_url, archive.engine)
        target = work / PG_FILE
        with snapshot(archive.engine) as conn:
            snap = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
            pgtools.dump(archive.db_url, schema, target, str(snap))
            report.tables = digest_all(conn)
            rows = _photo_rows(conn)
            info["schema_version"] = current_revision_of(conn)
        info.update(
            file=PG_FILE, sha256=sha256_file(target), size=target.stat().st_size, schema=schema
        )
    if info["schema_version"] != head_revision():
        raise CatalogueError("the catalogue is not at the current schema: open it once first")
    report.photos = len(rows)
    return info, rows


def _files(
    archive: Archive, work: Path, rows: list[Row], report: BackupReport
) -> list[dict[str, Any]]:
    wanted: dict[str, str | None] = {}  # relative path → expected sha256 (None: thumbnail)
    for _pid, sha, stored, managed in rows:
        if managed:
            wanted[stored] = sha
        else:
            report.referenced += 1
        thumb = archive.thumbnail_path(sha)
        if thumb.exists():
            wanted[str(thumb.relative_to(archive.folder))] = None
    for name in (TEAM_FILE, *CONFIG_FILES):
        if (archive.folder / name).is_file():
            wanted[name] = None
    placed: list[str] = []
    for rel in wanted:
        try:
            how = place(archive.folder / rel, work / rel, link=True)
        except FileNotFoundError:
            report.warnings.append(f"missing from the archive, not backed up: {rel}")
            continue
        report.linked += how == "linked"
        report.copied += how == "copied"
        placed.append(rel)
    hashes = hash_many(work / rel for rel in placed)
    out = []
    for rel in placed:
        got = hashes[work / rel]
        if isinstance(got, OSError):
            report.warnings.append(f"cannot read back {rel}: {got}")
            continue
        expected = wanted[rel]
        if expected is not None and got != expected:
            report.warnings.append(f"{rel} no longer matches its photo's sha256 (damaged?)")
        size = (work / rel).stat().st_size
        report.bytes += size
        out.append({"path": rel, "sha256": got, "size": size})
    report.files = len(out)
    with contextlib.suppress(OSError):
        (work / "originals").mkdir(exist_ok=True)
    return out
