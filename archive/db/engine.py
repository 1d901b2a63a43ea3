"""Engines for the two supported catalogues: embedded SQLite and shared PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers (GUI, search) run while the importer writes; NORMAL is durable in WAL
    # except for the last transactions on power loss, never corrupting.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    from archive.errors import CatalogueError

    raise CatalogueError(
        f"unsupported catalogue URL {parsed.render_as_string()}: use sqlite or postgresql"
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Records leave the session as plain values; keeping loaded attributes after commit
    # avoids a reload round trip per object in batch work. The ORM is imported here, not
    # above: opening an archive for a Core read must not load it (archive/handle.py).
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
