"""Render resources/icons/creditdesk.svg into the sizes each platform needs:
PNGs for Linux (hicolor theme sizes) and the window, .ico for Windows, .icns for macOS.

    .venv/bin/python bundle/make_icons.py

The outputs are committed, so a build needs no SVG renderer; rerun after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "creditdesk.svg")).render(painter)
    painter.end()
    out = ICONS / f"creditdesk-{size}.png"
    image.save(str(out))
    return out


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    pngs = {size: render(size) for size in SIZES}
    big = Image.open(pngs[512])
    big.save(ICONS / "creditdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "creditdesk.icns")
    print(f"icons: {len(pngs)} PNGs, creditdesk.ico, creditdesk.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
