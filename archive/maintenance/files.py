"""Files of an archive: hashing, listing, and placing copies atomically."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BLOCK = 1 << 20
# Per-archive settings that travel with the archive (agency rules, templates, codes).
CONFIG_FILES = ("agencies.toml", "templates.toml", "codes.txt")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(BLOCK):
            h.update(block)
    return h.hexdigest()


def hash_many(paths: Iterable[Path]) -> dict[Path, str | OSError]:
    """SHA-256 of each file, on a few threads (hashlib and reads release the GIL)."""
    unique = list(dict.fromkeys(paths))

    def one(p: Path) -> str | OSError:
        try:
            return sha256_file(p)
        except OSError as exc:
            return exc

    workers = min(8, (os.cpu_count() or 1) + 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(unique, pool.map(one, unique), strict=True))


def is_temp(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".part")


def temp_owner_alive(path: Path) -> bool:
    """Whether the process that is writing temp file *path* (``.name.<pid>.part``) still runs."""
    try:
        pid = int(path.name.rsplit(".", 2)[-2])
    except (ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return True
    return state not in {"Z", "X"}


def walk(folder: Path) -> list[Path]:
    """Every file under *folder* (recursively), sorted; [] when it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def place(src: Path, dest: Path, link: bool) -> str:
    """Put a copy of *src* at *dest* through a temp file and a rename; a hard link when
    *link* and both are on one file system. Returns "linked" or "copied"."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        if link:
            try:
                os.link(src, tmp)
                os.replace(tmp, dest)
                return "linked"
            except OSError:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
        shutil.copyfile(src, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        return "copied"
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_paths(files: Iterable[Path]) -> None:
    """Flush these files and the folders that hold them, and those folders' own folders.

    Only what was written is flushed: os.sync() flushes every file system of the machine —
    on a shared or busy one, everybody's dirty pages — and waited on them (0.6 s of an
    import of 100 pictures here). A few threads keep the disk's queue full; fsync waits on
    the disk, not the GIL. A file that cannot be flushed fails the caller like a write."""
    files = list(files)
    # …and the folders above them: a copy's folder may itself be new (originals/ab/).
    folders = {p.parent for p in files} | {p.parent.parent for p in files}
    if len(files) <= 2:
        for f in files:
            _fsync(f)
    else:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(_fsync, files))
    for d in folders:
        with contextlib.suppress(OSError):  # some file systems refuse to fsync a folder
            _fsync(d)


def fsync_tree(folder: Path) -> None:
    """Flush a freshly built tree (files and directories) before it is renamed into place."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    fsync_paths(files)
    for d in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        with contextlib.suppress(OSError):
            _fsync(d)
