"""What Archive.open needs to keep an archive safe: the team file, read-only folders, damaged
catalogues, and driver errors turned into messages a user can act on.

Imports nothing from archive.handle (handle imports this module), and SQLAlchemy only in the
functions that take an engine or parse a URL: the read commands find and check an SQLite
catalogue here without loading it (archive/db/sqlite_direct.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from archive.errors import CatalogueError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import ExceptionContext

TEAM_FILE = "archive.json"
TEAM_FORMAT = "creditdesk-team-archive"
# PRAGMA quick_check reads every page: measured 2.5 s for a 1.9 GB catalogue of 1M photos
# (warm cache, ~1.3 ms/MB). Up to this size it runs at every open (≤ ~85 ms); above it,
# open checks the header and schema only and `creditdesk verify` does the full check.
QUICK_CHECK_MAX_BYTES = 64 << 20
SQLITE_MAGIC = b"SQLite format 3\x00"


class ReadOnlyArchiveError(CatalogueError):
    """A write was attempted on an archive that is opened read-only."""


class DamagedCatalogueError(CatalogueError):
    """The catalogue file is corrupt: never used silently."""


# --- the team file -------------------------------------------------------------------------


def has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.password is not None or "password" in parsed.query


def strip_password(url: str) -> str:
    """The URL without its password (libpq finds it in PGPASSWORD or ~/.pgpass)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)._replace(password=None)  # .set(password=None) keeps it
    if "password" in parsed.query:
        parsed = parsed.difference_update_query(["password"])
    return parsed.render_as_string(hide_password=False)


def read_team_url(folder: Path) -> str | None:
    """The catalogue URL recorded in *folder*/archive.json, or None for a personal archive."""
    path = folder / TEAM_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        url = data["catalogue"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogueError(
            f"{path} is not a readable Creditdesk team file ({exc}); "
            "fix it or pass the catalogue with --db URL"
        ) from exc
    if not isinstance(url, str) or not url:
        raise CatalogueError(f"{path} names no catalogue URL")
    return url


def write_team_file(folder: Path, url: str, schema_version: str, created_at: str) -> Path:
    """Record the team catalogue in *folder*; refuses a URL carrying a password."""
    if has_password(url):
        raise CatalogueError(
            "refusing to write a catalogue URL containing a password into "
            f"{folder / TEAM_FILE}: everyone who can read the shared folder could read it. "
            "Give the password with PGPASSWORD or ~/.pgpass instead"
        )
    body = {
        "format": TEAM_FORMAT,
        "catalogue": url,
        "schema_version": schema_version,
        "created_at": created_at,
    }
    path = folder / TEAM_FILE
    tmp = folder / f".{TEAM_FILE}.{os.getpid()}.part"
    tmp.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


# --- read-only archives --------------------------------------------------------------------


def folder_read_only(root: Path, db_file: Path | None) -> bool:
    """True when the archive exists but cannot be written (read-only mount, immutable files).

    os.access asks the kernel, so it also answers correctly for root, who ignores file modes
    but not a read-only file system or an immutable flag.
    """
    if not root.is_dir():
        return False
    if not os.access(root, os.W_OK):
        return True
    return db_file is not None and db_file.exists() and not os.access(db_file, os.W_OK)


def readonly_sqlite_url(db_file: Path) -> str:
    """A URL that opens *db_file* without ever writing to it.

    ``mode=ro`` needs the WAL index (``-shm``) to exist or be creatable; on a read-only
    folder without one, ``immutable=1`` reads the file as it is (nobody can write it there).
    """
    uri = "file:" + quote(str(db_file.resolve()))
    shm = db_file.with_name(db_file.name + "-shm")
    flag = "mode=ro" if shm.exists() else "immutable=1"
    return f"sqlite:///{uri}?{flag}&uri=true"


# --- damaged catalogues --------------------------------------------------------------------


def check_sqlite_file(db_file: Path, read_only: bool = False) -> None:
    """Refuse a damaged catalogue before anything reads or writes it.

    Always: the header (magic, page size, size consistent with the page count) and the
    schema. Up to QUICK_CHECK_MAX_BYTES also PRAGMA quick_check (every page's structure).
    """
    if not db_file.exists():
        return
    size = db_file.stat().st_size
    if size == 0:
        return
    damaged = f"the catalogue {db_file} is damaged"
    advice = "run `creditdesk verify`, or restore it from a backup (`creditdesk restore`)"
    with open(db_file, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DamagedCatalogueError(f"{damaged}: it is not an SQLite database; {advice}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_ok = header[24:28] == header[92:96]
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise DamagedCatalogueError(f"{damaged}: its header is corrupt; {advice}")
    wal = db_file.with_name(db_file.name + "-wal")
    # With a WAL beside it the file may lag its header (a checkpoint cut short, e.g. by a full
    # disk): SQLite completes it from the WAL, so only judge the size without one.
    has_wal = wal.exists() and wal.stat().st_size > 0
    if counter_ok and pages and size < pages * page_size and not has_wal:
        raise DamagedCatalogueError(
            f"{damaged}: it is truncated ({size} of {pages * page_size} bytes); {advice}"
        )
    try:
        uri = readonly_sqlite_url(db_file).removeprefix("sqlite:///") if read_only else None
        conn = sqlite3.connect(uri or str(db_file), uri=read_only, timeout=10)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if size <= QUICK_CHECK_MAX_BYTES:
                rows = conn.execute("PRAGMA quick_check(20)").fetchall()
                if rows != [("ok",)]:
                    first = "; ".join(r[0] for r in rows[:3])
                    raise DamagedCatalogueError(f"{damaged} ({first}); {advice}")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
            return  # a writer holds it: not damage; the open itself will wait or say so
        raise DamagedCatalogueError(f"{damaged} ({exc}); {advice}") from exc


# --- driver errors → messages --------------------------------------------------------------

_READ_ONLY = ("readonly database", "read-only file system")
_DAMAGED = ("malformed", "file is not a database", "database corruption")
_FULL = ("database or disk is full", "no space left")


def translate(exc: BaseException) -> CatalogueError | None:
    """A user-facing error for a driver error that means read-only, damaged or disk full."""
    text = str(exc).lower()
    state = getattr(exc, "sqlstate", None)
    if state == "25006" or any(s in text for s in _READ_ONLY):
        return ReadOnlyArchiveError(
            "this archive is read-only: nothing was changed (open a writable copy to edit, "
            "import or repair it)"
        )
    if state in {"XX001", "XX002"} or any(s in text for s in _DAMAGED):
        return DamagedCatalogueError(
            f"the catalogue is damaged ({exc}); run `creditdesk verify`, "
            "or restore it from a backup (`creditdesk restore`)"
        )
    if state == "53100" or any(s in text for s in _FULL):
        return CatalogueError(
            "the disk holding the catalogue is full: the last change was not saved and "
            "nothing already saved was lost; free some space and run the command again"
        )
    return None


def install_error_translation(engine: Engine) -> None:
    from sqlalchemy import event

    def on_error(ctx: ExceptionContext) -> Any:
        better = translate(ctx.original_exception)
        if better is not None:
            raise better from ctx.original_exception
        return None

    event.listen(engine, "handle_error", on_error)


def check_schema_read_only(engine: Engine) -> None:
    """A read-only catalogue is used only if it needs no migration (which would write)."""
    from archive.db.migrate import current_revision, head_revision

    current, head = current_revision(engine), head_revision()
    if current != head:
        raise ReadOnlyArchiveError(
            f"this archive is read-only and its catalogue (schema {current}) needs migrating "
            f"to {head}, which would write to it: open a writable copy once to migrate it"
        )
