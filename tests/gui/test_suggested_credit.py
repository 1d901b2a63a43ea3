"""Issue 12 in the inspector: the agency's line is shown as embedded, the engine's suggestion
beside it, and "Use suggested credit" applies it (one photo, then a whole selection), undoably."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.photos import PhotoService
from gui.main_window import MainWindow
from tests.factories import Agency, write_photo

from .conftest import WindowFactory, select_rows

# Issue 12's table: (Credit, By-line, Source) → the line to publish.
ROWS = [
    (("Mike Harlan/Getty", "Mike Harlan", "WireImage"), "Mike Harlan/WireImage/Getty Images"),
    (("AFP/Getty Images", "Ilyas Akengin", None), "Ilyas Akengin/AFP via Getty Images"),
    (("Ella Ling/BPI/REX", None, None), "Ella Ling/BPI/Shutterstock"),
    (("Lehtikuva/AP", None, None), "Lehtikuva via AP"),
    (("PA Wire/PA Images", "Murdo MacLeod", None), "Murdo MacLeod/PA Wire"),
    (("Jose Breton/NurPhoto/Shutterstock", None, None), None),  # already right: no suggestion
    (("Ben Blackall/Netflix/PA Wire", None, None), None),
    (("Action Images/Reuters", None, None), None),
    (("ABC/NYT/AP", None, None), None),
]
PHOTOGRAPHERS = {"AFP/Getty Images": "Ilyas Akengin", "Ella Ling/BPI/REX": "Ella Ling",
                 "Lehtikuva/AP": "", "ABC/NYT/AP": ""}  # fmt: skip


def _import(archive: Archive, tmp_path: Path) -> None:
    files = []
    for n, ((credit, byline, source), _) in enumerate(ROWS):
        meta = Agency(
            credit=credit, byline=byline, source=source, taken=f"2024:01:0{n + 1} 10:00:00"
        )
        files.append(write_photo(tmp_path / f"{n}.jpg", meta, seed=700 + n))
    session = ImportSession(archive, files, ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed


def _row_of(window: MainWindow, archive: Archive, credit: str) -> int:
    photos = PhotoService(archive.sessions)
    for row in range(window.model.rowCount()):
        ids = window.model.ids_of_rows([row])
        if ids and photos.detail(ids[0])["credit_line"] == credit:
            return row
    raise AssertionError(credit)


def _select(qtbot: QtBot, window: MainWindow, rows: list[int]) -> None:
    before = window.inspector.data
    select_rows(window, rows)
    qtbot.waitUntil(
        lambda: (
            window.inspector.data is not before
            and window.inspector.data is not None
            and len(window.inspector.data.ids) == len(rows)
        )
    )


def test_issue_table_in_the_inspector(
    qtbot: QtBot, archive: Archive, make_window: WindowFactory, tmp_path: Path
) -> None:
    _import(archive, tmp_path)
    window = make_window()
    inspector = window.inspector
    suggested = inspector.suggested
    for (credit, _, _), publish in ROWS:
        _select(qtbot, window, [_row_of(window, archive, credit)])
        assert inspector.form.credit.line.text() == credit  # kept as embedded
        if credit in PHOTOGRAPHERS:  # an organisation is never the photographer
            assert inspector.form.credit.photographer.text() == PHOTOGRAPHERS[credit]
        if publish is None:
            qtbot.wait(200)
            assert not suggested.button.isEnabled()
            continue
        qtbot.waitUntil(lambda: suggested.button.isEnabled())
        assert f"Suggested: {publish}" in suggested.label.text()

    # One photo: use the suggestion; the line changes and Ctrl+Z (undo) takes it back.
    row = _row_of(window, archive, "Mike Harlan/Getty")
    _select(qtbot, window, [row])
    qtbot.waitUntil(lambda: suggested.button.isEnabled())
    suggested.button.click()
    qtbot.waitUntil(
        lambda: inspector.form.credit.line.text() == "Mike Harlan/WireImage/Getty Images"
    )
    inspector.undo()
    qtbot.waitUntil(lambda: inspector.form.credit.line.text() == "Mike Harlan/Getty")

    # A selection: every photo with a suggestion gets its own line, in one edit.
    _select(qtbot, window, list(range(window.model.rowCount())))
    qtbot.waitUntil(lambda: suggested.button.isEnabled())
    assert "5 of 9 photos" in suggested.label.text()
    suggested.button.click()
    photos = PhotoService(archive.sessions)

    def lines() -> set[str]:
        return {photos.detail(p.id)["credit_line"] for p in photos.list_summaries(0, None).photos}

    want = {p for _, p in ROWS if p} | {c[0] for c, p in ROWS if p is None}
    qtbot.waitUntil(lambda: lines() == want, timeout=10_000)
