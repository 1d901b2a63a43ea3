"""Contact sheets for a bundle: a self-contained HTML page and an A4 PDF (fpdf2).

Both take plain ``SheetItem`` records; thumbnails are JPEG bytes the caller
made (e.g. ``make_derivative(data, 400)``) and are embedded as they are (HTML
``data:`` URIs, PDF DCT streams), never re-encoded here.
"""

from __future__ import annotations

import base64
import html
import io
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from archive.export.fonts import INSTALL_HINT, find_unicode_font, latin1_text


@dataclass(frozen=True)
class SheetItem:
    file_name: str
    caption: str | None
    credit: str
    presentation_credit: str
    people: tuple[str, ...]
    event: str | None
    thumbnail_jpeg: bytes | None
    warnings: tuple[str, ...]
    photo_id: int | None = None
    restrictions: tuple[str, ...] = ()  # the agency's words: "UK OUT", "EDITORIAL USE ONLY"
    usage_terms: str | None = None  # as the exported file carries them
    overrides: tuple[str, ...] = ()  # "rule: reason" of each override it passed by
    taken_at: str | None = None  # ISO, as the catalogue has it


def _taken(item: SheetItem) -> str:
    return item.taken_at[:16].replace("T", " ") if item.taken_at else ""


def _heading(item: SheetItem) -> str:
    """'Photo 12 · 2023-05-14 17:42': the id a desk quotes back, and when it was taken."""
    bits = [f"Photo {item.photo_id}" if item.photo_id is not None else "", _taken(item)]
    return " · ".join(b for b in bits if b)


def _rights(item: SheetItem) -> list[tuple[str, str]]:
    """(label, text) of the rights lines, most binding first."""
    out = []
    if item.restrictions:
        out.append(("Restrictions", "; ".join(item.restrictions)))
    if item.usage_terms:
        out.append(("Usage terms", item.usage_terms))
    for override in item.overrides:
        out.append(("Override", override))
    return out


class FontFallbackWarning(UserWarning):
    """The PDF was made with a core font: characters outside Latin-1 were transliterated."""


