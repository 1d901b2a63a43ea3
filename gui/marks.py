"""Star ratings and colour labels from the keyboard, as Lightroom and Photo Mechanic users
expect: 1–5 set the stars, 0 clears them, 6 red, 7 yellow, 8 green, 9 blue (pressing the
label a selection already has takes it off, as Lightroom does). The edit is the archive's
own (EditService: audited, undoable with Ctrl+Z) and runs on the writer thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QMenu

from archive.ratings import LABELS, rating_text
from archive.services.edits import EditRequest, EditResult, EditService
from gui.workers import TaskRunner

RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}
LABEL_KEYS = {
    Qt.Key.Key_6: "red",
    Qt.Key.Key_7: "yellow",
    Qt.Key.Key_8: "green",
    Qt.Key.Key_9: "blue",
}
# Lightroom's swatches, near enough to be read at a glance on a tile.
LABEL_COLOURS = {
    "red": QColor("#e53935"),
    "yellow": QColor("#fdd835"),
    "green": QColor("#43a047"),
    "blue": QColor("#1e88e5"),
    "purple": QColor("#8e24aa"),
}
OTHER_LABEL = QColor("#9e9e9e")  # a word that is no colour (Bridge's "Select")


def mark_of(event: QKeyEvent) -> tuple[str, int | str] | None:
    """("rating", 0..5) or ("label", colour) for a bare digit key (keypad too), else None."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != Qt.KeyboardModifier.NoModifier:
        return None
    key = Qt.Key(event.key())
    if key in RATING_KEYS:
        return "rating", RATING_KEYS[key]
    if key in LABEL_KEYS:
        return "label", LABEL_KEYS[key]
    return None


def label_colour(label: str | None) -> QColor | None:
    if not label:
        return None
    return LABEL_COLOURS.get(label, OTHER_LABEL)


def describe(field: str, value: int | str) -> str:
    if field == "rating":
        stars = int(value)
        if not stars:
            return "no rating"
        return f"{rating_text(stars)} ({stars} star{'s' if stars > 1 else ''})"
    return f"{value} label" if value else "no label"


class Marker(QObject):
    """Applies a rating or label to the photos the window says are selected."""

    marked = Signal(list)  # ids whose tiles changed
    said = Signal(str)  # a line for the status bar

    def __init__(
        self,
        edits: EditService,
        writer: TaskRunner,
        current_labels: Callable[[list[int]], list[str | None]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.edits = edits
        self.writer = writer
        self.current_labels = current_labels  # labels of the selection as the tiles show them

    def apply(self, ids: list[int], field: str, value: int | str) -> None:
        if not ids:
            self.said.emit("Select photos first: the keys 0–9 rate and label the selection")
            return
        if field == "label":
            labels = self.current_labels(ids)
            if value in LABELS and labels and all(label == value for label in labels):
                value = ""  # the same label again takes it off
            request = EditRequest(label=str(value))
        else:
            request = EditRequest(rating=int(value))
        what = describe(field, value)
        noun = "photo" if len(ids) == 1 else "photos"

        def done(result: EditResult) -> None:
            self.said.emit(f"{what.capitalize()} on {len(ids)} {noun} (Ctrl+Z undoes)")
            self.marked.emit(list(result.photo_ids))

        def failed(exc: BaseException) -> None:
            self.said.emit(f"Not saved: {exc}")

        self.writer.submit(lambda: self.edits.edit(ids, request), done, failed)


def add_mark_menus(menu: QMenu, apply: Callable[[str, int | str], None]) -> None:
    """Edit → Rating / Label: the same marks as the keys (the key shown, not bound: the
    grid and the loupe take bare digits, text fields keep them)."""
    ratings = menu.addMenu("Rating")
    for stars in range(5, -1, -1):
        text = f"{rating_text(stars)}\t{stars}" if stars else "No rating\t0"
        ratings.addAction(text).triggered.connect(lambda _c=False, n=stars: apply("rating", n))
    labels = menu.addMenu("Label")
    keys = {colour: key - Qt.Key.Key_0 for key, colour in LABEL_KEYS.items()}
    for colour in LABELS:
        text = colour.capitalize() + (f"\t{keys[colour]}" if colour in keys else "")
        act = labels.addAction(text)
        act.triggered.connect(lambda _c=False, c=colour: apply("label", c))
    labels.addAction("No label").triggered.connect(lambda _c=False: apply("label", ""))
