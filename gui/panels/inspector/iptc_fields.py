"""The inspector's "IPTC fields" section: every other field a wire desk fills in.

Title, alt text and extended description (IPTC 2021 accessibility), creator and job title,
source, copyright, usage terms, place (sublocation, city, state, country, ISO code), job id
and date created. Each shows ‹multiple values› when the selection differs and is written
only when changed, in the inspector's one edit with its version check. Country and code
fill each other in archive.services.field_edits; this widget only shows and collects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.panels.inspector.fields import CaptionField, TextField
from gui.panels.inspector.provenance import ProvenanceSection
from gui.panels.inspector.selection import SelectionData

if TYPE_CHECKING:
    from gui.panels.inspector.inspector import Inspector
    from gui.services import Services

# (EditRequest field, label, detail key, multi-line)
FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("title", "Title", "title", False),
    ("alt_text", "Alt text", "alt_text", False),
    ("extended_description", "Extended description", "extended_description", True),
    ("creator", "Creator", "creator", False),
    ("creator_job_title", "Creator's job title", "creator_job_title", False),
    ("source", "Source", "source", False),
    ("copyright", "Copyright notice", "copyright", False),
    ("usage_terms", "Usage terms", "usage_terms", False),
    ("sublocation", "Sublocation", "sublocation", False),
    ("city", "City", "city", False),
    ("state", "State / province", "state", False),
    ("country", "Country", "country", False),
    ("country_code", "ISO country code", "country_code", False),
    ("job_id", "Job id", "job_id", False),
    ("date_created", "Date created", "taken_at", False),
)
PLACEHOLDERS = {
    "alt_text": "What the picture shows, for screen readers (≤ 250 characters)",
    "country_code": "GB, FR, US… (fills the country)",
    "date_created": "2023-05-14T19:30+01:00",
}


class PresetCombo(QComboBox):
    """The ingest presets, read when the list is opened (another desk may have added one)."""

    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.setObjectName("applyPresetCombo")
        self.setPlaceholderText("Ingest preset…")

    def refresh(self) -> None:
        current = self.currentText()
        self.clear()
        self.addItems(self.names())
        self.setCurrentIndex(self.findText(current))

    def showPopup(self) -> None:
        self.refresh()
        super().showPopup()


class IptcFields(QGroupBox):
    committed = Signal()  # a changed field was left: save
    edited = Signal()  # typing: the Save button may change
    preset_chosen = Signal(str)  # apply this ingest preset to the selection

    def __init__(
        self, presets: Callable[[], list[str]] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("IPTC fields", parent)
        self.setObjectName("iptcFields")
        self.setCheckable(True)  # the desk folds the section away when it is not needed
        self.setChecked(True)
        self.editors: dict[str, TextField | CaptionField] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, _key, multi in FIELDS:
            editor: TextField | CaptionField
            if multi:
                editor = CaptionField(None)
                editor.setMaximumHeight(80)
                editor.textChanged.connect(self.edited.emit)
            else:
                editor = TextField(PLACEHOLDERS.get(name, label))
                editor.textEdited.connect(lambda _t: self.edited.emit())
            editor.setObjectName(f"{name}Edit")
            editor.committed.connect(self.committed.emit)
            self.editors[name] = editor
            form.addRow(label, editor)
        self.preset_combo = PresetCombo(presets or list)
        self.preset_button = QPushButton("Apply preset")
        self.preset_button.setObjectName("applyPresetButton")
        self.preset_button.setToolTip(
            "Apply the ingest preset to the selection: one edit, undone with Ctrl+Z"
        )
        self.preset_button.clicked.connect(self._apply_preset)
        row = QHBoxLayout()
        row.addWidget(self.preset_combo, 1)
        row.addWidget(self.preset_button)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(row)
        body_layout.addLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(body)
        self.toggled.connect(body.setVisible)
        # Issue 19: shown even when the IPTC fields are folded away.
        self.provenance = ProvenanceSection()
        self.provenance.committed.connect(self.committed.emit)
        layout.addWidget(self.provenance)

    def _apply_preset(self) -> None:
        if self.preset_combo.currentText():
            self.preset_chosen.emit(self.preset_combo.currentText())

    @property
    def dirty(self) -> bool:
        return any(e.dirty for e in self.editors.values()) or self.provenance.dirty

    def show_selection(self, data: SelectionData) -> None:
        for name, _label, key, _multi in FIELDS:
            self.editors[name].show_value(data.common(key))
        self.provenance.show_selection(data)

    def value(self, name: str) -> str:
        editor = self.editors[name]
        return editor.text if isinstance(editor, CaptionField) else editor.text()

    def request_fields(self) -> dict[str, Any]:
        """EditRequest keyword arguments for the changed fields ("" clears one)."""
        out = {name: self.value(name) for name, e in self.editors.items() if e.dirty}
        return {**out, **self.provenance.request_fields()}

    def mark_saved(self, request: Any) -> None:
        """Fields whose text went out unchanged are clean; ones typed into meanwhile stay."""
        for name, editor in self.editors.items():
            sent = getattr(request, name, None)
            if sent is not None and self.value(name) == sent:
                editor.dirty = False
        self.provenance.mark_saved(request)


def preset_names(services: Services) -> list[str]:
    from archive.ingest.presets_store import PresetService

    return PresetService(services.archive.sessions).names()


def apply_preset(inspector: Inspector, name: str) -> None:
    """An ingest preset on the inspector's selection: one edit batch on the writer thread,
    with the version check, reported and undone (Ctrl+Z) like any save."""
    from archive.ingest.apply import PresetApplier
    from archive.ingest.presets_store import PresetService
    from archive.services.edits import EditRequest

    data = inspector.data
    if data is None:
        return
    versions: dict[int, int] | None = dict(data.versions)
    if inspector.dirty:
        # Saved first (version-checked), on the same writer thread: the preset's fill-if-
        # empty sees what was typed. The versions that save moves to are not known here.
        inspector.save()
        versions = None
    sessions, ids = inspector.services.archive.sessions, list(data.ids)
    applier = PresetApplier(sessions, inspector.services.codes)
    inspector.writer.submit(
        lambda: applier.apply(ids, PresetService(sessions).get(name), expected_versions=versions),
        lambda result: inspector._saved(EditRequest(), result, ids),
        inspector._save_failed,
    )
