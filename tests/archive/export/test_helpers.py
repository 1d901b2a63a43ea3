"""Export's helper processes (archive/export/helpers.py): the PDF sheet built in its own
process, photo by photo, is the sheet built in process; a helper that dies costs nothing but
time; and a CLI export through them lands the same bundle."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive.export.helpers import ExportHelpers, SheetProcess, fork_available
from archive.export.sheets import PdfSheet, SheetItem, pdf_sheet
from archive.metadata.writer import make_derivative
from tests.factories import jpeg_bytes

WHEN = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
THUMB = make_derivative(jpeg_bytes((400, 300), seed=7), 200)

needs_fork = pytest.mark.skipif(not fork_available(), reason="helpers are forked (Linux only)")


def items(n: int) -> list[SheetItem]:
    return [
        SheetItem(
            file_name=f"20230514_BAFTA_{i:03d}.jpg",
            caption="Zoë Ball at the BAFTA Television Awards in Łódź " * (i % 3 + 1),
            credit="Mike Marsland/WireImage/Getty Images",
            presentation_credit="Mike Marsland/WireImage via Getty Images",
            people=("Zoë Ball",),
            event="BAFTA TV Awards",
            thumbnail_jpeg=THUMB if i % 4 else None,
            warnings=("[alt-text-missing] no alt text",) if i % 5 == 0 else (),
            photo_id=i,
            restrictions=("UK OUT",) if i % 2 else (),
        )
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize("n", [0, 1, 9, 10, 23])
def test_a_sheet_laid_out_photo_by_photo_is_the_whole_sheet(n: int) -> None:
    whole = pdf_sheet("BAFTA", items(n), created=WHEN, subtitle=f"{n} photos")
    sheet = PdfSheet()
    sheet.begin("BAFTA", n, f"{n} photos", WHEN)
    for it in items(n):
        sheet.add(it)
    assert sheet.finish() == whole


def test_a_sheet_given_fewer_photos_than_begun_refuses_to_finish() -> None:
    sheet = PdfSheet()
    sheet.begin("BAFTA", 3, "", WHEN)
    sheet.add(items(1)[0])
    with pytest.raises(ValueError, match="3 photos"):
        sheet.finish()


@needs_fork
def test_the_sheet_process_returns_the_sheet_built_in_process() -> None:
    with ExportHelpers.start(pdf_sheet=True, files=2) as helpers:
        assert helpers.sheet is not None and helpers.writers is None  # 2 files: no pool
        helpers.sheet.begin("BAFTA", 12, "12 photos", WHEN)
        for it in items(12):
            helpers.sheet.add(it)
        helpers.sheet.finish()
        got = helpers.sheet.result()
    assert got == pdf_sheet("BAFTA", items(12), created=WHEN, subtitle="12 photos")


@needs_fork
def test_a_dead_sheet_process_gives_none_and_the_caller_builds_it() -> None:
    import multiprocessing

    sheet = SheetProcess(multiprocessing.get_context("fork"))
    try:
        sheet._proc.kill()
        sheet._proc.join()
        sheet.begin("BAFTA", 1, "", WHEN)
        sheet.add(items(1)[0])
        sheet.finish()
        assert sheet.result() is None
    finally:
        sheet.close()


@needs_fork
def test_cli_export_through_the_helpers_lands_the_whole_bundle(tmp_path: Path) -> None:
    from archive.cli import main
    from tests.factories import winslet_getty, winslet_wireimage, write_photo

    for i in range(5):
        meta = winslet_getty() if i % 2 else winslet_wireimage()
        write_photo(tmp_path / "in" / f"{i}.jpg", meta, seed=700 + i, size=(640, 480))
    arc = ["--archive", str(tmp_path / "arc")]
    assert main([*arc, "import", str(tmp_path / "in")]) == 0
    target = tmp_path / "bundle"
    assert main([*arc, "export", "1-5", "--to", str(target)]) == 0
    manifest = json.loads((target / "manifest.json").read_text())
    assert len(manifest["photos"]) == 5
    pdf = (target / "contact-sheet.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    for item in manifest["photos"]:
        assert (target / item["file"]).is_file()
