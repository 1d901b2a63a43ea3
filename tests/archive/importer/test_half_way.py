"""A file that fails half-way leaves nothing half-written (issue 13, item 2), both engines,
copy and reference mode.

Stage 1 (the header is cut): not catalogued — one line in `failed`, no row, no file in
originals/. Stage 2 (the header reads, the pixels fail while the thumbnail is made): the
photo is catalogued — its metadata is evidence and its original is kept as received — with
a "no thumbnail" warning and a placeholder thumbnail; in copy mode the row points at the
archive copy. Either way each file is counted once, and `verify` is clean.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from archive.db.models import Photo
from archive.handle import Archive
from archive.importer.placeholder import is_placeholder
from archive.importer.session import ImportOptions, ImportSession
from archive.maintenance.verify import verify
from archive.progress import ImportReport
from tests.archive.importer.damaged import (
    HEADER_CUT,
    PIXELS_FAIL,
    SUFFIX,
    heif,
    jpeg,
    png,
    tiff,
)

MODES = ["copy", "reference"]
PIXELS_MESSAGE = {
    "JPEG": "damaged JPEG: its image data cannot be decoded",
    "PNG": "damaged PNG: its image data cannot be decoded",
    "TIFF": "truncated TIFF: image data incomplete (the file was cut short; ask for it again)",
    "HEIF": "truncated HEIF: image data incomplete (the file was cut short; ask for it again)",
}
HEADER_MESSAGE = {
    "JPEG": "truncated JPEG: image data incomplete (the file was cut short; ask for it again)",
    "PNG": "truncated PNG: image data incomplete (the file was cut short; ask for it again)",
    "TIFF": "damaged TIFF: its header cannot be read",
    "HEIF": "damaged HEIF: its header cannot be read",
}


def _import(archive: Archive, paths: list[Path], mode: str) -> ImportReport:
    options = ImportOptions(jobs=1, reference=mode == "reference")
    session = ImportSession(archive, paths, options)
    events = list(session.run())
    report = session.report
    # Every file lands in exactly one of imported / duplicates / failed…
    assert report.imported + report.duplicates + len(report.failed) == len(paths)
    # …and the progress stream's last counters say the same.
    assert events[-1].catalogued == report.imported + report.duplicates
    assert events[-1].failed == len(report.failed)
    return report


def _rows(archive: Archive) -> list[tuple[int, str, bool, str]]:
    with archive.sessions() as s:
        rows = s.execute(select(Photo.id, Photo.stored_path, Photo.managed, Photo.sha256))
        return [(r.id, r.stored_path, bool(r.managed), r.sha256) for r in rows]


def _originals(archive: Archive) -> list[Path]:
    return sorted(p for p in archive.originals_dir.rglob("*") if p.is_file())


def _verify_clean(archive: Archive) -> None:
    report = verify(archive)
    assert report.ok, [p.as_json() for p in report.problems]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fmt", sorted(PIXELS_FAIL))
def test_pixels_that_fail_are_catalogued_with_a_placeholder(
    archive: Archive, tmp_path: Path, fmt: str, mode: str
) -> None:
    src = tmp_path / "in" / f"damaged{SUFFIX[fmt]}"
    src.parent.mkdir()
    data = PIXELS_FAIL[fmt]()
    src.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()

    report = _import(archive, [src], mode)

    assert report.imported == 1 and report.failed == [] and report.warnings == []
    assert [(Path(f.path).name, f.error) for f in report.thumbnail_failures] == [
        (src.name, f"{PIXELS_MESSAGE[fmt]}; catalogued with a placeholder thumbnail")
    ]
    [(pid, stored, managed, row_sha)] = _rows(archive)
    assert row_sha == sha and report.photo_ids == [pid]
    if mode == "copy":
        copy = archive.folder / stored
        assert managed and _originals(archive) == [copy]
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == sha
    else:
        assert not managed and stored == str(src.resolve()) and _originals(archive) == []
    assert is_placeholder(archive.thumbnail_path(sha))
    assert src.read_bytes() == data  # the original is never touched
    assert not list(archive.folder.rglob("*.part"))
    checked = verify(archive)
    assert checked.ok and checked.placeholders == [pid], [p.as_json() for p in checked.problems]

    again = _import(archive, [src], mode)  # a second import changes nothing
    assert again.duplicates == 1 and again.imported == 0 and again.failed == []
    assert _rows(archive) == [(pid, stored, managed, sha)]
    _verify_clean(archive)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fmt", sorted(HEADER_CUT))
def test_a_header_that_fails_is_not_catalogued_at_all(
    archive: Archive, tmp_path: Path, fmt: str, mode: str
) -> None:
    src = tmp_path / "in" / f"cut{SUFFIX[fmt]}"
    src.parent.mkdir()
    src.write_bytes(HEADER_CUT[fmt]())

    report = _import(archive, [src], mode)

    assert report.imported == 0 and report.thumbnail_failures == []
    assert [(f.path, f.error) for f in report.failed] == [
        (str(src.resolve()), f"{src.name}: {HEADER_MESSAGE[fmt]}")
    ]
    assert _rows(archive) == [] and _originals(archive) == []
    assert not any(archive.thumbnails_dir.rglob("*.jpg"))
    _verify_clean(archive)


def test_a_mixed_folder_counts_each_file_once(archive: Archive, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for fmt, make in PIXELS_FAIL.items():
        (src / f"pixels{SUFFIX[fmt]}").write_bytes(make())
    for fmt, make in HEADER_CUT.items():
        (src / f"header{SUFFIX[fmt]}").write_bytes(make())
    report = _import(archive, sorted(src.iterdir()), "copy")
    assert report.imported == 4 and len(report.failed) == 4
    assert len(report.thumbnail_failures) == 4
    rows = _rows(archive)
    assert len(rows) == 4 and all(managed for _, _, managed, _ in rows)
    assert {archive.folder / stored for _, stored, _, _ in rows} == set(_originals(archive))
    _verify_clean(archive)


SEEDS = {"JPEG": jpeg, "PNG": png, "TIFF": tiff, "HEIF": heif}


@st.composite
def damaged_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A picture of each format cut anywhere and/or with bytes overwritten anywhere."""
    fmt = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[fmt](draw(st.integers(0, 3))))
    for pos, byte in draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)),
                                   max_size=8)):  # fmt: skip
        data[pos] = byte
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, len(data)))]
    return fmt, bytes(data)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cases=st.lists(damaged_files(), min_size=1, max_size=5))
