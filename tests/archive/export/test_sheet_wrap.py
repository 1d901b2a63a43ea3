"""The contact sheet's own word wrap (issue 16: fpdf2's line breaker was most of a PDF sheet's
time) breaks lines where fpdf2's multi_cell does, in the Unicode font and the core fallback."""

from __future__ import annotations

import contextlib

import pytest

import archive.export.fonts as fonts
from archive.export.sheets import _LINE, _Sheet

TEXTS = [
    "Kate Winslet and Mia Threapleton attend the 2023 BAFTA Television Awards with P&O Cruises "
    "at The Royal Festival Hall on May 14, 2023 in London, England.",
    "Mike Marsland/WireImage via Getty Images",
    "Zoë Ball, Łukasz Żal, Mia Threapleton · BAFTA <TV> Awards, Łódź café — ",
    "Warning: [alt-text-missing] the picture has no alt text; editorial-web-GB publishes on web",
    "20230514_BAFTA_TV_Awards_Kate_Winslet_Mia_Threapleton_id000123.jpg",
    "two\nparagraphs of text, the second one long enough to wrap across the narrow cell width",
    "",
]


@pytest.mark.parametrize("unicode_font", [True, False])
def test_wrap_breaks_where_multi_cell_does(
    unicode_font: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not unicode_font:
        monkeypatch.setattr(fonts, "find_unicode_font", lambda *_a: None)
        monkeypatch.setattr("archive.export.sheets.find_unicode_font", lambda *_a: None)
    with pytest.warns(UserWarning) if not unicode_font else contextlib.nullcontext():
        sheet = _Sheet("t", None)
    sheet.pdf.add_page()
    for style in ("", sheet.bold):
        sheet.pdf.set_font(sheet.family, style, 7)
        for raw in TEXTS:
            text = sheet.text(raw)
            for width in (sheet.cell_w - 4, 25.0):
                expected = sheet.pdf.multi_cell(width, _LINE, text, dry_run=True, output="LINES")
                ours = sheet._wrap(text, width, 99)
                # multi_cell keeps a trailing space on a line; it is invisible either way.
                assert ours == [line.rstrip() for line in expected], (raw, width)
