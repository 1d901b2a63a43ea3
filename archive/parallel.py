"""Worker processes for CPU-bound batch work (import reading, export writing)."""

from __future__ import annotations

import multiprocessing
import sys
import threading


def mp_context() -> multiprocessing.context.BaseContext:
    """fork while the parent runs one thread (the CLI: instant start); forkserver once Qt or
    any other threads run (forking a threaded process can deadlock the child); spawn
    elsewhere."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["archive.importer.stages", "archive.metadata.reader"])
        return ctx
    return multiprocessing.get_context("spawn")
