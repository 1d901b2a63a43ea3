"""Open or create an archive: a folder with the catalogue, managed originals and thumbnails.

The archive owns the engine and the session factory; services get them from here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from archive.db.engine import make_engine, make_session_factory
from archive.db.licence_tags import install as install_licence_tags
from archive.db.migrate import ensure_schema
from archive.errors import CatalogueError
from archive.search.sync import install as install_search_sync

CATALOGUE_FILE = "catalog.sqlite"


def default_archive_dir() -> Path:
    env = os.environ.get("CREDITDESK_ARCHIVE")
    if env:
        return Path(env).expanduser()
    return user_data_path("Creditdesk", appauthor=False) / "archive"


def default_db_url(folder: Path) -> str:
    return os.environ.get("CREDITDESK_DB") or f"sqlite:///{folder / CATALOGUE_FILE}"


@dataclass
class Archive:
    folder: Path
    db_url: str
    engine: Engine
    sessions: sessionmaker[Session]
    messages: list[str] = field(default_factory=list)

    @property
    def originals_dir(self) -> Path:
        return self.folder / "originals"

    @property
    def thumbnails_dir(self) -> Path:
        return self.folder / "thumbnails"

    def thumbnail_path(self, sha256: str) -> Path:
        return self.thumbnails_dir / sha256[:2] / f"{sha256}.jpg"

    def resolve_stored(self, stored_path: str) -> Path:
        path = Path(stored_path)
        return path if path.is_absolute() else self.folder / path

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @classmethod
    def open(
        cls,
        folder: Path | str | None = None,
        db_url: str | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> Archive:
        """Open the archive at *folder* (created if missing), migrating its catalogue."""
        root = Path(folder).expanduser() if folder is not None else default_archive_dir()
        try:
            for sub in (root, root / "originals", root / "thumbnails"):
                sub.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CatalogueError(f"cannot create the archive folder {root}: {exc}") from exc
        url = db_url or default_db_url(root)
        engine = make_engine(url)
        messages: list[str] = []

        def tell(msg: str) -> None:
            messages.append(msg)
            if notify is not None:
                notify(msg)

        parsed = make_url(url)
        db_file = (
            Path(parsed.database)
            if parsed.get_backend_name() == "sqlite" and parsed.database
            else None
        )
        try:
            ensure_schema(engine, db_file, tell)
        except CatalogueError:
            engine.dispose()
            raise
        except Exception as exc:  # the driver's own errors: unreachable server, not a database…
            engine.dispose()
            raise CatalogueError(
                f"cannot open the catalogue {parsed.render_as_string()}: {exc}"
            ) from exc
        sessions = make_session_factory(engine)
        # Every commit through these sessions keeps the search index in step (same transaction).
        install_search_sync(sessions)
        install_licence_tags(sessions)
        return cls(root, url, engine, sessions, messages)
