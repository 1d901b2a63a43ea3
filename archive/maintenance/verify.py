"""`verify`: is everything the catalogue promises really there, byte for byte?

Re-hashes every original (managed copies and referenced files), checks each photo has its
thumbnail, runs the catalogue's integrity checks, and lists files no row points at and
temp files left by killed writers. ``repair`` regenerates missing thumbnails (a picture whose
pixels cannot be decoded gets the placeholder import gives it), retries placeholders, removes
orphan thumbnails (a cache), and points a photo still referring to its source file at the
copy of it found in originals/ (what an interrupted import would have done); originals are
never touched.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from archive.db.models import Photo
from archive.importer.placeholder import is_placeholder
from archive.maintenance.dbcheck import DbCheck, check_catalogue
from archive.maintenance.files import hash_many, is_temp, sha256_file, temp_owner_alive, walk
from archive.maintenance.safety import ReadOnlyArchiveError

if TYPE_CHECKING:
    from archive.handle import Archive

# Problems that make verify fail; "in_progress" temp files of a running import do not.
KINDS = (
    "missing",  # a photo's original is not where its row says
    "changed",  # the original's bytes no longer hash to the photo's sha256
    "orphan",  # a file in originals/ that no row points at
    "temp_file",  # a .part file whose writer is gone
    "missing_thumbnail",
    "orphan_thumbnail",
    "database",  # a failed catalogue check
)


@dataclass(frozen=True)
class Problem:
    kind: str
    path: str
    photo_id: int | None = None
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "photo_id": self.photo_id,
            "detail": self.detail,
        }


@dataclass
class VerifyReport:
    engine: str
    photos: int = 0
    originals_checked: int = 0
    referenced_checked: int = 0
    thumbnails_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    repaired: list[Problem] = field(default_factory=list)
    in_progress: list[str] = field(default_factory=list)
    checks: list[DbCheck] = field(default_factory=list)
    # Photos whose thumbnail is the placeholder (pixels that cannot be decoded): not a
    # problem, the import said so; `--repair` tries them again.
    placeholders: list[int] = field(default_factory=list)
    repairable: int = 0  # missing thumbnails whose original is there to rebuild them from

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str) -> int:
        return sum(1 for p in self.problems if p.kind == kind)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "engine": self.engine,
            "photos": self.photos,
            "originals_checked": self.originals_checked,
            "referenced_checked": self.referenced_checked,
            "thumbnails_checked": self.thumbnails_checked,
            "counts": {k: self.count(k) for k in KINDS},
            "problems": [p.as_json() for p in self.problems],
            "repaired": [p.as_json() for p in self.repaired],
            "in_progress": self.in_progress,
            "placeholder_thumbnails": self.placeholders,
            "repairable_thumbnails": self.repairable,
            "database": [c.as_json() for c in self.checks],
        }


@dataclass(frozen=True)
class _Row:
    id: int
    sha256: str
    stored_path: str
    managed: bool


def verify(archive: Archive, repair: bool = False) -> VerifyReport:
    if repair and archive.read_only:
        raise ReadOnlyArchiveError("this archive is read-only: verify --repair cannot write to it")
    report = VerifyReport(engine=archive.engine.dialect.name)
    with archive.engine.connect() as conn:
        report.checks = check_catalogue(conn)
        rows = [
            _Row(r.id, r.sha256, r.stored_path, bool(r.managed))
            for r in conn.execute(
                select(Photo.id, Photo.sha256, Photo.stored_path, Photo.managed).order_by(Photo.id)
            )
        ]
    report.photos = len(rows)
    for check in report.checks:
        if not check.ok:
            report.problems.append(Problem("database", check.name, None, check.detail))
    unusable = _check_originals(archive, rows, report, repair)
    _check_thumbnails(archive, rows, report, repair, unusable)
    return report


def _check_originals(
    archive: Archive, rows: list[_Row], report: VerifyReport, repair: bool
) -> set[int]:
    """Check every original; returns the ids of photos whose original is missing or changed."""
    paths = {row.id: archive.resolve_stored(row.stored_path) for row in rows}
    hashes = hash_many(paths.values())
    for row in rows:
        path = paths[row.id]
        got = hashes[path]
        if row.managed:
            report.originals_checked += 1
        else:
            report.referenced_checked += 1
        if isinstance(got, FileNotFoundError):
            report.problems.append(Problem("missing", str(path), row.id, "file not found"))
        elif isinstance(got, OSError):
            report.problems.append(Problem("missing", str(path), row.id, f"unreadable: {got}"))
        elif got != row.sha256:
            detail = f"sha256 {got[:16]}… expected {row.sha256[:16]}…"
            report.problems.append(Problem("changed", str(path), row.id, detail))
    unusable = {
        p.photo_id
        for p in report.problems
        if p.kind in ("missing", "changed") and p.photo_id is not None
    }
    by_sha = {r.sha256: r for r in rows if not r.managed and r.id not in unusable}
    pointed = {archive.resolve_stored(r.stored_path).resolve() for r in rows if r.managed}
    for path in walk(archive.originals_dir):
        rel = str(path.relative_to(archive.folder))
        if is_temp(path):
            if temp_owner_alive(path):
                report.in_progress.append(rel)
            else:
                report.problems.append(Problem("temp_file", rel, None, "left by a killed writer"))
        elif path.resolve() not in pointed:
            report.problems.append(_orphan(archive, path, rel, by_sha.get(path.stem), repair))
    if repair:
        mended = [p for p in report.problems if p.kind == "orphan" and p.photo_id is not None]
        with archive.engine.begin() as conn:
            for p in mended:
                assert p.photo_id is not None
                _adopt(conn, p.photo_id, p.path)
        report.problems = [p for p in report.problems if p not in mended]
        report.repaired.extend(mended)
    return unusable


def _orphan(archive: Archive, path: Path, rel: str, row: _Row | None, repair: bool) -> Problem:
    """A file no row points at; when it is the copy of a photo still pointing at its source
    (an import interrupted between copy and row), say so — `--repair` adopts it."""
    if row is None:
        return Problem("orphan", rel, None, "no photo points at this file")
    if not repair:
        return Problem(
            "orphan", rel, None,
            f"the archive copy of photo {row.id}, which still points at {row.stored_path}: "
            "verify --repair points the photo at this copy",
        )  # fmt: skip
    try:
        same = sha256_file(path) == row.sha256
    except OSError:
        same = False
    if not same:
        return Problem("orphan", rel, None, "no photo points at this file")
    return Problem("orphan", rel, row.id, "the photo now points at this archive copy")


def _adopt(conn: Any, photo_id: int, rel: str) -> None:
    # A plain UPDATE like the importer's: where the file lives is not an editorial change.
    table: Any = Photo.__table__
    conn.execute(update(table).where(table.c.id == photo_id).values(stored_path=rel, managed=True))


def _check_thumbnails(
    archive: Archive, rows: list[_Row], report: VerifyReport, repair: bool, unusable: set[int]
) -> None:
    expected = {archive.thumbnail_path(r.sha256): r for r in rows}
    for thumb, row in expected.items():
        report.thumbnails_checked += 1
        original = archive.resolve_stored(row.stored_path)
        rel = str(thumb.relative_to(archive.folder))
        if thumb.exists():
            if is_placeholder(thumb):
                retry = repair and row.id not in unusable  # a decoder may read it now
                if retry and _make_thumbnail(original, row.sha256, thumb) is None:
                    report.repaired.append(Problem("placeholder_thumbnail", rel, row.id, "rebuilt"))
                    continue
                report.placeholders.append(row.id)
            continue
        if row.id in unusable:  # no promise: there is nothing to rebuild it from
            detail = "cannot rebuild: the original is missing or changed (see above)"
            report.problems.append(Problem("missing_thumbnail", rel, row.id, detail))
            continue
        report.repairable += 1
        problem = Problem("missing_thumbnail", rel, row.id)
        if repair:
            why = _make_thumbnail(original, row.sha256, thumb)
            if why is None or thumb.exists():  # rebuilt, or the placeholder in its place
                report.repaired.append(Problem(problem.kind, rel, row.id, why or ""))
                continue
            problem = Problem(problem.kind, problem.path, row.id, why)
        report.problems.append(problem)
    for path in walk(archive.thumbnails_dir):
        rel = str(path.relative_to(archive.folder))
        if is_temp(path) and temp_owner_alive(path):
            report.in_progress.append(rel)
            continue
        if path in expected:
            continue
        problem = Problem("orphan_thumbnail", rel, None, "no photo has this thumbnail")
        if repair:
            with contextlib.suppress(OSError):
                path.unlink()
                report.repaired.append(problem)
                continue
        report.problems.append(problem)


def _make_thumbnail(original: Path, sha256: str, dest: Path) -> str | None:
    """Rebuild one thumbnail from its original (checked first); why not, or None."""
    import hashlib

    from archive.importer.stages import make_thumbnail

    try:
        data = original.read_bytes()
    except OSError as exc:
        return f"cannot rebuild: the original cannot be read ({exc.strerror or exc})"
    if hashlib.sha256(data).hexdigest() != sha256:
        return "cannot rebuild: the original has changed"
    problem, _ = make_thumbnail(data, str(dest))  # registers every opener import uses
    return problem
