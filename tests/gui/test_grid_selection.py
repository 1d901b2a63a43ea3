"""Selecting rows whose pages are not loaded (dropped from the LRU, or never read): the ids
come from the model's id list, never from summaries of every page or a new search."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.search import SearchService
from archive.services.photos import PhotoService
from gui.main_window import MainWindow
from gui.models.grid_source import GridSource
from gui.models.photo_grid import PhotoGridModel, TileRole
from gui.workers import TaskRunner

from .conftest import WindowFactory
from .photos import add_photos


def expected_ids(archive: Archive) -> list[int]:
    return list(SearchService(archive).search("", limit=None).ids)


def click_row(qtbot: QtBot, window: MainWindow, row: int, shift: bool = False) -> None:
    grid = window.grid
    index = window.model.index(row)
    grid.scrollTo(index)
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    rect = grid.visualRect(index)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


class Calls:
    """Records what the grid reads from the archive after a given moment."""

    def __init__(self, monkeypatch: Any, source: GridSource) -> None:
        self.searches: list[tuple[str, int | None]] = []  # (query, limit)
        self.summaries: list[int] = []
        search, summaries = source.search.search, source.photos.summaries

        def spy_search(query: str, limit: int | None = 50, **kwargs: Any) -> Any:
            if limit != 0:  # the sidebar's counts (limit=0) are not the grid's business
                self.searches.append((query, limit))
            return search(query, limit=limit, **kwargs)

        def spy_summaries(ids: list[int]) -> Any:
            self.summaries.extend(ids)
            return summaries(ids)

        monkeypatch.setattr(source.search, "search", spy_search)
        monkeypatch.setattr(source.photos, "summaries", spy_summaries)


def test_shift_click_over_dropped_pages_takes_ids_from_the_model(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, monkeypatch: Any
) -> None:
    add_photos(archive, 1000)
    ids = expected_ids(archive)
    window = make_window(show=True)
    model = window.model
    qtbot.waitUntil(lambda: model.ids_known, timeout=10_000)
    model._max_pages = 1  # the last page pushes the first one out of the LRU

    click_row(qtbot, window, 5)
    qtbot.waitUntil(lambda: window.inspector.data is not None)
    window.grid.scrollToBottom()
    qtbot.waitUntil(lambda: model.tile(994) is not None)
    assert model.tile(5) is None  # its page was dropped

    calls = Calls(monkeypatch, window.services.grid)
    click_row(qtbot, window, 994, shift=True)

    wanted = ids[5:995]
    assert window.grid.selected_ids() == wanted  # at once, on the GUI thread
    qtbot.waitUntil(
        lambda: window.inspector.data is not None and list(window.inspector.data.ids) == wanted,
        timeout=10_000,
    )
    assert calls.searches == []  # the query was not run again
    dropped = set(ids[5:800])
    assert not dropped & set(calls.summaries)  # no summaries of the range's pages
    # Check and export take the selection, not the whole result.
    assert window._target_ids()() == wanted


def test_a_range_selected_before_the_id_list_is_in_waits_for_it(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, monkeypatch: Any
) -> None:
    add_photos(archive, 500)
    ids = expected_ids(archive)
    gate = threading.Event()
    read_ids = GridSource.ids

    def slow_ids(self: GridSource, query: str) -> Any:
        gate.wait(10)
        return read_ids(self, query)

    monkeypatch.setattr(GridSource, "ids", slow_ids)
    try:
        window = make_window()
        model = window.model
        assert not model.ids_known
        selection = window.grid.selectionModel()
        selection.select(
            QItemSelection(model.index(0), model.index(450)),
            selection.SelectionFlag.ClearAndSelect,
        )
        assert window.grid.selected_ids() is None  # rows 200… are not known yet
        qtbot.wait(300)
        assert window.inspector.data is None  # nothing half-known was loaded
    finally:
        gate.set()
    qtbot.waitUntil(
        lambda: window.inspector.data is not None and list(window.inspector.data.ids) == ids[:451],
        timeout=10_000,
    )
    assert window.grid.selected_ids() == ids[:451]


def test_the_id_list_wins_when_the_catalogue_changed_between_the_two_reads(
    qtbot: QtBot, archive: Archive, monkeypatch: Any
) -> None:
    """The first page and the id list are two reads: photos imported in between shift the
    rows. The model follows the id list and reads again any page that disagrees."""
    add_photos(archive, 30)
    source = GridSource(SearchService(archive), PhotoService(archive.sessions), archive.folder)
    ids_of = GridSource.ids

    def ids_after_an_import(self: GridSource, query: str) -> Any:
        add_photos(archive, 5, caption="Newer {n}", taken=None)  # undated: at the end
        add_photos(archive, 2, caption="Newest {n}", taken=datetime(2030, 1, 1))
        return ids_of(self, query)

    monkeypatch.setattr(GridSource, "ids", ids_after_an_import)
    runner = TaskRunner(1, "test-reader")
    model = PhotoGridModel(source, runner, page_size=10, max_pages=3)
    try:
        model.set_query("")
        qtbot.waitUntil(lambda: model.ids_known, timeout=10_000)
        assert model.rowCount() == 37
        truth = list(SearchService(archive).search("", limit=None).ids)
        assert model.ids_of_rows(range(37)) == truth
        for row in (0, 12, 36):
            model.data(model.index(row), TileRole)  # as painting asks
        qtbot.waitUntil(lambda: all(model.tile(r) is not None for r in (0, 12, 36)))
        assert [model.tile(r).id for r in (0, 12, 36)] == [truth[0], truth[12], truth[36]]
        assert model.tile(0).summary.caption.startswith("Newest")
    finally:
        runner.drain()
