"""Issue 22 item 4: a contact sheet is what an editor or a client reads. Each tile names its
file in full (no common prefix cut: the sample's names all start
"20260314_Sample-Premiere_…") and its photo id; the title is the event; restrictions
(UK OUT), usage terms and override reasons are on the sheet, not only in manifest.json; and
tiles and sequence numbers run in taken-time order. The HTML is parsed, the PDF read with
pdftotext."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.compliance import ComplianceService
from archive.services.exports import ExportRequest, ExportService
from archive.services.photos import PhotoService
from tests.archive.services.test_live_check import SAMPLE
from tests.factories import desk_ready

EVENT = "Sample Premiere"
REASON = "Cleared with Shutterstock for UK use, ref 4471"


class Sheet(HTMLParser):
    """The page's title and, per <figure>, the text of each classed element inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self.figures: list[dict[str, str]] = []
        self._stack: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_h1 = True
        if tag == "figure":
            self.figures.append({"all": ""})
        cls = dict(attrs).get("class") or tag
        self._stack.append(cls)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data
        if self.figures:
            fig = self.figures[-1]
            fig["all"] += data
            if self._stack:
                fig[self._stack[-1]] = fig.get(self._stack[-1], "") + data


def export_sample(archive: Archive, tmp_path: Path) -> tuple[Path, dict[str, int]]:
    session = ImportSession(
        archive, sorted(SAMPLE.glob("*.jpg")), ImportOptions(event=EVENT, jobs=1)
    )
    list(session.run())
    ids = list(session.report.photo_ids)
    desk_ready(archive, ids)
    photos = PhotoService(archive.sessions)
    stems = {Path(photos.detail(i)["source_paths"][0]).stem: i for i in ids}
    ComplianceService(archive.sessions).override(stems["04-uk-out"], "territory", REASON)
    bundle = tmp_path / "bundle"
    # Newest first, as the grid hands them over: the export must not keep that order.
    newest_first = sorted(ids, key=lambda i: photos.detail(i)["taken_at"], reverse=True)
    result = ExportService(archive).export(
        ExportRequest(
            ids=newest_first,
            target=bundle,
            skip_blocked=True,
            name_template="{date:%Y%m%d}_{event}_{people}_{seq}.jpg",
        )
    )
    assert not result.blocked and result.skipped  # 05 (embargo) and 09 (no credit) left out
    return bundle, stems


def test_sheet_shows_names_ids_event_rights_in_taken_order(
    archive: Archive, tmp_path: Path
) -> None:
    bundle, stems = export_sample(archive, tmp_path)
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    photos = manifest["photos"]
    taken = [p["taken_at"] for p in photos]
    assert taken == sorted(taken)  # oldest first
    assert [p["file"][-7:-4] for p in photos] == [f"{n:03d}" for n in range(1, len(photos) + 1)]
    names = [p["file"] for p in photos]
    assert len({n[:25] for n in names}) == 1  # they do share a long prefix

    sheet = Sheet()
    sheet.feed((bundle / "contact-sheet.html").read_text(encoding="utf-8"))
    assert sheet.h1 == EVENT
    assert [f["file"] for f in sheet.figures] == names  # whole names, in taken order
    for fig, photo in zip(sheet.figures, photos, strict=True):
        assert fig["id"].startswith(f"Photo {photo['photo_id']} · 2026-03-14 ")
    uk = next(f for f, p in zip(sheet.figures, photos, strict=True)
              if p["photo_id"] == stems["04-uk-out"])  # fmt: skip
    assert "Restrictions: UK OUT" in uk["all"]
    assert "Usage terms: Editorial use only." in uk["all"] and "Not licensed in: GB" in uk["all"]
    assert f"Override: territory: {REASON}" in uk["all"]
    getty = sheet.figures[[p["photo_id"] for p in photos].index(stems["01-getty"])]
    assert "Restrictions: EDITORIAL USE ONLY" in getty["all"]


def test_pdf_sheet_reads_the_same(archive: Archive, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (poppler-utils): PDF text not checked")
    bundle, _ = export_sample(archive, tmp_path)
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    text = subprocess.run(
        ["pdftotext", str(bundle / "contact-sheet.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert text.lstrip().startswith(EVENT)
    flat = re.sub(r"\s+", "", text)  # a long name breaks across lines, never loses a letter
    for photo in manifest["photos"]:
        assert photo["file"] in flat
        assert f"Photo {photo['photo_id']} ·" in text
    positions = [flat.index(p["file"]) for p in manifest["photos"]]
    assert positions == sorted(positions)  # taken-time order on paper too
    assert "UK OUT" in text and "Usage terms:" in text
    assert re.sub(r"\s+", "", f"Override: territory: {REASON}") in flat
    assert "…" not in "".join(  # no name is cut short
        line for line in text.splitlines() if "Sample-Premiere" in line
    )
