"""A huge result: the grid shows its first page at once, the exact total when it lands.

``first_page()`` counts exactly up to ESTIMATE_CAP matches or as far as the page reaches
(the cap lowered here to 2, the grid's page is 200, so 230 photos are "huge"); the
window says "more than 200" and asks ``count()`` off the GUI thread. Both the count
and the id list are held back on their worker until the test has seen the page, so the
order is proven, not raced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.search import SearchService, service
from gui.models.grid_source import GridSource

from .conftest import WindowFactory, wait_searched
from .photos import add_photos


def _held(release: threading.Event, fn: Callable[..., Any]) -> Callable[..., Any]:
    def held(*args: Any, **kw: Any) -> Any:
        assert release.wait(20), "the test never let the call through"
        return fn(*args, **kw)

    return held


def test_the_page_shows_before_the_count_and_the_count_label_updates(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_photos(archive, 230, people=("Kate Winslet",), caption="Red carpet")
    add_photos(archive, 2, people=("Olivia Colman",), caption="Inside")
    window = make_window()
    assert window.model.total_exact and window.status_text.startswith("232 photos in")

    monkeypatch.setattr(service, "ESTIMATE_CAP", 2)
    counted, listed = threading.Event(), threading.Event()
    calls: list[str] = []
    real_count = SearchService.count

    def count(self: SearchService, query: str) -> int:
        calls.append(query)
        return real_count(self, query)

    monkeypatch.setattr(SearchService, "count", _held(counted, count))
    monkeypatch.setattr(GridSource, "ids", _held(listed, GridSource.ids))
    try:
        window.search_bar.edit.setText("winsl*")
        window.search_bar.submit()
        wait_searched(qtbot, window)
        # The first page is in and painted; the total is only "more than" so far.
        assert window.model.tile(0) is not None and window.model.tile(0).title == "Kate Winslet"
        assert not window.model.total_exact
        assert window.status_text.startswith("more than 200 photos match")
        assert window.model.rowCount() == 200

        with qtbot.waitSignal(window.model.totalCounted, timeout=10_000) as got:
            counted.set()
        assert got.args == ["winsl*", 230]
        assert calls == ["winsl*"]  # the exact figure came from count(), not the id list
        assert window.model.total_exact
        assert window.status_text.startswith("230 photos match")
        assert window.model.rowCount() == 230
    finally:
        counted.set()
        listed.set()
    qtbot.waitUntil(lambda: window.model.ids_known, timeout=10_000)
    assert window.model.rowCount() == 230 and window.status_text.startswith("230 photos match")


def test_a_small_result_is_exact_at_once(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_photos(archive, 3, people=("Kate Winslet",))
    window = make_window()
    asked: list[str] = []
    monkeypatch.setattr(SearchService, "count", lambda _s, q: asked.append(q) or 0)
    window.search_bar.edit.setText("winsl*")
    window.search_bar.submit()
    wait_searched(qtbot, window)
    assert window.model.total_exact and window.status_text.startswith("3 photos match")
    qtbot.wait(100)
    assert asked == []  # no second call when the first page's total is already exact
