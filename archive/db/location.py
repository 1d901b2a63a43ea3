"""Where an archive's catalogue is: the folder, and the URL of its catalogue.

Apart from archive/handle.py (which re-exports these) so that the read commands can find an
SQLite catalogue without importing SQLAlchemy (archive/db/sqlite_direct.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from archive.maintenance import safety

CATALOGUE_FILE = "catalog.sqlite"


def default_archive_dir() -> Path:
    env = os.environ.get("CREDITDESK_ARCHIVE")
    if env:
        return Path(env).expanduser()
    # Imported here: a command given --archive (or $CREDITDESK_ARCHIVE) never needs it.
    from platformdirs import user_data_path

    return user_data_path("Creditdesk", appauthor=False) / "archive"


def default_db_url(folder: Path) -> str:
    """$CREDITDESK_DB, else the team catalogue named in the folder's archive.json (written by
    `creditdesk init`), else the folder's own catalog.sqlite."""
    return (
        os.environ.get("CREDITDESK_DB")
        or safety.read_team_url(Path(folder).expanduser())
        or f"sqlite:///{folder / CATALOGUE_FILE}"
    )
