"""The tile's provenance marks (issue #19 §2), top left of the thumbnail: "AI" for a
generated or composite picture, "CR✗" for Content Credentials that are not valid. The
check badge keeps the top right; these say why a picture needs a second look."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

MARKS = {
    "generated": ("AI", QColor("#6a1b9a")),
    "broken": ("CR✗", QColor("#b71c1c")),
}
# For tooltips and accessible names.
MARK_NAMES = {
    "generated": "generated or composite picture",
    "broken": "Content Credentials not valid",
}
HEIGHT = 14


def paint_provenance(painter: QPainter, area: QRect, marks: tuple[str, ...]) -> None:
    left = area.left() + 3
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(HEIGHT - 4)
    painter.setFont(font)
    for mark in marks:
        label, colour = MARKS.get(mark, (None, None))
        if label is None or colour is None:
            continue
        width = painter.fontMetrics().horizontalAdvance(label) + 8
        box = QRect(left, area.top() + 3, width, HEIGHT)
        painter.setPen(QPen(QColor("white"), 1))
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 3, 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        left += width + 3


def marks_text(marks: tuple[str, ...]) -> str:
    return ", ".join(MARK_NAMES[m] for m in marks if m in MARK_NAMES)
