"""`restore BACKUP`: rebuild an archive from a backup, then prove it is the same.

Refuses an archive that holds anything unless forced. Files are copied (a restored
archive shares nothing with its backup) and re-hashed against the manifest; the
catalogue is restored last and in one step (SQLite: a rename; PostgreSQL: one psql
transaction), then every table is hashed and compared with the manifest.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from archive.db.models import Photo
from archive.errors import CatalogueError, UsageError
from archive.maintenance import pgtools
from archive.maintenance.backup import FORMAT, MANIFEST, SQLITE_FILE
from archive.maintenance.dbcheck import current_revision_of
from archive.maintenance.files import hash_many, place, sha256_file, walk
from archive.maintenance.safety import (
    TEAM_FILE,
    install_error_translation,
    strip_password,
    write_team_file,
)
from archive.maintenance.tables import data_tables, digest_all
from archive.search import schema as fts


@dataclass
class RestoreReport:
    archive: str
    engine: str
    catalogue: str
    photos: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "archive": self.archive,
            "engine": self.engine,
            "catalogue": self.catalogue,
            "photos": self.photos,
            "files": self.files,
            "problems": self.problems,
        }


def read_manifest(backup: Path) -> dict[str, Any]:
    path = backup / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{backup} is not a Creditdesk backup (no readable {MANIFEST})") from exc
    if manifest.get("format") != FORMAT:
        raise UsageError(f"{backup} is not a Creditdesk backup ({MANIFEST} of another kind)")
    return manifest


def restore(
    backup: Path, folder: Path, db_url: str | None = None, force: bool = False
) -> RestoreReport:
    backup, folder = Path(backup).expanduser(), Path(folder).expanduser()
    manifest = read_manifest(backup)
    engine_name = manifest["engine"]
    url = _target_url(engine_name, folder, db_url)
    report = RestoreReport(str(folder), engine_name, strip_password(url))
    dump = backup / manifest["catalogue"]["file"]
    if sha256_file(dump) != manifest["catalogue"]["sha256"]:
        raise CatalogueError(f"{dump} does not match its manifest: the backup is damaged")
    holds = _holdings(folder, url)
    if holds and not force:
        raise UsageError(
            f"the archive at {folder} is not empty ({holds}): restoring would replace it; "
            "add --force to do so"
        )
    folder.mkdir(parents=True, exist_ok=True)
    _restore_files(backup, folder, manifest, report)
    if engine_name == "sqlite":
        _restore_sqlite(dump, folder / SQLITE_FILE)
    else:
        schema = pgtools.schema_of(url)
        drop = _drop_statements(schema) if force else ""
        pgtools.restore(url, dump, manifest["catalogue"]["schema"], schema, prelude=drop)
        write_team_file(
            folder,
            strip_password(url),
            manifest["catalogue"].get("schema_version") or "",
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
    _check_tables(url, manifest, report)
    return report


def _target_url(engine_name: str, folder: Path, db_url: str | None) -> str:
    if engine_name == "sqlite":
        if db_url and make_url(db_url).get_backend_name() != "sqlite":
            raise UsageError(
                "this backup holds an SQLite catalogue: restore it into a folder, then "
                "`creditdesk migrate --from FOLDER --to URL` to move it to PostgreSQL"
            )
        return f"sqlite:///{folder / SQLITE_FILE}"
    from archive.maintenance.safety import read_team_url

    url = db_url or os.environ.get("CREDITDESK_DB") or read_team_url(folder)
    if not url or make_url(url).get_backend_name() != "postgresql":
        raise UsageError(
            "this backup holds a PostgreSQL catalogue: say where to restore it with "
            "--db postgresql+psycopg://user@host/db"
        )
    return url


def _holdings(folder: Path, url: str) -> str:
    """What the target already holds ('' when empty)."""
    what = []
    originals = [p for p in walk(folder / "originals")]
    if originals:
        what.append(f"{len(originals)} files in originals/")
    engine = create_engine(url)
    try:
        if make_url(url).get_backend_name() == "sqlite" and not (folder / SQLITE_FILE).exists():
            return ", ".join(what)
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            if "photo" in names:
                what.append(
                    f"{conn.execute(select(func.count()).select_from(Photo)).scalar()} photos"
                )
            elif names & {t.name for t in data_tables()}:
                what.append("catalogue tables")
    finally:
        engine.dispose()
    return ", ".join(what)


def _drop_statements(schema: str) -> str:
    """SQL dropping Creditdesk's tables in *schema* (search-index tables and their trigger
    functions included, whatever their layout), run inside the restore transaction; other
    tables are left alone."""
    ours = ", ".join(f"'{n}'" for n in ["alembic_version", *(t.name for t in data_tables())])
    literal = schema.replace("'", "''")
    return (
        "DO $$ DECLARE r record; BEGIN FOR r IN SELECT schemaname, tablename FROM pg_tables "
        f"WHERE schemaname = '{literal}' AND (tablename IN ({ours}) "
        f"OR tablename LIKE '{fts.TABLE}%') LOOP "
        "EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', r.schemaname, r.tablename); "
        "END LOOP; "
        # The search index's trigger functions (photo_fts_lexemes_*) are in the dump too.
        "FOR r IN SELECT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n "
        f"ON n.oid = p.pronamespace WHERE n.nspname = '{literal}' "
        f"AND p.proname LIKE '{fts.TABLE}%' LOOP "
        "EXECUTE format('DROP FUNCTION IF EXISTS %I.%I() CASCADE', r.nspname, r.proname); "
        "END LOOP; END $$;\n"
    )


def _restore_files(
    backup: Path, folder: Path, manifest: dict[str, Any], report: RestoreReport
) -> None:
    entries = [e for e in manifest["files"] if e["path"] != TEAM_FILE]
    for entry in entries:
        rel = Path(entry["path"])
        if rel.is_absolute() or ".." in rel.parts:
            raise CatalogueError(f"the backup names a file outside the archive: {rel}")
        place(backup / rel, folder / rel, link=False)
    for sub in ("originals", "thumbnails"):
        (folder / sub).mkdir(exist_ok=True)
    hashes = hash_many(folder / e["path"] for e in entries)
    for entry in entries:
        got = hashes[folder / entry["path"]]
        if got != entry["sha256"]:
            report.problems.append(f"{entry['path']}: restored file does not match the manifest")
    report.files = len(entries)


def _restore_sqlite(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.restore-{os.getpid()}.part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    finally:
        src.close()
    # A stale WAL beside the new file would be replayed into it: remove it first.
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            target.with_name(target.name + suffix).unlink()
    os.replace(tmp, target)


def _check_tables(url: str, manifest: dict[str, Any], report: RestoreReport) -> None:
    engine = create_engine(url)
    install_error_translation(engine)
    try:
        with engine.connect() as conn:
            got = digest_all(conn)
            report.photos = conn.execute(select(func.count()).select_from(Photo)).scalar() or 0
            version = current_revision_of(conn)
            conn.execute(text(f"SELECT count(*) FROM {fts.TABLE}"))
    finally:
        engine.dispose()
    if version != manifest["catalogue"].get("schema_version"):
        report.problems.append(f"schema version {version} differs from the backup's")
    for name, want in manifest["tables"].items():
        have = got.get(name)
        if have is None or have.as_json() != want:
            report.problems.append(f"table {name} differs from the backup after restoring")
