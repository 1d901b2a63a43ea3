"""When is a file in a drop folder completely written?

Agencies' FTP and SFTP servers write pictures in place, a few kilobytes at a time; sync
clients and browsers write under a temporary name and rename at the end. A file is ready
when its writer closed it (inotify's IN_CLOSE_WRITE) and it has not changed since, or when
its size and modification time have stayed the same for ``quiet`` seconds (all a polling
watcher on a network share can see). Temporary names are never ready: the rename that
ends the transfer makes the real name appear, and that one is watched.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archive.importer.scanner import IMAGE_EXTENSIONS

# Suffixes of half-transferred files: WinSCP / FileZilla (.filepart, .part), curl, wget,
# Chrome (.crdownload), Safari (.download), µTorrent (.!ut), generic .tmp / .partial.
TEMP_SUFFIXES = frozenset(
    {".part", ".filepart", ".partial", ".tmp", ".crdownload", ".download", ".!ut"}
)
DEFAULT_QUIET = 0.5  # seconds without change before a file that was never closed counts as done
# A zero-byte file is usually an FTP transfer that has not sent its first block yet.
EMPTY_QUIET_FACTOR = 10


def is_temporary(name: str) -> bool:
    """Names that are still being written: ``x.jpg.part``, ``x.jpg~``, ``.x.jpg.Ab12Cd``
    (rsync), ``~$x.jpg`` (Office-style locks) and hidden files in general."""
    lower = name.lower()
    if name.endswith("~") or name.startswith((".", "~$")):
        return True
    return any(lower.endswith(suffix) for suffix in TEMP_SUFFIXES)


def is_candidate(path: Path) -> bool:
    """A picture worth watching: not temporary, a picture extension (never a sidecar)."""
    return not is_temporary(path.name) and path.suffix.lower() in IMAGE_EXTENSIONS


@dataclass
class _Pending:
    seen: float  # when the current (size, mtime) was first seen
    size: int = -1
    mtime_ns: int = -1
    closed_at: tuple[int, int] | None = None  # (size, mtime) when the writer closed it


class Settler:
    """Files seen changing → files ready to ingest. Thread-safe: the watcher's event
    thread touches, the ingest loop polls."""

    def __init__(self, quiet: float = DEFAULT_QUIET, clock: Callable[[], float] = time.monotonic):
        self.quiet = quiet
        self.clock = clock
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)

    def touch(self, path: str | Path) -> None:
        """The file was created or written to: (re)start waiting for it to settle."""
        if not is_candidate(Path(path)):
            return
        key = str(path)
        with self._lock:
            entry = self._pending.get(key)
            if entry is None:
                self._pending[key] = _Pending(self.clock())
            else:
                entry.closed_at = None  # written again after a close: wait for the next one

    def closed(self, path: str | Path) -> None:
        """The writer closed the file: ready as soon as a stat shows it unchanged."""
        if not is_candidate(Path(path)):
            return
        key = str(path)
        with self._lock:
            entry = self._pending.setdefault(key, _Pending(self.clock()))
            st = _stat(key)
            entry.closed_at = st

    def forget(self, path: str | Path) -> None:
        with self._lock:
            self._pending.pop(str(path), None)

    def poll(self) -> list[str]:
        """The files that are ready now (removed from the waiting list), oldest first."""
        now = self.clock()
        ready: list[tuple[float, str]] = []
        with self._lock:
            for key, entry in list(self._pending.items()):
                st = _stat(key)
                if st is None:  # gone (moved away, deleted): nothing to ingest
                    del self._pending[key]
                    continue
                if st != (entry.size, entry.mtime_ns):
                    entry.size, entry.mtime_ns, entry.seen = st[0], st[1], now
                    if entry.closed_at is None or entry.closed_at != st:
                        continue
                quiet = self.quiet * (EMPTY_QUIET_FACTOR if st[0] == 0 else 1)
                closed = entry.closed_at == st and st[0] > 0
                if closed or now - entry.seen >= quiet:
                    ready.append((entry.seen, key))
                    del self._pending[key]
        return [key for _, key in sorted(ready)]


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
