"""The inspector's widgets, laid out; no behaviour beyond what each widget does itself."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.captions import CodeReplacements
from archive.credits import AgencyRegistry
from gui.panels.inspector.credit import CreditEditor
from gui.panels.inspector.details import EmbeddedTree, HistoryList, RestrictionList
from gui.panels.inspector.fields import CaptionField, TextField
from gui.panels.inspector.keywords import KeywordEditor
from gui.panels.inspector.people import PeopleEditor
from gui.panels.inspector.preview import Preview
from gui.workers import TaskRunner


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class InspectorForm(QWidget):
    def __init__(
        self,
        runner: TaskRunner,
        registry: AgencyRegistry,
        codes: CodeReplacements | None,
        templates: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = Preview(runner)
        self.title = QLabel("Nothing selected")
        self.title.setObjectName("inspectorTitle")
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("checkStatus")
        self.caption = CaptionField(codes)
        self.caption.setMinimumHeight(90)
        self.caption.setMaximumHeight(130)
        self.template_button = QToolButton(text="Template")
        self.template_button.setObjectName("templateButton")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_menu = QMenu(self.template_button)
        for name in sorted(templates):
            action = self.template_menu.addAction(name)
            action.setData(name)
            action.setToolTip(templates[name])
        self.template_button.setMenu(self.template_menu)
        self.headline = TextField("Headline")
        self.headline.setObjectName("headlineEdit")
        self.people = PeopleEditor()
        self.event_field = TextField("Event")
        self.event_field.setObjectName("eventEdit")
        self.event_names = QStringListModel(self)
        completer = QCompleter(self.event_names, self.event_field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.event_field.setCompleter(completer)
        self.keywords = KeywordEditor()
        self.instructions = TextField("Special instructions")
        self.instructions.setObjectName("instructionsEdit")
        self.credit = CreditEditor(registry)
        self.restrictions = RestrictionList()
        self.licence_button = QPushButton("Edit licence…")
        self.licence_button.setObjectName("editLicenceButton")
        self.licence_button.setToolTip(
            "Kind, allowed uses, territories, validity and restrictions of the selection"
        )
        self.embedded = EmbeddedTree()
        self.history = HistoryList()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.embedded, "Embedded metadata")
        self.tabs.addTab(self.history, "History")
        self.message = QLabel()
        self.message.setObjectName("inspectorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the changed fields (Ctrl+S)")
        self.save_button.setEnabled(False)

        caption_head = QHBoxLayout()
        caption_head.addWidget(_heading("Caption"))
        caption_head.addStretch(1)
        caption_head.addWidget(self.template_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Headline", self.headline)
        form.addRow("People", self.people)
        form.addRow("Event", self.event_field)
        form.addRow("Keywords", self.keywords)
        form.addRow("Instructions", self.instructions)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(caption_head)
        layout.addWidget(self.caption)
        layout.addLayout(form)
        layout.addWidget(_heading("Credit"))
        layout.addWidget(self.credit)
        licence_head = QHBoxLayout()
        licence_head.addWidget(_heading("Licence and restrictions"))
        licence_head.addStretch(1)
        licence_head.addWidget(self.licence_button)
        layout.addLayout(licence_head)
        layout.addWidget(self.restrictions)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)

    def editors(self) -> list[QWidget]:
        return [
            self.caption,
            self.headline,
            self.people,
            self.event_field,
            self.keywords,
            self.instructions,
            self.credit,
        ]
