"""The main window: search bar, sidebar, the photo grid and the inspector in one window.

Built from the services the composition root (`gui/app.py`) hands in. Reads run on a
small pool, writes on a single writer thread, thumbnails on their own pool; the window
owns all three and drains them when it closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QSlider,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from archive.search import QueryError
from gui.collapse_toggle import COUNT_SUFFIX
from gui.expiry_notice import start_expiry_notice
from gui.help import HelpMenu
from gui.layout import restore_layout, save_layout
from gui.marks import Marker
from gui.menus import build_actions
from gui.models.photo_grid import PhotoGridModel
from gui.panels.inspector import Inspector
from gui.panels.sidebar import Sidebar
from gui.panels.sidebar_data import SidebarData, gather
from gui.services import Services
from gui.settings import SavedSearch, load_saved_searches, store_saved_searches
from gui.thumbnails import ThumbnailLoader
from gui.views.photo_grid import MAX_EDGE, MIN_EDGE, PhotoGridView
from gui.widgets.drops import dropped_paths
from gui.widgets.empty_state import EmptyState, sample_files
from gui.widgets.search_bar import SearchBar
from gui.window_dialogs import WindowDialogs
from gui.workers import TaskRunner

WINDOW_TITLE = "Creditdesk"
SORTS = (
    ("Newest taken", "-taken"),
    ("Oldest taken", "taken"),
    ("Newest imported", "-imported"),
    ("Relevance", "relevance"),
)
IMPORT_REFRESH_MS = 600  # grid refreshes during an import: at most this often
STALE_SUFFIX = " · previous search: the query above is not valid"


def photo_count_text(total: int, folder: Path | str, exact: bool = True) -> str:
    """*exact* False: *total* is a lower bound (the exact count is on its way)."""
    noun = "photo" if total == 1 else "photos"
    return f"{total:,} {noun} in {folder}" if exact else f"more than {total:,} {noun} in {folder}"


def with_sort(query: str, sort: str) -> str:
    if sort == "-taken" or "sort:" in query:
        return query
    return f"{query} sort:{sort}".strip()


class MainWindow(QMainWindow, WindowDialogs):
    def __init__(
        self,
        services: Services,
        settings: QSettings,
        import_jobs: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self.services = services
        self.settings = settings
        self.import_jobs = import_jobs
        self.reader = TaskRunner(2, "reader", self)
        self.writer = TaskRunner(1, "writer", self)
        self.exporter = TaskRunner(1, "exporter", self)  # exports: long, never block saves
        self.loader = ThumbnailLoader(parent=self)
        self._model = PhotoGridModel(services.grid, self.reader, parent=self)
        self.grid = PhotoGridView(self._model, self.loader, services.grid)
        self.empty = EmptyState(bool(sample_files()))
        self._stack = QStackedWidget()
        self._stack.addWidget(self.grid)
        self._stack.addWidget(self.empty)
        self.setCentralWidget(self._stack)

        self._build_toolbar()
        self.sidebar = Sidebar()
        self.sidebar_dock = self._dock("Browse", self.sidebar, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector = Inspector(services, self.reader, self.writer)
        self.inspector_dock = self._dock(
            "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Keys 0-9 rate and label the selection (gui.marks); the loupe sends them here too.
        self.marker = Marker(services.edits, self.writer, self._labels_of, parent=self)
        self.marker.marked.connect(self._marked)
        self.marker.said.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.grid.markRequested.connect(self.mark_selection)
        self.grid.loupeRequested.connect(self.open_loupe)
        self.actions_ = build_actions(self)
        self.help_menu = HelpMenu(self)  # last in the menu bar
        self._count_label = QLabel()
        self._timing_label = QLabel()
        self.statusBar().addWidget(self._count_label, 1)
        self.statusBar().addPermanentWidget(self._timing_label)

        self._selection_timer = QTimer(self, singleShot=True, interval=120)
        self._selection_timer.timeout.connect(self._selection_settled)
        self._sidebar_timer = QTimer(self, singleShot=True, interval=250)
        self._sidebar_timer.timeout.connect(self._refresh_sidebar)
        self._import_timer = QTimer(self, singleShot=True, interval=IMPORT_REFRESH_MS)
        self._import_timer.timeout.connect(self._import_refresh)
        self._names_timer = QTimer(self, singleShot=True, interval=300)
        self._names_timer.timeout.connect(self._load_names)
        self._reselect: list[int] = []
        self._selection_waits = False  # for the id list (see _selection_settled)

        self._model.searchFinished.connect(self._search_finished)
        self._model.searchFailed.connect(self._search_failed)
        self._model.loadFailed.connect(self._show_error)
        self._model.idsReady.connect(self._ids_ready)
        self._model.totalCounted.connect(self._show_count)
        self.grid.selectionModel().selectionChanged.connect(
            lambda *_: self._selection_timer.start()
        )
        self.search_bar.searched.connect(self.run_search)
        self.search_bar.errorChanged.connect(self._query_error)
        self.sidebar.runQuery.connect(self.search_bar.run)
        self.sidebar.narrowQuery.connect(self._narrow)
        self.sidebar.removeSaved.connect(self._remove_saved)
        self.inspector.saved.connect(self._edited)
        self.empty.importRequested.connect(lambda: self.open_import())
        self.empty.sampleRequested.connect(self.import_sample)

        self.sidebar.set_saved(load_saved_searches(settings))
        self.inspector.namesChanged.connect(self._load_names)
        self._restore_layout()
        # The first page first: the name lists (slow on a big archive) wait for it.
        self._names_loaded = False
        self.run_search("")
        self.expiry_notice = start_expiry_notice(self)  # licences ending soon (issue 20)

    # -- construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Search")
        bar.setObjectName("searchToolbar")
        bar.setMovable(False)
        self.search_bar = SearchBar()
        bar.addWidget(self.search_bar)
        self.sort = QComboBox()
        self.sort.setObjectName("sortCombo")
        self.sort.setToolTip("Order of the grid (or type sort: in the query)")
        for label, value in SORTS:
            self.sort.addItem(label, value)
        self.sort.currentIndexChanged.connect(lambda _i: self.run_search(self.search_bar.text))
        bar.addWidget(self.sort)
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setObjectName("sizeSlider")
        self.size_slider.setRange(MIN_EDGE, MAX_EDGE)
        self.size_slider.setValue(self.grid.edge)
        self.size_slider.setFixedWidth(120)
        self.size_slider.setToolTip("Thumbnail size")
        self.size_slider.valueChanged.connect(self.grid.set_edge)
        bar.addWidget(self.size_slider)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}Dock")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    # -- state ------------------------------------------------------------------------------
    @property
    def model(self) -> PhotoGridModel:
        return self._model

    @property
    def status_text(self) -> str:
        return self._count_label.text()

    @property
    def showing_empty_state(self) -> bool:
        return self._stack.currentWidget() is self.empty

    # -- searching ------------------------------------------------------------------------
    def run_search(self, text: str) -> None:
        # The inspector follows the result: what stays selected is what is still in it.
        self._reselect = self._reselect or self.grid.selected_ids() or []
        self._model.set_query(with_sort(text.strip(), self.sort.currentData() or "-taken"))

    def _query_error(self, shown: bool) -> None:
        """A malformed query: the grid still shows the last good result, greyed, and the
        count says so (issue 18 item 12)."""
        self.grid.set_stale(shown)
        text = self._count_label.text().removesuffix(STALE_SUFFIX)
        self._count_label.setText(text + STALE_SUFFIX if shown else text)

    def refresh(self) -> None:
        """F5: read the catalogue again (imports by the CLI or another desk)."""
        self._reselect = self.grid.selected_ids() or []
        self._model.refresh()
        self._load_names()

    def _search_finished(self, query: str, total: int, ms: float) -> None:
        self.search_bar.clear_error()
        self.grid.set_stale(False)
        self._show_count(query, total)
        self._timing_label.setText(f"{ms:.0f} ms")
        if total == 0:
            self.empty.show_archive_empty(not query.strip())
            self._stack.setCurrentWidget(self.empty)
        else:
            self._stack.setCurrentWidget(self.grid)
        self._restore_selection()
        self._follow_result()
        # At once, not after the edit debounce: the counts are part of the search's answer
        # (issue 16: search → grid and sidebar repainted).
        self._sidebar_timer.stop()
        self._refresh_sidebar()
        if not self._names_loaded:
            self._names_loaded = True
            self._names_timer.start()

    def _show_count(self, query: str, total: int) -> None:
        """The status bar's count: at the first page, and again when an exact total
        that came later lands (PhotoGridModel.totalCounted)."""
        text = photo_count_text(total, self.services.folder, self._model.total_exact)
        text += COUNT_SUFFIX if self.services.grid.collapse_versions else ""
        self._count_label.setText(text if not query else text.replace(" in ", " match · in ", 1))

    def _search_failed(self, exc: BaseException) -> None:
        if isinstance(exc, QueryError):
            self.search_bar.show_error(exc)
        else:
            self._show_error(str(exc))

    def _narrow(self, term: str) -> None:
        current = self.search_bar.text.strip()
        self.search_bar.run(term if not current else f"{current} {term}")

    def _refresh_sidebar(self) -> None:
        search, query = self.services.search, self._model.query

        def apply(data: SidebarData) -> None:
            if query == self._model.query:  # else a later search's counts are on their way
                self.sidebar.set_data(data)

        self.reader.submit(lambda: gather(search, query), apply, self._ignore)

    def _load_names(self) -> None:
        svc = self.services

        def names() -> dict[str, list[str]]:
            return {
                "person": [p.name for p in svc.people.listing()],
                "event": [e["name"] for e in svc.events.listing()],
                "agency": [a["name"] for a in svc.agencies.listing()],
                "photographer": [p["name"] for p in svc.photographers.listing()],
            }

        self.reader.submit(names, self._names_in, self._ignore)

    def _names_in(self, names: dict[str, list[str]]) -> None:
        self.search_bar.completer.set_names(names)
        self.inspector.set_names(names["person"], names["event"], names["photographer"])

    def save_current_search(self) -> None:
        query = self.search_bar.text.strip()
        if not query:
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name:", text=query)
        if ok and name.strip():
            self.add_saved_search(name.strip(), query)

    def add_saved_search(self, name: str, query: str) -> None:
        searches = [s for s in load_saved_searches(self.settings) if s.name != name]
        searches.append(SavedSearch(name, query))
        store_saved_searches(self.settings, searches)
        self.sidebar.set_saved(searches)

    def _remove_saved(self, name: str) -> None:
        searches = [s for s in load_saved_searches(self.settings) if s.name != name]
        store_saved_searches(self.settings, searches)
        self.sidebar.set_saved(searches)

    # -- selection and editing ------------------------------------------------------------
    def _selection_settled(self) -> None:
        ids = self.grid.selected_ids()
        # None: a range reaching rows not loaded, just after a search, before the model's
        # id list is in (a fraction of a second); idsReady settles the selection then.
        self._selection_waits = ids is None
        shown = list(self.inspector.data.ids) if self.inspector.data is not None else None
        if ids is not None and ids != shown:
            self.inspector.load(ids)

    def _follow_result(self) -> None:
        """After a search the inspector shows only photos still in the result (issue 18
        item 4): the same selection stays as it is, anything else is shown anew."""
        shown = list(self.inspector.data.ids) if self.inspector.data is not None else []
        now = self.grid.selected_ids()
        if now is not None and now != shown:
            self.inspector.load(now)

    def _ids_ready(self) -> None:
        if self._selection_waits:
            self._selection_settled()

    def _restore_selection(self) -> None:
        ids, self._reselect = self._reselect, []
        selection = self.grid.selectionModel()
        for photo_id in ids:
            row = self._model.row_of(photo_id)
            if row is not None:
                selection.select(self._model.index(row), selection.SelectionFlag.Select)

    def _edited(self, ids: list[int]) -> None:
        self._model.refresh_ids(ids)
        self._sidebar_timer.start()

    def mark_selection(self, field: str, value: int | str) -> None:
        if self.inspector.dirty:
            self.inspector.save()  # the writer runs it first: typed text is never lost
        self.marker.apply(self.grid.selected_ids() or [], field, value)

    def _marked(self, ids: list[int]) -> None:
        self._edited(ids)
        shown = self.inspector.data.ids if self.inspector.data is not None else ()
        if set(ids) & set(shown) and not self.inspector.dirty:
            self.inspector.reload()  # new versions: the next save must not see a conflict

    def _labels_of(self, ids: list[int]) -> list[str | None]:
        wanted = set(ids)
        tiles = (self._model.tile(row) for row in self.grid.selected_rows())
        return [t.summary.label for t in tiles if t is not None and t.id in wanted]

    def focus_editor(self, which: str) -> None:
        self.inspector_dock.show()
        form = self.inspector.form
        target = {"caption": form.caption, "people": form.people.entry, "credit": form.credit.line}
        target[which].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.open_import(paths)

    # -- lifecycle -------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        restore_layout(self, self.settings)

    def save_layout(self) -> None:
        save_layout(self, self.settings)

    def shutdown(self) -> None:
        """Save what is typed, stop every worker; safe to call twice."""
        if self.inspector.dirty:
            self.inspector.save()
        self.close_dialogs()
        self.reader.drain()
        self.writer.drain(finish_queued=True)
        self.exporter.drain(finish_queued=True)  # a running export completes
        self.loader.drain()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.shutdown()
        super().closeEvent(event)

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(f"Could not read the catalogue: {message}", 15_000)

    def _ignore(self, _exc: BaseException) -> None:
        """Side panels (facets, completion lists) simply stay as they were."""
