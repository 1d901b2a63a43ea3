"""The main window's dialogs: import, check, check & export (a mixin of MainWindow).

Each dialog is imported when first opened (start-up time), parented to the window and
closed with it; the window's shutdown drains the pools they run on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt

from gui.widgets.empty_state import sample_files

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, QTimer

    from gui.dialogs.check_dialog import CheckDialog
    from gui.dialogs.entities_dialog import EntitiesDialog
    from gui.dialogs.export_dialog import ExportDialog
    from gui.dialogs.import_dialog import ImportDialog
    from gui.dialogs.report_photos import Describe
    from gui.dialogs.watch_dialog import WatchDialog
    from gui.loupe import Loupe
    from gui.models.photo_grid import PhotoGridModel
    from gui.panels.inspector import Inspector
    from gui.services import Services
    from gui.thumbnails import ThumbnailLoader
    from gui.views.photo_grid import PhotoGridView
    from gui.widgets.search_bar import SearchBar
    from gui.workers import TaskRunner

EXPORT_FOLDER_KEY = "export/folder"


def rows_of(ids: Sequence[int], rows: list[int]) -> list[int]:
    return [ids[row] for row in rows if row < len(ids)]


class WindowDialogs:
    """Mixed into MainWindow (which provides the attributes declared here)."""

    if TYPE_CHECKING:
        services: Services
        settings: QSettings
        import_jobs: int | None
        reader: TaskRunner
        writer: TaskRunner
        exporter: TaskRunner
        loader: ThumbnailLoader
        grid: PhotoGridView
        search_bar: SearchBar
        _model: PhotoGridModel
        _import_timer: QTimer
        _sidebar_timer: QTimer
        inspector: Inspector

        def refresh(self) -> None: ...

        def mark_selection(self, field: str, value: int | str) -> None: ...

    import_dialog: ImportDialog | None = None
    check_dialog: CheckDialog | None = None
    export_dialog: ExportDialog | None = None
    watch_dialog: WatchDialog | None = None
    loupe: Loupe | None = None
    entities_dialog: EntitiesDialog | None = None

    # -- people, events, photographers, agencies ---------------------------------------
    def open_entities(self) -> EntitiesDialog:
        from gui.dialogs.entities_dialog import EntitiesDialog
        from gui.dialogs.registries import registries

        if self.entities_dialog is None:
            svc = self.services
            kinds = registries(svc.people, svc.events, svc.photographers, svc.agencies)
            dialog = EntitiesDialog(kinds, self.reader, self.writer, self)  # type: ignore[arg-type]
            dialog.changed.connect(self._entities_changed)
            self.entities_dialog = dialog
        self.entities_dialog.load()
        self.entities_dialog.show()
        self.entities_dialog.raise_()
        return self.entities_dialog

    def _entities_changed(self) -> None:
        self.refresh()  # tiles name people, events and credits: read them again
        if not self.inspector.dirty:
            self.inspector.reload()  # renames move the photos' versions on

    # -- the loupe ------------------------------------------------------------------------
    def open_loupe(self, row: int | None = None) -> Loupe | None:
        """Space / Enter / double-click: the grid's current picture full size."""
        from gui.loupe import Loupe

        if row is None:
            row = self.grid.currentIndex().row()
        if row < 0:
            return None
        if self.loupe is None:
            self.loupe = Loupe(self._model, self.grid, self)  # type: ignore[arg-type]
            self.loupe.markRequested.connect(self.mark_selection)
        self.loupe.open_row(row)
        return self.loupe

    # -- import ---------------------------------------------------------------------------
    def open_import(self, paths: list[str] | None = None, start: bool = False) -> ImportDialog:
        from gui.dialogs.import_dialog import ImportDialog

        if self.import_dialog is not None and not self.import_dialog.running:
            self.import_dialog.close()
            self.import_dialog.deleteLater()
            self.import_dialog = None
        if self.import_dialog is None:
            events = self.search_bar.completer.names("event")
            dialog = ImportDialog(
                self.services.archive,
                events,
                paths,
                self.import_jobs,
                self,  # type: ignore[arg-type]
            )
            dialog.catalogued.connect(lambda _ids: self._import_timer.start())
            dialog.finished_import.connect(lambda _r: self._import_done())
            self.import_dialog = dialog
        else:
            for path in paths or []:
                self.import_dialog.add_path(path)
        self.import_dialog.show()
        self.import_dialog.raise_()
        if start:
            self.import_dialog.start()
        return self.import_dialog

    def open_watch(self) -> WatchDialog:
        """Watch folders…: one dialog for the window's life; closing it keeps watching."""
        from archive.ingest.presets_store import PresetService
        from gui.dialogs.watch_dialog import WatchDialog

        if self.watch_dialog is None:
            presets = PresetService(self.services.archive.sessions).names()
            dialog = WatchDialog(self.services.archive, presets, self)  # type: ignore[arg-type]
            dialog.ingested.connect(lambda _ids: self._import_timer.start())
            self.watch_dialog = dialog
        self.watch_dialog.show()
        self.watch_dialog.raise_()
        return self.watch_dialog

    def import_sample(self) -> None:
        dialog = self.open_import([str(p) for p in sample_files()])
        dialog.event_combo.setCurrentText("Creditdesk Sample Premiere")
        dialog.start()

    def _import_refresh(self) -> None:
        # Time-budgeted: however many batches arrived, one refresh per interval.
        if self._model.searching:
            self._import_timer.start()
            return
        self.loader.forget_missing()
        self.refresh()

    def _import_done(self) -> None:
        self._import_timer.stop()
        self.loader.forget_missing()
        self.refresh()

    # -- check and export -----------------------------------------------------------------
    def _target_ids(self) -> Callable[[], list[int]]:
        """The selection, or (nothing selected) every photo of the current result; the
        returned callable runs on a worker thread."""
        source, query = self.services.grid, self._model.query
        selected = self.grid.selected_ids()
        if selected is None:
            # The id list is still being read: read it here, in the grid's order, and
            # take the selected rows (never the whole result in place of the selection).
            rows = self.grid.selected_rows()
            return lambda: rows_of(source.ids(query), rows)
        return lambda: selected or source.all_ids(query)

    def open_check(self) -> CheckDialog:
        from gui.dialogs.check_dialog import CheckDialog

        svc = self.services
        if self.check_dialog is not None:
            self.check_dialog.close()
            self.check_dialog.deleteLater()
        self.check_dialog = CheckDialog(
            svc.compliance,
            svc.profiles,
            self._target_ids(),
            self.reader,
            self.writer,
            parent=self,  # type: ignore[arg-type]
            describe=self._describer(),
        )
        self.check_dialog.checked.connect(self._checked)
        self.check_dialog.finished.connect(lambda _r: self._dialog_closed())
        self.check_dialog.show()
        return self.check_dialog

    def _describer(self) -> Describe:
        from gui.dialogs.report_photos import describer

        return describer(self.services.photos, self.services.archive.thumbnail_path)

    def _checked(self, ids: list[int]) -> None:
        """A check recorded new results: tiles, the inspector's check line, the counts."""
        self._model.refresh_ids(ids)
        self.inspector.reload()
        self._sidebar_timer.start()

    def _dialog_closed(self) -> None:
        """Back to the grid, so the window's shortcuts (Ctrl+Shift+E…) work at once."""
        self.activateWindow()  # type: ignore[attr-defined]
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_export(self) -> ExportDialog:
        """Ctrl+Shift+E: check the selection (or the whole result) and export it."""
        from gui.dialogs.export_dialog import ExportDialog

        current = self.export_dialog
        if current is not None and current.exporting:
            current.show()  # one export at a time: show the one that is running
            current.raise_()
            return current
        if current is not None:
            current.close()
            current.deleteLater()
        svc = self.services
        dialog = ExportDialog(
            svc.compliance,
            svc.profiles,
            svc.exports,
            svc.photos,
            self._target_ids(),
            self.reader,
            self.writer,
            self.exporter,
            self._export_folder(),
            parent=self,  # type: ignore[arg-type]
            describe=self._describer(),
        )
        dialog.checked.connect(self._checked)
        dialog.finished.connect(lambda _r: self._dialog_closed())
        dialog.exported.connect(self._exported)
        dialog.folderUsed.connect(lambda folder: self.settings.setValue(EXPORT_FOLDER_KEY, folder))
        self.export_dialog = dialog
        dialog.show()
        return dialog

    def _export_folder(self) -> Path:
        remembered = self.settings.value(EXPORT_FOLDER_KEY, "")
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _exported(self, ids: list[int]) -> None:
        done = self.export_dialog.export_result if self.export_dialog is not None else None
        if done is not None and done.bundle is not None:
            self.settings.setValue(EXPORT_FOLDER_KEY, str(done.bundle.parent))
        self._model.refresh_ids(ids)

    def close_dialogs(self) -> None:
        """Close every dialog; wait for a running import, and let a running export end
        (it cannot stop part-way: the exporter pool is drained with its task finished)."""
        dialogs = (self.import_dialog, self.check_dialog, self.export_dialog, self.loupe)
        for dialog in (*dialogs, self.entities_dialog):
            if dialog is not None:
                dialog.close()
        if self.loupe is not None:
            self.loupe.drain()
        if self.import_dialog is not None:
            self.import_dialog.wait()
        if self.watch_dialog is not None:
            self.watch_dialog.stop_all()
