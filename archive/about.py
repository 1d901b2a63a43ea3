"""What Creditdesk says about itself: its version (from pyproject.toml, through the installed
package's metadata, so the CLI, the About box and the bundle agree), the licences of the
libraries it ships with, and where the archive lives. Plain data: the CLI and the window
both show it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

APP_NAME = "Creditdesk"


def version() -> str:
    try:
        return metadata.version("creditdesk")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        import tomllib

        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        with pyproject.open("rb") as f:
            return str(tomllib.load(f)["project"]["version"])


@dataclass(frozen=True)
class Library:
    name: str  # as on PyPI
    licence: str  # SPDX expression, as the project states it
    what: str


# The libraries a bundle carries, with the licence each project states (its PyPI metadata
# or its LICENSE file). python-exiv2 is GPL-3.0-or-later, which is why Creditdesk is too.
LIBRARIES: tuple[Library, ...] = (
    Library("exiv2", "GPL-3.0-or-later", "python-exiv2 and libexiv2: EXIF, IPTC, XMP"),
    Library("PySide6-Essentials", "LGPL-3.0-only", "Qt 6 for Python: the window"),
    Library("Pillow", "MIT-CMU", "pixels and thumbnails"),
    Library("pillow-heif", "BSD-3-Clause", "HEIC/HEIF pictures (libheif: LGPL-3.0)"),
    Library("exifread", "BSD-3-Clause", "fast EXIF reading"),
    Library("SQLAlchemy", "MIT", "the catalogue"),
    Library("alembic", "MIT", "catalogue migrations"),
    Library("psycopg", "LGPL-3.0-only", "PostgreSQL for team catalogues"),
    Library("platformdirs", "MIT", "the user's data folder"),
    Library("defusedxml", "PSF-2.0", "safe XMP parsing"),
    Library("anyascii", "ISC", "accent folding for search"),
    Library("fpdf2", "LGPL-3.0-only", "PDF contact sheets"),
    Library("watchdog", "Apache-2.0", "watched drop folders"),
)


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def frozen() -> bool:
    """True in the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def about_text(archive_folder: Path | None) -> str:
    lines = [
        f"{APP_NAME} {version()}",
        "Desktop image-credit archive for photo desks.",
        f"{APP_NAME} is free software: GPL-3.0-or-later.",
        "",
        f"Archive: {archive_folder}" if archive_folder else "Archive: not open",
        f"Python {sys.version.split()[0]}" + (" (bundled)" if frozen() else ""),
        "",
        "Bundled libraries and their licences:",
    ]
    for lib in LIBRARIES:
        ver = installed_version(lib.name)
        lines.append(f"  {lib.name} {ver or ''}".rstrip() + f" — {lib.licence} — {lib.what}")
    return "\n".join(lines)
