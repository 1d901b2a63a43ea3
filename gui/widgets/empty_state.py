"""What an empty archive shows: how to get photos in, and the bundled sample event."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

EMPTY_HINT = (
    "No photos yet. Import a folder of agency pictures (Ctrl+I), drop files on this window, "
    "or from a terminal: creditdesk import FOLDER"
)
NO_MATCH = "No photo matches this search."


def sample_folder() -> Path:
    """resources/sample: a dozen small JPEGs made by `python -m gui.sample` (fictional)."""
    import resources

    return Path(resources.__file__).resolve().parent / "sample"


def sample_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or sample_folder()).glob("*.jpg"))


class EmptyState(QWidget):
    importRequested = Signal()
    sampleRequested = Signal()

    def __init__(self, has_sample: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton("Import photos…")
        self.sample_button = QPushButton("Import the sample event (12 pictures)")
        self.sample_button.setObjectName("sampleButton")
        self.sample_button.setToolTip(
            "Fictional agency-style pictures: Getty, WireImage, a UK OUT one, an embargoed one"
        )
        self.sample_button.setVisible(has_sample)
        self.import_button.clicked.connect(self.importRequested)
        self.sample_button.clicked.connect(self.sampleRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_archive_empty(self, empty: bool) -> None:
        """Empty archive: the offer; a search with no match: say so, no offer."""
        self.hint.setText(EMPTY_HINT if empty else NO_MATCH)
        self.import_button.setVisible(empty)
        self.sample_button.setVisible(empty and self._has_sample())

    def _has_sample(self) -> bool:
        return bool(sample_files())