def test_any_damage_leaves_counters_rows_files_and_verify_agreeing(
    tmp_path_factory: pytest.TempPathFactory, cases: list[tuple[str, bytes]]
) -> None:
    tmp = tmp_path_factory.mktemp("damage")
    src = tmp / "in"
    src.mkdir()
    for i, (fmt, data) in enumerate(cases):
        (src / f"{i}{SUFFIX[fmt]}").write_bytes(data)
    with Archive.open(tmp / "arc") as arc:
        report = _import(arc, sorted(src.iterdir()), "copy")
        rows = _rows(arc)
        assert len(rows) == report.imported  # fresh archive; same bytes twice: a duplicate
        assert all(managed for _, _, managed, _ in rows)
        assert {arc.folder / stored for _, stored, _, _ in rows} == set(_originals(arc))
        for failure in report.failed + report.thumbnail_failures:
            assert failure.error and "internal error" not in failure.error
        _verify_clean(arc)


def test_a_copy_that_fails_leaves_the_photo_on_its_source_until_imported_again(
    archive: Archive, tmp_path: Path
) -> None:
    """Stage 2's copy fails (here a file stands where the copy's folder must go, as a full
    disk would fail it): the photo is catalogued once, on the user's file, with a warning;
    its thumbnail is made all the same; the next import makes the copy and moves the row."""
    from archive.importer.stages import original_relpath

    src = tmp_path / "in" / "good.jpg"
    src.parent.mkdir()
    data = jpeg(seed=9)
    src.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    blocker = archive.folder / original_relpath(sha, "JPEG")
    blocker.parent.parent.mkdir(parents=True, exist_ok=True)
    blocker.parent.write_bytes(b"not a folder")

    report = _import(archive, [src], "copy")

    assert report.imported == 1 and report.failed == [] and report.not_copied == 1
    [note] = report.warnings
    assert note.path == str(src.resolve())
    assert note.error.startswith("catalogued where it is, not copied into the archive: ")
    assert note.error.endswith(" (import it again to copy it)")
    [(pid, stored, managed, _)] = _rows(archive)
    assert (stored, managed) == (str(src.resolve()), False)
    assert archive.thumbnail_path(sha).exists()
    problems = verify(archive).problems
    assert [(p.kind, p.path) for p in problems] == [
        ("orphan", str(blocker.parent.relative_to(archive.folder)))
    ]

    blocker.parent.unlink()
    again = _import(archive, [src], "copy")
    assert again.duplicates == 1 and again.warnings == [] and again.not_copied == 0
    assert _rows(archive) == [(pid, original_relpath(sha, "JPEG"), True, sha)]
    _verify_clean(archive)
