"""`init --db URL --library DIR`: a shared team archive (catalogue in PostgreSQL, files in DIR).

DIR gets an ``archive.json`` naming the catalogue (never its password), so that
``creditdesk --archive DIR …`` finds the team catalogue without ``--db``.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from archive.errors import UsageError
from archive.maintenance import pgtools
from archive.maintenance.safety import TEAM_FILE, has_password, strip_password, write_team_file

if TYPE_CHECKING:
    from archive.handle import Archive


@dataclass(frozen=True)
class InitReport:
    library: str
    catalogue: str
    schema_version: str
    created_at: str
    team_file: str
    photos: int
    password_removed: bool

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def ensure_pg_schema(url: str) -> None:
    """Create the schema the URL's search_path names, if it does not exist yet."""
    if "search_path" not in str(make_url(url).query.get("options", "")):
        return
    schema = pgtools.schema_of(url)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {pgtools.quote_ident(schema)}"))
    finally:
        engine.dispose()


def record_team_archive(archive: Archive) -> Path:
    from archive.db.migrate import current_revision

    created = datetime.now(UTC).isoformat(timespec="seconds")
    path = archive.folder / TEAM_FILE
    if path.exists():  # keep the original creation time when re-recording
        with contextlib.suppress(OSError, ValueError):
            created = json.loads(path.read_text(encoding="utf-8")).get("created_at") or created
    return write_team_file(
        archive.folder,
        strip_password(archive.db_url),
        current_revision(archive.engine) or "",
        created,
    )


def init(library: Path, url: str, force: bool = False) -> InitReport:
    from archive.db.models import Photo
    from archive.handle import CATALOGUE_FILE, Archive

    library = Path(library).expanduser().absolute()
    if make_url(url).get_backend_name() != "postgresql":
        raise UsageError(
            "init creates a team archive on PostgreSQL: --db postgresql+psycopg://user@host/db "
            "(a personal archive needs no init)"
        )
    if (library / CATALOGUE_FILE).exists():
        raise UsageError(
            f"{library} holds a personal catalogue ({CATALOGUE_FILE}): move it to the team "
            f"catalogue with `creditdesk migrate --from {library} --to URL` instead"
        )
    if (library / TEAM_FILE).exists() and not force:
        raise UsageError(
            f"{library} is already a team archive ({TEAM_FILE}); add --force to point it at "
            "this catalogue instead"
        )
    ensure_pg_schema(url)
    with Archive.open(library, url) as archive:
        with archive.sessions() as s:
            photos = s.scalar(select(func.count()).select_from(Photo)) or 0
        if photos and not force:
            raise UsageError(
                f"the catalogue already holds {photos} photos (another archive's?); add "
                "--force to use it with this library folder"
            )
        team_file = record_team_archive(archive)
        body = json.loads(team_file.read_text(encoding="utf-8"))
    return InitReport(
        library=str(library),
        catalogue=body["catalogue"],
        schema_version=body["schema_version"],
        created_at=body["created_at"],
        team_file=str(team_file),
        photos=photos,
        password_removed=has_password(url),
    )