_CSS = """
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 1.5em; color: #111; }
h1 { font-size: 1.3em; margin: 0 0 .2em; }
.count { color: #555; margin: 0 0 1em; font-size: .9em; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: 1em; }
figure { margin: 0; border: 1px solid #ccc; padding: .5em; break-inside: avoid;
         page-break-inside: avoid; font-size: .8em; }
.thumb { height: 11em; display: flex; align-items: center; justify-content: center;
         background: #f3f3f3; }
.thumb img { max-width: 100%; max-height: 100%; }
.thumb .none { color: #888; }
.file { font-weight: bold; word-break: break-all; margin: .4em 0 .2em; }
.credit { font-weight: bold; }
.meta { color: #444; }
.caption { margin: .3em 0 0; }
.warn { color: #a00; margin: .3em 0 0; padding-left: 1.2em; }
.id { color: #333; }
.rights { margin: .3em 0 0; }
.rights dt { font-weight: bold; color: #a00; display: inline; }
.rights dd { display: inline; margin: 0; }
.rights dd::after { content: ""; display: block; }
@media print { body { margin: 0; } .grid { grid-template-columns: repeat(3, 1fr); } }
@page { size: A4; margin: 12mm; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_item(item: SheetItem) -> str:
    if item.thumbnail_jpeg:
        uri = "data:image/jpeg;base64," + base64.b64encode(item.thumbnail_jpeg).decode("ascii")
        thumb = f'<img src="{uri}" alt="{_e(item.file_name)}">'
    else:
        thumb = '<span class="none">no preview</span>'
    lines = [
        "<figure>",
        f'<div class="thumb">{thumb}</div>',
        f'<figcaption><div class="file">{_e(item.file_name)}</div>',
    ]
    if heading := _heading(item):
        lines.append(f'<div class="id">{_e(heading)}</div>')
    lines.append(f'<div class="credit">{_e(item.presentation_credit)}</div>')
    if item.credit and item.credit != item.presentation_credit:
        lines.append(f'<div class="meta">Credit line: {_e(item.credit)}</div>')
    if item.people:
        lines.append(f'<div class="meta">{_e(", ".join(item.people))}</div>')
    if item.event:
        lines.append(f'<div class="meta">{_e(item.event)}</div>')
    if rights := _rights(item):
        rows = "".join(f"<dt>{_e(k)}:</dt> <dd>{_e(v)}</dd>" for k, v in rights)
        lines.append(f'<dl class="rights">{rows}</dl>')
    if item.caption:
        lines.append(f'<p class="caption">{_e(item.caption)}</p>')
    if item.warnings:
        warns = "".join(f"<li>{_e(w)}</li>" for w in item.warnings)
        lines.append(f'<ul class="warn">{warns}</ul>')
    lines.append("</figcaption></figure>")
    return "\n".join(lines)


def html_sheet(title: str, items: Sequence[SheetItem], subtitle: str = "") -> str:
    """One self-contained HTML page (no external files); prints as a 3-column A4 grid."""
    n = len(items)
    count = f"{n} photo{'' if n == 1 else 's'}"
    body = "\n".join(_html_item(item) for item in items)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style></head>\n"
        f"<body><h1>{_e(title)}</h1>\n"
        f'<p class="count">{_e(subtitle or count)}</p>\n'
        f'<main class="grid">\n{body}\n</main></body></html>\n'
    )


# --- PDF -------------------------------------------------------------------------------------
_COLS, _ROWS = 3, 3
_MARGIN, _GAP = 12.0, 5.0
_HEADER = 12.0
_THUMB_H = 42.0
_LINE = 3.6


class _Sheet:
    def __init__(
        self, title: str, font_path: str | os.PathLike[str] | None, subtitle: str = ""
    ) -> None:
        # fpdf2 costs a third of a second to import: only a bundle with a PDF sheet pays it.
        from fpdf import FPDF

        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.pdf.set_creator("Creditdesk")
        self.pdf.set_title(title)
        self.title = title
        self.subtitle = subtitle
        font = find_unicode_font(font_path)
        self.text: Callable[[str], str]
        if font is None:
            warnings.warn(
                "no Unicode TrueType font found: the contact sheet uses a core PDF font and "
                f"transliterates names outside Latin-1 (Łódź → Lódz); {INSTALL_HINT}",
                FontFallbackWarning,
                stacklevel=3,
            )
            self.family, self.bold = "helvetica", "B"
            self.text = latin1_text
            self.note = "Names outside Latin-1 are transliterated (no Unicode font installed)."
        else:
            self.family = "sheet"
            self.pdf.add_font(self.family, "", str(font.regular))
            self.bold = ""
            if font.bold is not None:
                self.pdf.add_font(self.family, "B", str(font.bold))
                self.bold = "B"
            self.text = str
            self.note = ""
        self._widths: dict[tuple[str, str, float], dict[str, float]] = {}
        self.cell_w = (self.pdf.epw - _GAP * (_COLS - 1)) / _COLS
        self.cell_h = (self.pdf.eph - _HEADER - _GAP * (_ROWS - 1)) / _ROWS

    def page(self, number: int, pages: int) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_xy(_MARGIN, _MARGIN)
        pdf.set_font(self.family, self.bold, 12)
        pdf.cell(pdf.epw * 0.75, 6, self.text(self.title))
        pdf.set_font(self.family, "", 8)
        pdf.cell(pdf.epw * 0.25, 6, f"{number}/{pages}", align="R")
        if self.subtitle:
            pdf.set_xy(_MARGIN, _MARGIN + 5.5)
            pdf.cell(pdf.epw * 0.6, 4, self.text(self.subtitle))
        if self.note:
            pdf.set_xy(_MARGIN + pdf.epw * 0.6, _MARGIN + 5.5)
            pdf.set_text_color(160, 0, 0)
            pdf.cell(pdf.epw * 0.4, 4, self.note, align="R")
            pdf.set_text_color(0, 0, 0)

    def item(self, item: SheetItem, x: float, y: float) -> None:
        pdf, w = self.pdf, self.cell_w
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(x, y, w, self.cell_h)
        self._thumbnail(item.thumbnail_jpeg, x + 2, y + 2, w - 4, _THUMB_H)
        pdf.set_xy(x + 2, y + _THUMB_H + 4)
        # The whole name, broken anywhere (names have no spaces): a tile must match its file.
        self._lines(item.file_name, w - 4, 3, bold=True, by_char=True)
        if heading := _heading(item):
            self._lines(heading, w - 4, 1)
        self._lines(item.presentation_credit, w - 4, 2, bold=True)
        if item.credit and item.credit != item.presentation_credit:
            self._lines(f"Credit line: {item.credit}", w - 4, 2)
        meta = [", ".join(item.people)] if item.people else []
        if item.event:
            meta.append(item.event)
        if meta:
            self._lines(" · ".join(meta), w - 4, 2)
        pdf.set_text_color(160, 0, 0)
        for label, text in _rights(item):
            self._lines(f"{label}: {text}", w - 4, 2)
        if item.warnings:
            self._lines("Warning: " + "; ".join(item.warnings), w - 4, 2)
        pdf.set_text_color(0, 0, 0)
        room = int((y + self.cell_h - 1 - pdf.get_y()) // _LINE)
        if item.caption and room > 0:
            self._lines(item.caption, w - 4, room)

    def _lines(
        self,
        text: str,
        width: float,
        max_lines: int,
        bold: bool = False,
        by_char: bool = False,
    ) -> None:
        pdf = self.pdf
        x = pdf.get_x()
        pdf.set_font(self.family, self.bold if bold else "", 7)
        lines = self._wrap(self.text(text), width, max_lines, by_char)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip() + self.text(" …")]
        # Placed with text() where cell() puts it (after the cell margin, on a baseline half
        # the line plus 0.3 of the font size down): cell() lays each line out as styled
        # fragments, which took most of a sheet's time.
        y, baseline = pdf.get_y(), 0.5 * _LINE + 0.3 * pdf.font_size
        for line in lines:
            if line:
                pdf.text(x + pdf.c_margin, y + baseline, line)
            y += _LINE
        pdf.set_xy(x, y)

    def _wrap(self, text: str, width: float, max_lines: int, by_char: bool = False) -> list[str]:
        """Greedy word wrap as multi_cell does it (at spaces; a word wider than the cell
        broken by characters), measuring each distinct word once per font: fpdf2's own
        line breaker sums glyph widths character by character and took ~80 % of a
        100-photo PDF sheet. Stops at max_lines + 1 lines (enough to know it overflows).
        *by_char*: break anywhere, as multi_cell's WrapMode.CHAR (file names, whole)."""
        pdf = self.pdf
        cache = self._widths.setdefault((pdf.font_family, pdf.font_style, pdf.font_size_pt), {})

        def w(s: str) -> float:
            found = cache.get(s)
            if found is None:
                found = cache[s] = pdf.get_string_width(s)
            return found

        avail = width - 2 * pdf.c_margin
        if by_char:
            return self._wrap_chars(text, avail, max_lines, w)
        space = w(" ")
        lines: list[str] = []
        for para in text.split("\n"):
            current, current_w = "", 0.0
            for word in para.split():
                ww = w(word)
                if current and current_w + space + ww <= avail:
                    current, current_w = f"{current} {word}", current_w + space + ww
                    continue
                if current:
                    lines.append(current)
                while ww > avail and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and w(word[:cut]) > avail:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                    ww = w(word)
                current, current_w = word, ww
            lines.append(current)
            if len(lines) > max_lines:
                break
        return lines

    @staticmethod
    def _wrap_chars(
        text: str, avail: float, max_lines: int, w: Callable[[str], float]
    ) -> list[str]:
        lines: list[str] = []
        current = ""
        for ch in text:
            if current and w(current + ch) > avail:
                lines.append(current)
                current = ""
                if len(lines) > max_lines:
                    return lines
            current += ch
        lines.append(current)
        return lines

    def _thumbnail(self, jpeg: bytes | None, x: float, y: float, w: float, h: float) -> None:
        from PIL import Image

        pdf = self.pdf
        if jpeg:
            try:
                with Image.open(io.BytesIO(jpeg)) as im:  # headers only: the size
                    iw, ih = im.size
                scale = min(w / iw, h / ih)
                dw, dh = iw * scale, ih * scale
                pdf.image(io.BytesIO(jpeg), x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)
                return
            except Exception:  # a broken thumbnail must not sink the whole sheet
                pass
        pdf.set_fill_color(240, 240, 240)
        pdf.rect(x, y, w, h, style="F")
        pdf.set_xy(x, y + h / 2 - 2)
        pdf.set_font(self.family, "", 7)
        pdf.set_text_color(120, 120, 120)
        pdf.cell(w, 4, "no preview", align="C")
        pdf.set_text_color(0, 0, 0)


