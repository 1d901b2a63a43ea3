"""Processes an export needs, started before the catalogue stack loads (the CLI).

From the command line most of an export's wait used to be fixed costs paid one after the
other on one core: the parent imported SQLAlchemy and the models, loaded the agency pack,
checked, read the details; only then did it fork the writers, which each paid exiv2's first
write (~45 ms), and after the last file it imported fpdf2 and parsed the PDF font (~0.5 s).
Started first, from the still single-threaded parent (fork: instant, nothing to import
twice), these processes do their warm-up on the other core while the parent does its part:

* the writers import the metadata writer (exiv2, Pillow: the parent never needs them) and
  write one tiny JPEG in memory (exiv2's first write);
* the sheet process imports fpdf2 and builds the PDF with its font, then lays out each
  photo as the parent hands it over (as its file is written), and returns the PDF bytes.

Nothing is written to disk by either before the check has passed: the writers only get jobs
once it has, and the sheet process only returns bytes, which the parent writes into the
bundle's temporary folder. When a helper cannot run (no fork on this platform, a process
that died), the export does the same work itself.
"""

from __future__ import annotations

import base64
import contextlib
import multiprocessing
import os
import queue
import sys
import threading
import warnings
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import datetime
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.export.sheets import SheetItem

# An 8×8 grey baseline JPEG: enough for exiv2 to parse and rewrite every kind of block once.
_WARM_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
    "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAEC"
    "AwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2Jy"
    "ggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWW"
    "l5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEA"
    "AwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMi"
    "MoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0"
    "dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn"
    "6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwAooooA/9k="
)


def _warm_writer(sheet_fd: int | None) -> None:
    """Initializer of each writer process: the writer's imports and exiv2's first write. It
    also lets go of its copy of the parent's end of the sheet pipe, so that the sheet process
    sees the parent go."""
    if sheet_fd is not None:
        with contextlib.suppress(OSError):
            os.close(sheet_fd)
    import archive.services.export_files  # noqa: F401  (what each job runs)
    from archive.metadata.writer import WriteFields, write_metadata

    # A warm-up is only a warm-up: the real jobs report real errors.
    with contextlib.suppress(Exception):
        write_metadata(_WARM_JPEG, WriteFields(caption="warm-up", people=("A", "B")))


def fork_available() -> bool:
    """Helpers are forked: only where fork is the start method we may use (Linux, and a
    parent that runs one thread — forking a threaded process can deadlock the child)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class SheetProcess:
    """The PDF contact sheet, built in its own process while the files are written."""

    def __init__(self, ctx: Any) -> None:
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_sheet_main, args=(child,), daemon=True)
        self._proc.start()
        child.close()
        self.failed = False
        # Sent by a thread: a pipe holds a few photos' thumbnails, and the export's own loop
        # must not wait while the sheet process is still loading its font.
        self._outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None

    def fileno(self) -> int:
        return self._conn.fileno()

    def begin(self, title: str, count: int, subtitle: str, created: datetime | None = None) -> None:
        self._send(("begin", title, count, subtitle, created))

    def add(self, item: SheetItem) -> None:
        self._send(("add", item))

    def finish(self) -> None:
        """No more photos: the sheet process writes out the PDF while the caller goes on."""
        self._send(("finish",))
        self._outbox.put(None)

    def result(self) -> bytes | None:
        """The PDF bytes; None when the process failed (the caller builds it itself).
        A real error of the layout (not of the process) is raised here, as in process."""
        if self._sender is not None:
            self._sender.join()
        if self.failed:
            return None
        try:
            ok, payload, caught = self._conn.recv()
        except (EOFError, OSError):
            self.failed = True
            return None
        for message, category in caught:  # the font fallback warning, as in process
            warnings.warn(message, category, stacklevel=2)
        if not ok:
            raise payload
        return payload  # type: ignore[no-any-return]

    def _send(self, message: tuple[Any, ...]) -> None:
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_all, daemon=True)
            self._sender.start()
        self._outbox.put(message)

    def _send_all(self) -> None:
        while (message := self._outbox.get()) is not None:
            if self.failed:
                continue
            try:
                self._conn.send(message)
            except (OSError, ValueError):
                self.failed = True

    def close(self) -> None:
        if self._sender is not None and self._sender.is_alive():
            self._outbox.put(None)
            self._sender.join()
        try:
            self._conn.close()
        finally:
            self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join()


def _sheet_main(conn: Connection) -> None:
    caught: list[tuple[str, type[Warning]]] = []
    sheet = None
    error: BaseException | None = None
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            from archive.export.sheets import PdfSheet

            sheet = PdfSheet()
        caught = [(str(w.message), w.category) for w in seen]
    except Exception as exc:  # reported when the parent asks for the sheet
        error = exc
    try:
        while True:
            message = conn.recv()
            if error is not None or sheet is None:
                if message[0] == "finish":
                    conn.send((False, error, caught))
                continue
            try:
                if message[0] == "begin":
                    sheet.begin(*message[1:])
                elif message[0] == "add":
                    sheet.add(message[1])
                else:
                    conn.send((True, sheet.finish(), caught))
                    return
            except Exception as exc:
                error = exc
    except (EOFError, OSError):  # the parent is gone or gave up: nothing to return
        return


class ExportHelpers:
    """Writer processes and, when a PDF sheet is wanted, the sheet process; see the module."""

    def __init__(self, writers: Executor | None, sheet: SheetProcess | None) -> None:
        self.writers = writers
        self.sheet = sheet

    @classmethod
    def start(cls, pdf_sheet: bool, files: int | None = None) -> ExportHelpers:
        """Start what this export will use (nothing where it cannot fork). *files*, when
        known, keeps a bundle of a few files from starting writers it would not use."""
        if not fork_available():
            return cls(None, None)
        ctx = multiprocessing.get_context("fork")
        # The sheet process first: the pool starts a thread, and no fork should follow one.
        sheet = SheetProcess(ctx) if pdf_sheet else None
        workers = min(os.cpu_count() or 1, files if files is not None else sys.maxsize)
        writers = None
        if workers >= 2 and (files is None or files >= 4):
            fd = sheet.fileno() if sheet is not None else None
            writers = ProcessPoolExecutor(
                workers, mp_context=ctx, initializer=_warm_writer, initargs=(fd,)
            )
            # A pool forks all its processes at its first task: now, and without waiting
            # for their warm-up.
            writers.submit(int)
        return cls(writers, sheet)

    def close(self) -> None:
        if self.writers is not None:
            self.writers.shutdown(cancel_futures=True)
        if self.sheet is not None:
            self.sheet.close()

    def __enter__(self) -> ExportHelpers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
