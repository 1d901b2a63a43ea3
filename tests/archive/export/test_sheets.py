"""Contact sheets (HTML, PDF) and the bundle's text files (CSV, credits, manifest)."""

from __future__ import annotations

import base64
import csv
import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

import pytest

import archive.export.fonts as fonts
from archive.export.manifest import CSV_COLUMNS, captions_csv, credits_txt, manifest_json
from archive.export.sheets import FontFallbackWarning, SheetItem, html_sheet, pdf_sheet
from archive.metadata.writer import make_derivative
from tests.factories import jpeg_bytes

THUMB = make_derivative(jpeg_bytes((400, 300), seed=5), 200)


def item(n: int = 1, **kw: object) -> SheetItem:
    values: dict[str, object] = {
        "file_name": f"20230514_BAFTA_{n:03d}.jpg",
        "caption": "Mia Threapleton — café, Łódź <b>&</b>",
        "credit": "Mike Marsland/WireImage/Getty Images",
        "presentation_credit": "Mike Marsland/WireImage via Getty Images",
        "people": ("Zoë Ball", "Mia Threapleton"),
        "event": "BAFTA <TV> Awards",
        "thumbnail_jpeg": THUMB,
        "warnings": (),
    }
    values.update(kw)
    return SheetItem(**values)  # type: ignore[arg-type]


def test_html_is_escaped_and_self_contained() -> None:
    page = html_sheet(
        "Bundle <1> — Łódź", [item(1), item(2, thumbnail_jpeg=None, warnings=("x<y",))]
    )
    assert "<title>Bundle &lt;1&gt; — Łódź</title>" in page
    assert "Mia Threapleton — café, Łódź &lt;b&gt;&amp;&lt;/b&gt;" in page
    assert "<b>" not in page
    assert "BAFTA &lt;TV&gt; Awards" in page
    assert "Mike Marsland/WireImage via Getty Images" in page
    assert "Credit line: Mike Marsland/WireImage/Getty Images" in page
    assert "x&lt;y" in page and "no preview" in page
    uri = "data:image/jpeg;base64," + base64.b64encode(THUMB).decode()
    assert page.count(uri) == 1
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "2 photos" in page


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (poppler-utils): PDF text not checked")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_pdf_with_unicode_font(tmp_path: Path) -> None:
    if fonts.find_unicode_font() is None:
        pytest.skip("no Unicode TrueType font on this machine (fonts-dejavu-core)")
    items = [item(n, thumbnail_jpeg=None if n == 3 else THUMB) for n in range(1, 12)]
    pdf = pdf_sheet("Bundle Łódź", items, created=datetime(2023, 5, 14, tzinfo=UTC))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in ("Bundle Łódź", "Zoë Ball", "café, Łódź", "20230514_BAFTA_011.jpg", "2/2"):
        assert expected in text
    again = pdf_sheet("Bundle Łódź", items, created=datetime(2023, 5, 14, tzinfo=UTC))
    assert again == pdf  # reproducible with a fixed creation date


def test_pdf_falls_back_to_a_core_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "_CANDIDATES", ())
    monkeypatch.setattr(fonts, "_matplotlib_dejavu", lambda: None)
    with pytest.warns(FontFallbackWarning, match="fonts-dejavu-core"):
        pdf = pdf_sheet("Łódź", [item(1, thumbnail_jpeg=b"not a jpeg")])
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "Lódz" in text and "Łódź" not in text and "Zoë Ball" in text and "transliterated" in text


def test_pdf_with_no_items() -> None:
    assert pdf_sheet("Empty", []).startswith(b"%PDF")


def test_explicit_font_must_exist() -> None:
    with pytest.raises(FileNotFoundError):
        pdf_sheet("x", [], font_path="/nonexistent/font.ttf")


# --- manifest writers ------------------------------------------------------------------------
def test_captions_csv_opens_in_excel_and_python() -> None:
    text = captions_csv(
        [
            {
                "file": "a.jpg",
                "photo_id": 7,
                "caption": 'Zoë "quoted", Łódź\nline 2',
                "credit_line": "Getty Images",
                "presentation_credit": "Getty Images",
                "people": ("Kate Winslet", "Mia Threapleton"),
                "event": None,
                "ignored": "x",
            },
            {"file": "b.jpg", "caption": '=HYPERLINK("http://x")', "credit_line": "-2 °C"},
            {"file": "c.jpg", "caption": "-cmd", "credit_line": "+1", "event": "@home"},
        ]
    )
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == [
        "a.jpg",
        "7",
        'Zoë "quoted", Łódź\nline 2',
        "Getty Images",
        "Getty Images",
        "Kate Winslet; Mia Threapleton",
        "",
    ]
    assert rows[2][2] == '\'=HYPERLINK("http://x")' and rows[2][3] == "-2 °C"
    assert (rows[3][2], rows[3][3], rows[3][6]) == ("'-cmd", "'+1", "'@home")


def test_credits_txt_distinct_in_first_seen_order() -> None:
    credits = ["Getty Images", "Zoë Ball/PA", " Getty Images ", "", "AFP", "Zoë Ball/PA"]
    assert credits_txt(credits) == "Getty Images\nZoë Ball/PA\nAFP\n"
    assert credits_txt([]) == ""


def test_manifest_json_is_stable_and_utf8() -> None:
    bundle = {
        "version": 1,
        "created": datetime(2023, 5, 14, 18, 0, tzinfo=UTC),
        "files": [{"name": "Łódź.jpg", "taken": date(2023, 5, 14), "path": PurePosixPath("a/b")}],
        "tags": {"b", "a"},
    }
    text = manifest_json(bundle)
    assert text == manifest_json(dict(reversed(list(bundle.items()))))
    assert "Łódź.jpg" in text and text.endswith("\n")
    data = json.loads(text)
    assert list(data) == ["created", "files", "tags", "version"]
    assert data["created"] == "2023-05-14T18:00:00+00:00"
    assert data["files"][0] == {"name": "Łódź.jpg", "path": "a/b", "taken": "2023-05-14"}
    assert data["tags"] == ["a", "b"]
    with pytest.raises(TypeError):
        manifest_json({"blob": b"x"})
