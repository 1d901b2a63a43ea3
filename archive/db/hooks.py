"""Session hooks installed without importing what they run (fast start for read commands).

Archive.open used to import the search index, licence tags and the live check (and through
them compliance, credits, the importer) just to register their session listeners, so that
`creditdesk list` paid for them before printing a line. Here each listener is a thin proxy
registered in the same order as before; the real handler's module is imported the first time
the proxy has work to do. A transaction that writes nothing (a read command's) never loads it:
its `before_commit`/`after_rollback` handlers would only flush a clean session (a no-op) and pop
a note that only their own module can have put in `session.info`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from archive.credits import AgencyRegistry

SEARCH_SYNC = "archive.search.sync"
LICENCE_TAGS = "archive.db.licence_tags"
LIVE_CHECK = "archive.services.live_check"


def _idle(module: str, session: Session) -> bool:
    """Nothing for a commit/rollback hook of *module* to do: its module was never needed in
    this process (so no note of it exists) and the session has nothing to flush."""
    # _is_clean is what Session.flush() itself asks before doing anything.
    return module not in sys.modules and session._is_clean()


def _flush_proxy(module: str, name: str) -> Callable[..., None]:
    def proxy(session: Session, *rest: Any) -> None:
        getattr(importlib.import_module(module), name)(session, *rest)

    return proxy


def _end_proxy(module: str, name: str, *extra: Any) -> Callable[..., None]:
    def proxy(session: Session, *rest: Any) -> None:
        if _idle(module, session):
            return
        getattr(importlib.import_module(module), name)(session, *rest, *extra)

    return proxy


def install(
    sessions: sessionmaker[Session], registry: Callable[[], AgencyRegistry] | None = None
) -> None:
    """Keep the search index, licence tags and live checks in step with every commit through
    *sessions* — the same listeners, in the same order, as installing each module's own."""
    if not getattr(sessions, "_creditdesk_search_sync", False):
        sessions._creditdesk_search_sync = True  # type: ignore[attr-defined]
        event.listen(sessions, "before_flush", _flush_proxy(SEARCH_SYNC, "_before_flush"))
        event.listen(sessions, "after_flush", _flush_proxy(SEARCH_SYNC, "_after_flush"))
        event.listen(sessions, "before_commit", _end_proxy(SEARCH_SYNC, "_before_commit"))
        event.listen(sessions, "after_rollback", _end_proxy(SEARCH_SYNC, "_after_rollback"))
    event.listen(sessions, "after_flush", _flush_proxy(LICENCE_TAGS, "_after_flush"))
    if not getattr(sessions, "_creditdesk_live_check", False):
        sessions._creditdesk_live_check = True  # type: ignore[attr-defined]
        event.listen(sessions, "after_flush", _flush_proxy(LIVE_CHECK, "_after_flush"))
        event.listen(sessions, "before_commit", _end_proxy(LIVE_CHECK, "_before_commit", registry))
        event.listen(sessions, "after_rollback", _end_proxy(LIVE_CHECK, "_after_rollback"))
