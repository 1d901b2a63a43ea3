"""Bring a catalogue to the schema this code expects, visibly and after a backup.

A catalogue written by an older Creditdesk is backed up next to itself before it
is migrated, and the user is told; one written by a newer Creditdesk is refused
rather than silently misread (beets #6565 broke every command by doing otherwise).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from archive.db.head import SCHEMA_HEAD
from archive.errors import CatalogueError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def backup_sqlite(db_file: Path, label: str) -> Path:
    """A consistent copy through SQLite's online backup API (safe with WAL and readers)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = db_file.with_name(f"{db_file.name}.{label}.{stamp}.bak")
    src = sqlite3.connect(db_file)
    try:
        copy_sqlite(src, dest)
    finally:
        src.close()
    return dest


def copy_sqlite(source: sqlite3.Connection, dest: Path) -> None:
    """Copy an open SQLite database to *dest* with the online backup API (consistent even
    while other connections read and write)."""
    dst = sqlite3.connect(dest)
    try:
        source.backup(dst)
    finally:
        dst.close()


def ensure_schema(
    engine: Engine,
    db_file: Path | None = None,
    notify: Callable[[str], None] = lambda _msg: None,
) -> None:
    """Create a new catalogue, or migrate an older one after backing it up."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    head = head_revision()
    if current == head:
        return
    if current is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise CatalogueError(
                "this database holds tables but no Creditdesk schema version: "
                "it is not a Creditdesk catalogue (or it is damaged); refusing to touch it"
            )
        upgrade(engine)
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise CatalogueError(
            f"this catalogue was written by a newer Creditdesk (schema {current}); "
            "upgrade Creditdesk to open it"
        )
    if db_file is not None and db_file.exists():
        backup = backup_sqlite(db_file, f"before-{head}")
        notify(f"Catalogue schema {current} is older than {head}: backed up to {backup}")
    else:
        notify(
            f"Catalogue schema {current} is older than {head}: migrating "
            "(take a pg_dump first if this is a shared archive you have not backed up)"
        )
    upgrade(engine)
    # A migration may have rebuilt the search index (0015, 0024): fresh planner statistics,
    # and on PostgreSQL the new table's visibility map, as after a bulk import.
    from archive.db import statistics

    statistics.refresh(engine)
    notify(f"Catalogue migrated to schema {head}")
