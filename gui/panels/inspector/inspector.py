"""The inspector: loads the selection off-thread, shows it, writes only what changed.

One EditService call per save, with the versions the form was loaded at, so an edit made
meanwhile by another desk is refused as a conflict instead of overwritten. Saves run on
the single writer thread; undo/redo go through HistoryService the same way.

The licence is edited in a dialog (licence_dialog.py) that writes through LicenceService
on the same writer thread, with the same version check; afterwards the inspector, the
tiles and the sidebar are refreshed like after a save, and Ctrl+Z undoes it like any edit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from archive.errors import ArchiveError, ConflictError
from archive.services.edits import EditRequest, EditResult
from gui.panels.inspector.check_status import show_status
from gui.panels.inspector.details import licences_summary
from gui.panels.inspector.form import InspectorForm
from gui.panels.inspector.iptc_fields import IptcFields, apply_preset, preset_names
from gui.panels.inspector.preview import MOSAIC, preview_paths
from gui.panels.inspector.rights import mount_rights
from gui.panels.inspector.save_state import mount_save_state
from gui.panels.inspector.selection import (
    SelectionData,
    event_name,
    load_selection,
    selection_title,
)
from gui.panels.inspector.suggested_credit import SuggestedCredit
from gui.panels.inspector.templates import mount_templates, open_preview
from gui.services import Services
from gui.workers import TaskRunner

if TYPE_CHECKING:
    from gui.panels.inspector.licence_dialog import LicenceDialog


class Inspector(QWidget):
    saved = Signal(list)  # ids whose data changed (edit, undo, redo)
    loaded = Signal()
    namesChanged = Signal()  # people/events may have been created: completion is stale

    def __init__(
        self,
        services: Services,
        reader: TaskRunner,
        writer: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.services = services
        self.reader = reader
        self.writer = writer
        self.form = InspectorForm(
            reader, services.registry, services.codes, services.templates, self
        )
        self.suggested = SuggestedCredit(services, reader, writer, self.form)  # issue 12
        box = cast(QVBoxLayout, self.form.layout())
        box.insertWidget(box.indexOf(self.form.credit) + 1, self.suggested)
        self.suggested.applied.connect(self._credit_applied)
        self.suggested.failed.connect(lambda text: self._say(text, error=True))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.data: SelectionData | None = None
        self._generation = 0
        self._saving = False
        self._save_again = False
        self._suggest = QTimer(self, singleShot=True, interval=400)
        self._suggest.timeout.connect(self._suggest_people)

        f = self.form
        for editor in (f.caption, f.headline, f.event_field, f.instructions, f.credit):
            editor.committed.connect(self.save)
        f.people.changed.connect(self.save)
        f.keywords.changed.connect(self.save)
        f.caption.textChanged.connect(self._caption_typed)
        fields = (f.headline, f.event_field, f.instructions, f.credit.photographer, f.credit.line)
        for field in fields:
            field.textEdited.connect(lambda _t: self._update_save_button())
        self.iptc = IptcFields(lambda: preset_names(services))  # IPTC fields, ingest presets
        box = f.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(box.indexOf(f.tabs), self.iptc)
        self.iptc.committed.connect(self.save)
        self.iptc.edited.connect(self._update_save_button)
        self.iptc.preset_chosen.connect(lambda name: apply_preset(self, name))
        f.save_button.clicked.connect(self.save)
        f.licence_button.clicked.connect(self.edit_licence)
        self.licence_dialog: LicenceDialog | None = None
        f.template_menu.triggered.connect(self._template_chosen)
        f.credit.agency.activated.connect(lambda _i: self._update_save_button())
        self.save_state = mount_save_state(self)
        mount_templates(self)
        self.rights = mount_rights(self)  # Show similar, Record publication… (issue 20)
        self.setEnabled(False)

    # -- loading ------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        f = self.form
        editors = (f.caption, f.headline, f.event_field, f.people, f.keywords, f.instructions)
        return any(e.dirty for e in editors) or f.credit.dirty or self.iptc.dirty

    @property
    def busy(self) -> bool:
        return self._saving or self.writer.busy

    def load(self, ids: list[int]) -> None:
        """Show *ids* (saving the edits in hand first)."""
        if self.dirty:
            self.save()
        self._generation += 1
        generation = self._generation
        if not ids:
            self.data = None
            self.setEnabled(False)
            self.form.title.setText("Nothing selected")
            self.form.preview.show_paths([])
            return
        svc = self.services
        self.form.title.setText(f"Loading {len(ids):,} photos…" if len(ids) > 1 else "Loading…")
        self.reader.submit(
            lambda: load_selection(svc.photos, svc.history, ids),
            lambda data: self._show(generation, data),
            self._failed,
        )

    def reload(self) -> None:
        if self.data is not None:
            self.load(list(self.data.ids))

    def set_names(self, people: list[str], events: list[str], photographers: list[str]) -> None:
        """Completion lists (the window loads them once for everything that completes)."""
        self.form.people.set_known(people)
        self.form.event_names.setStringList(events)
        self.form.credit.set_photographers(photographers)

    def _show(self, generation: int, data: SelectionData) -> None:
        if generation != self._generation:
            return
        if self._saving and self.data is not None and data.ids == self.data.ids:
            # Read while a save of this selection was in flight: it may predate the save,
            # and showing it would make the editors take back what is being written.
            # The last save of the run reloads when it reports back (see _saved).
            self.form.title.setText(selection_title(self.data))
            return
        self.data = data
        f = self.form
        self.setEnabled(True)
        count = len(data.ids)
        single = data.single
        f.title.setText(selection_title(data))
        show_status(f.status, [d.get("check") for d in data.details])
        f.caption.show_value(data.common("caption"))
        f.headline.show_value(data.common("headline"))
        f.event_field.show_value(data.common(event_name))
        f.people.show_people(
            data.people_in_all(), data.people_in_some(), data.counts("people"), len(data.details)
        )
        f.keywords.show_keywords(
            data.in_all("keywords"),
            data.in_some("keywords"),
            data.counts("keywords"),
            len(data.details),
        )
        f.instructions.show_value(data.common("special_instructions"))
        self.iptc.show_selection(data)
        f.credit.show_credit(
            data.common("agency"), data.common("photographer"), data.common("credit_line")
        )
        lines = {d["id"]: d.get("credit_line") for d in data.details}
        self.suggested.show_for(list(data.ids), lines, data.versions)
        f.restrictions.show_licence(
            single.get("licence") if single else None,
            None if single else licences_summary([d.get("licence") for d in data.details]),
        )
        f.embedded.show_embedded(single.get("embedded") if single else None)
        f.history.show_history(data.history)
        shown = "" if single else f"{count:,} photos (the first {min(count, MOSAIC)} shown)"
        f.preview.show_many(preview_paths(self.services.archive, data.details), shown)
        self._clear_message()
        self._update_save_button()
        self._suggest.start()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.form.title.setText("Could not read the selection")
        self._say(str(exc), error=True)

    # -- saving -------------------------------------------------------------------------
    def request(self) -> EditRequest | None:
        """The changed fields as one EditRequest (None when nothing changed)."""
        if self.data is None or not self.dirty:
            return None
        f = self.form
        fields: dict[str, Any] = {}
        if f.caption.dirty:
            fields["caption"] = f.caption.text
        if f.headline.dirty:
            fields["headline"] = f.headline.text()
        if f.event_field.dirty:
            fields["event"] = f.event_field.text()
        if f.people.dirty:
            fields["add_people"] = tuple(f.people.added)
            fields["remove_people"] = tuple(f.people.removed)
        if f.keywords.dirty:
            fields["add_keywords"] = tuple(f.keywords.added)
            fields["remove_keywords"] = tuple(f.keywords.removed)
        if f.instructions.dirty:
            fields["special_instructions"] = f.instructions.text()
        fields.update(f.credit.request_fields())
        fields.update(self.iptc.request_fields())
        return EditRequest(create=True, expected_versions=dict(self.data.versions), **fields)

    def save(self) -> None:
        """Ctrl+S, focus leaving a changed field, or a new selection."""
        if self._saving:
            self._save_again = True
            return
        request = self.request()
        if request is None or self.data is None:
            return
        ids = list(self.data.ids)
        self._saving = True
        self.save_state.saving()
        self._update_save_button()
        self._say("Saving…")
        self.writer.submit(
            lambda: self.services.edits.edit(ids, request),
            lambda result: self._saved(request, result, ids),
            self._save_failed,
        )

    def _saved(self, request: EditRequest, result: EditResult, ids: list[int]) -> None:
        self._saving = False
        f = self.form
        # Fields typed into while saving stay dirty (their new text was not sent).
        if request.caption is not None and f.caption.text == request.caption:
            f.caption.dirty = False
        if request.headline is not None and f.headline.text() == request.headline:
            f.headline.dirty = False
        if request.event is not None and f.event_field.text() == request.event:
            f.event_field.dirty = False
        if self.data is not None and self.data.ids == tuple(ids):
            # Still the saved selection: what was written is the chips' new starting
            # point; chips changed since the save was sent stay to be written.
            f.people.mark_saved(request.add_people, request.remove_people)
            f.keywords.mark_saved(request.add_keywords, request.remove_keywords)
        if (
            request.special_instructions is not None
            and f.instructions.text() == request.special_instructions
        ):
            f.instructions.dirty = False
        self.iptc.mark_saved(request)
        credit = f.credit
        if request.credit is not None and credit.line.text() == request.credit:
            credit.line.dirty = False
        if request.photographer is not None:
            credit.photographer.dirty = False
        if request.agency is not None:
            credit.agency_dirty = False
        if self.data is not None:
            versions = {**self.data.versions, **result.versions}
            self.data = replace(self.data, versions=versions)
        warnings = "; ".join(result.warnings)
        self._say(f"Saved {result.changes} change(s)" + (f" — {warnings}" if warnings else ""))
        self.save_state.saved(
            result.versions.get(ids[0]) if len(ids) == 1 else None, result.changes
        )
        self.saved.emit(list(result.photo_ids))
        if self._save_again:
            self._save_again = False
            self.save()  # sends nothing when the changes made meanwhile were undone
        if not self._saving and not self.dirty:
            self.reload()
            self.namesChanged.emit()

    def _credit_applied(self, ids: list[int]) -> None:
        self._say(f"Used the suggested credit on {len(ids)} photo(s)")
        self.saved.emit(ids)
        self.reload()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._save_again = False
        self.save_state.failed()
        self._update_save_button()
        if isinstance(exc, ConflictError):
            self._say(f"{exc} (your text is still here: reload, then save again)", error=True)
        else:
            self._say(f"Not saved: {exc}", error=True)

    def apply_template(self, name: str) -> None:
        if self.data is None:
            return
        template = self.services.templates[name]
        ids = list(self.data.ids)
        request = EditRequest(template=template, expected_versions=dict(self.data.versions))
        self.writer.submit(
            lambda: self.services.edits.edit(ids, request),
            lambda result: self._saved(request, result, ids),
            self._save_failed,
        )

    def _template_chosen(self, action: QAction) -> None:
        self.template_dialog = open_preview(self, str(action.data()))  # a preview first

    # -- licence ------------------------------------------------------------------------
    def edit_licence(self) -> LicenceDialog | None:
        """The licence dialog for the selection (typed fields are saved first)."""
        from gui.panels.inspector.licence_dialog import LicenceDialog

        if self.data is None:
            return None
        if self.dirty:
            self.save()  # queued on the writer before the licence: both land, in order
        # Window-modal (open()): the inspector cannot start a second one meanwhile.
        dialog = LicenceDialog(
            self.services.licences, self.writer, self.data, self, versions=self._versions
        )
        dialog.edited.connect(self._licence_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.licence_dialog = dialog
        dialog.open()
        return dialog

    def _versions(self) -> dict[int, int]:
        return dict(self.data.versions) if self.data is not None else {}

    def _licence_saved(self, ids: list[int]) -> None:
        self._say(f"Licence updated on {len(ids):,} photo(s)")
        self.saved.emit(ids)  # the window re-reads their tiles and the sidebar
        self.reload()

    # -- undo / redo ----------------------------------------------------------------------
    def undo(self) -> None:
        self._history_step(self.services.history.undo, "Undid")

    def redo(self) -> None:
        self._history_step(self.services.history.redo, "Redid")

    def _history_step(self, step: Any, verb: str) -> None:
        def done(result: EditResult) -> None:
            self._say(f"{verb} {result.changes} change(s) on {len(result.photo_ids)} photo(s)")
            self.saved.emit(list(result.photo_ids))
            self.reload()

        def failed(exc: BaseException) -> None:
            self._say(str(exc), error=not isinstance(exc, ArchiveError))

        self.writer.submit(step, done, failed)

    # -- helpers --------------------------------------------------------------------------
    def _caption_typed(self) -> None:
        self._update_save_button()
        self._suggest.start()

    def _suggest_people(self) -> None:
        text = self.form.caption.text
        people = self.services.people
        generation = self._generation
        self.reader.submit(
            lambda: people.suggest(text),
            lambda names: (
                generation == self._generation and self.form.people.set_suggestions(list(names))
            ),
        )

    def _update_save_button(self) -> None:
        self.form.save_button.setEnabled(self.dirty and not self._saving)
        self.save_state.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        label = self.form.message
        label.setText(text)
        label.setStyleSheet("color: #c62828;" if error else "")
        label.setVisible(bool(text))

    def _clear_message(self) -> None:
        if not self._saving:
            self._say("")

    @property
    def message(self) -> str:
        return self.form.message.text()
