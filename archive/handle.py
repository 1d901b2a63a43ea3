"""Open or create an archive: a folder with the catalogue, managed originals and thumbnails.

The archive owns the engine and the session factory; services get them from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from archive.db.engine import make_engine
from archive.db.location import CATALOGUE_FILE, default_archive_dir, default_db_url
from archive.db.migrate import ensure_schema
from archive.errors import CatalogueError
from archive.maintenance import safety

__all__ = ["CATALOGUE_FILE", "Archive", "default_archive_dir", "default_db_url"]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from archive.credits import AgencyRegistry


def _registry_of(root: Path) -> Callable[[], AgencyRegistry]:
    def registry() -> AgencyRegistry:
        from archive.credits import load_registry

        return load_registry(root)  # cached by file stamp: cheap after the first call

    return registry


@dataclass
class Archive:
    folder: Path
    db_url: str
    engine: Engine
    messages: list[str] = field(default_factory=list)
    # The folder (and for SQLite the catalogue) cannot be written: a read-only mount or share.
    read_only: bool = False
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The ORM session factory. Made on first use: the read commands (`list`, `show`)
        query with Core on the engine and never import the ORM (a third of their start,
        issue 16); everything that asks for sessions gets the same factory, hooks and all."""
        if self._sessions is None:
            from archive.db.engine import make_session_factory
            from archive.db.hooks import install as install_hooks

            sessions = make_session_factory(self.engine)
            # Every commit through these sessions keeps the search index in step (same
            # transaction), its licence tags, and checks what it imports or edits against
            # the default profile (live badges). Proxies: the modules load on the first
            # write (archive/db/hooks.py).
            install_hooks(sessions, _registry_of(self.folder))
            self._sessions = sessions
        return self._sessions

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
        url = db_url or default_db_url(root)
        parsed = make_url(url)
        db_file = (
            Path(parsed.database)
            if parsed.get_backend_name() == "sqlite" and parsed.database
            else None
        )
        read_only = safety.folder_read_only(root, db_file)
        if not read_only:
            try:
                for sub in (root, root / "originals", root / "thumbnails"):
                    sub.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CatalogueError(f"cannot create the archive folder {root}: {exc}") from exc
        if db_file is not None and read_only:
            url = safety.readonly_sqlite_url(db_file)
        if db_file is not None:  # a damaged catalogue is refused here, never used silently
            safety.check_sqlite_file(db_file, read_only)
        engine = make_engine(url)
        safety.install_error_translation(engine)
        messages: list[str] = []

        def tell(msg: str) -> None:
            messages.append(msg)
            if notify is not None:
                notify(msg)

        if read_only:
            tell(f"this archive is read-only ({root}): opened for reading only")
        try:
            if read_only:
                safety.check_schema_read_only(engine)
            else:
                ensure_schema(engine, db_file, tell)
        except CatalogueError:
            engine.dispose()
            raise
        except Exception as exc:  # the driver's own errors: unreachable server, not a database…
            engine.dispose()
            raise CatalogueError(
                f"cannot open the catalogue {parsed.render_as_string()}: {exc}"
            ) from exc
        return cls(root, url, engine, messages, read_only)
