"""The inspector's "IPTC fields" section: every other field a wire desk fills in.

Title, alt text and extended description (IPTC 2021 accessibility), creator and job title,
source, copyright, usage terms, place (sublocation, city, state, country, ISO code), job id
and date created. Each shows ‹multiple values› when the selection differs and is written
only when changed, in the inspector's one edit with its version check. Country and code
fill each other in archive.services.field_edits; this widget only shows and collects.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QVBoxLayout, QWidget

from gui.panels.inspector.fields import CaptionField, TextField
from gui.panels.inspector.selection import SelectionData

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


class IptcFields(QGroupBox):
    committed = Signal()  # a changed field was left: save
    edited = Signal()  # typing: the Save button may change

    def __init__(self, parent: QWidget | None = None) -> None:
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
        body = QWidget()
        body.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(body)
        self.toggled.connect(body.setVisible)

    @property
    def dirty(self) -> bool:
        return any(e.dirty for e in self.editors.values())

    def show_selection(self, data: SelectionData) -> None:
        for name, _label, key, _multi in FIELDS:
            self.editors[name].show_value(data.common(key))

    def value(self, name: str) -> str:
        editor = self.editors[name]
        return editor.text if isinstance(editor, CaptionField) else editor.text()

    def request_fields(self) -> dict[str, Any]:
        """EditRequest keyword arguments for the changed fields ("" clears one)."""
        return {name: self.value(name) for name, e in self.editors.items() if e.dirty}

    def mark_saved(self, request: Any) -> None:
        """Fields whose text went out unchanged are clean; ones typed into meanwhile stay."""
        for name, editor in self.editors.items():
            sent = getattr(request, name, None)
            if sent is not None and self.value(name) == sent:
                editor.dirty = False
