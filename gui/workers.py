"""Work off the GUI thread: QRunnable + a QObject signals holder, on pools the window owns.

`TaskRunner` runs plain callables (archive service calls) on its own QThreadPool and hands
the result back on the GUI thread through a queued signal. Results are plain records, never
ORM objects. A runner with one thread is the single writer (edits, undo, overrides), so two
saves never race each other (Picard's single-thread write pool).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """One call of *fn* on a pool thread; `signals.done(result)` or `signals.failed(exc)`."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (the runner keeps it until it reports)
        self.fn = fn
        self.signals = _TaskSignals()
        self.cancelled = False

    def run(self) -> None:
        if self.cancelled:
            self.signals.failed.emit(CancelledError())
            return
        try:
            result = self.fn()
        except Exception as exc:  # every failure goes back to the GUI thread as a value
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class CancelledError(Exception):
    """A queued task that was cancelled before it started."""


class TaskRunner(QObject):
    """A QThreadPool of its own plus bookkeeping so tasks live until they report back."""

    def __init__(self, threads: int = 2, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name or "taskRunner")
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._tasks: set[Task] = set()
        self._closed = False

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        priority: int = 0,
        owner: QObject | None = None,
    ) -> Task | None:
        """Run *fn* on the pool; *on_done* / *on_error* run on the GUI thread unless the
        runner is closed or *owner* (default: the QObject *on_done* is a method of) has been
        deleted meanwhile — a dialog closed before its answer came back."""
        if self._closed:
            return None
        task = Task(fn)
        self._tasks.add(task)
        if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
            owner = on_done.__self__  # type: ignore[union-attr]

        def wanted() -> bool:
            return not self._closed and (owner is None or shiboken6.isValid(owner))

        def finished(result: Any) -> None:
            self._tasks.discard(task)
            if on_done is not None and wanted():
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._tasks.discard(task)
            if isinstance(exc, CancelledError) or not wanted():
                return
            if on_error is not None:
                on_error(exc)

        task.signals.done.connect(finished)
        task.signals.failed.connect(failed)
        self.pool.start(task, priority)
        return task

    def cancel(self, task: Task) -> bool:
        """Drop a task that has not started yet: True if it was dropped (it never runs),
        False if it is already running (it runs to the end and reports as usual)."""
        task.cancelled = True
        if self.pool.tryTake(task):
            self._tasks.discard(task)
            return True
        return False

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def drain(self, msecs: int = -1, finish_queued: bool = False) -> bool:
        """Stop taking work and wait for the running tasks to end. Queued tasks are dropped
        (reads) or, with *finish_queued*, still run (the writer: a queued save is kept)."""
        self._closed = True
        if not finish_queued:
            self.pool.clear()
        done = self.pool.waitForDone(msecs)
        self._tasks.clear()
        return bool(done)
