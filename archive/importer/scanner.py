"""Turn the user's paths (files and folders) into the list of files to import."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from archive.filetypes.wording import SIDECAR_ALONE
from archive.metadata.sidecar import is_sidecar, sidecar_candidates
from archive.progress import FailedFile

# Folders are filtered by extension; a file named explicitly is always tried, so a
# mislabelled picture the user points at is read by content, not by name.
IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".png", ".webp", ".heic", ".heif", ".hif"}
)


def scan(paths: Iterable[str | Path]) -> Iterator[Path | FailedFile]:
    seen: set[str] = set()
    given = [Path(raw).expanduser() for raw in paths]
    for path in given:
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.is_file() and is_sidecar(path):
            # Read with its picture, never imported as one; alone it is a mistake to name.
            pictures = (p for p in given if p != path and not is_sidecar(p) and p.is_file())
            if not any(path in sidecar_candidates(p) for p in pictures):
                yield FailedFile(str(path), SIDECAR_ALONE)
        elif path.is_file():
            key = str(path.resolve())
            if key not in seen:
                seen.add(key)
                yield path.resolve()
        elif path.exists():
            yield FailedFile(str(path), "not a regular file")
        else:
            yield FailedFile(str(path), "no such file or folder")


def _walk(root: Path, seen: set[str]) -> Iterator[Path | FailedFile]:
    errors: list[OSError] = []
    # followlinks=False: a symlink loop in an agency's FTP folder must not hang the import.
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        claimed: set[str] | None = None  # sidecar names the folder's files would read
        for name in sorted(files):
            if not name.startswith(".") and is_sidecar(Path(name)):
                claimed = _claimed(files) if claimed is None else claimed
                if name.lower() in claimed:
                    continue
                # Beside its picture a sidecar is read with it; alone it is a mistake to name.
                yield FailedFile(str(Path(folder, name)), SIDECAR_ALONE)
                continue
            if name.startswith(".") or Path(name).suffix.lower() not in IMAGE_EXTENSIONS:
                continue
            path = Path(folder, name).resolve()
            key = str(path)
            if key in seen or not path.is_file():
                continue
            seen.add(key)
            yield path
    for err in errors:
        yield FailedFile(str(err.filename or root), f"cannot read folder: {err.strerror}")


def _claimed(names: list[str]) -> set[str]:
    """Lower-cased sidecar names any file of the folder has (a picture, or a raw file we
    do not import: its sidecar is not lone, only not for us)."""
    return {
        c.name.lower()
        for other in names
        if not is_sidecar(Path(other))
        for c in sidecar_candidates(Path(other))
    }