class PdfSheet:
    """An A4 contact sheet laid out one photo at a time, as the files of a bundle are written.

    Building it (fpdf2, the font's tables) is most of the cost of a small sheet, and needs
    neither the title nor the photos: an export starts it first (archive/export/helpers.py),
    then calls ``begin``, ``add`` per photo, ``finish``. One sheet per instance.
    """

    def __init__(self, font_path: str | os.PathLike[str] | None = None) -> None:
        self._sheet = _Sheet("", font_path)
        self._count = self._placed = 0

    def begin(
        self, title: str, count: int, subtitle: str = "", created: datetime | None = None
    ) -> None:
        sheet = self._sheet
        sheet.title, sheet.subtitle, self._count = title, subtitle, count
        sheet.pdf.set_title(title)
        sheet.pdf.set_creation_date(created or datetime.now(UTC))
        if count == 0:
            sheet.page(1, 1)

    def add(self, item: SheetItem) -> None:
        sheet, per_page, i = self._sheet, _COLS * _ROWS, self._placed
        if i % per_page == 0:
            sheet.page(i // per_page + 1, max(1, -(-self._count // per_page)))
        col, row = (i % per_page) % _COLS, (i % per_page) // _COLS
        x = _MARGIN + col * (sheet.cell_w + _GAP)
        y = _MARGIN + _HEADER + row * (sheet.cell_h + _GAP)
        sheet.item(item, x, y)
        self._placed += 1

    def finish(self) -> bytes:
        if self._placed != self._count:
            raise ValueError(f"sheet begun for {self._count} photos, given {self._placed}")
        return bytes(self._sheet.pdf.output())


def pdf_sheet(
    title: str,
    items: Sequence[SheetItem],
    *,
    font_path: str | os.PathLike[str] | None = None,
    created: datetime | None = None,
    subtitle: str = "",
) -> bytes:
    """An A4 contact sheet, 3×3 photos per page, as PDF bytes.

    Uses a Unicode TrueType font (``archive.export.fonts``); without one it
    falls back to Helvetica, transliterates, says so on every page and emits a
    ``FontFallbackWarning``. ``created`` fixes the PDF creation date (the
    output is then byte-for-byte reproducible).
    """
    sheet = PdfSheet(font_path)
    sheet.begin(title, len(items), subtitle, created)
    for item in items:
        sheet.add(item)
    return sheet.finish()
