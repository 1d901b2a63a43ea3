"""The single writer's bulk path: one batch with a repeat, licences, tags and the index."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.db.licensing import Licence, LicenceTag
from archive.db.models import AuditEvent, Photo, SourcePath
from archive.handle import Archive
from archive.importer import stages
from archive.importer.persist import Persister
from archive.importer.pipeline import MAX_GROUP, read_groups
from archive.importer.stages import Catalogued, Failure, catalogue_file
from archive.search.service import SearchService
from archive.services.photos import PhotoService
from tests.factories import winslet_getty, winslet_wireimage, write_photo


def _read(path: Path) -> Catalogued:
    found = catalogue_file(str(path))
    assert isinstance(found, Catalogued), found
    return found


def test_one_batch_with_a_repeat_licences_and_search(archive: Archive, tmp_path: Path) -> None:
    getty = write_photo(tmp_path / "getty.jpg", winslet_getty(), seed=1)
    copy = tmp_path / "again" / "getty-copy.jpg"
    copy.parent.mkdir()
    copy.write_bytes(getty.read_bytes())
    uk_out = replace(winslet_wireimage(), instructions="EDITORIAL USE ONLY. UK OUT")
    wire = write_photo(tmp_path / "wire.jpg", uk_out, seed=2)

    out = Persister(archive.sessions, None, "batch-1").persist(
        [_read(getty), _read(copy), _read(wire)]
    )

    assert [(Path(p.path).name, p.duplicate) for p in out] == [
        ("getty.jpg", False),
        ("getty-copy.jpg", True),
        ("wire.jpg", False),
    ]
    assert out[0].photo_id == out[1].photo_id != out[2].photo_id
    with archive.sessions() as s:
        assert len(s.scalars(select(Photo.id)).all()) == 2
        paths = s.scalars(select(SourcePath.path).where(SourcePath.photo_id == out[0].photo_id))
        assert sorted(Path(p).name for p in paths) == ["getty-copy.jpg", "getty.jpg"]
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["import", "import-duplicate", "import"]
        lic_id = s.scalar(select(Photo.licence_id).where(Photo.id == out[2].photo_id))
        assert s.get(Licence, lic_id).excluded_territories == ["GB"]  # type: ignore[union-attr]
        tags = set(s.scalars(select(LicenceTag.tag).where(LicenceTag.licence_id == lic_id)))
        assert {"uk-out", "editorial-only"} <= tags

    detail = PhotoService(archive.sessions).detail(out[0].photo_id)
    assert detail["people"] == ["Kate Winslet", "Mia Threapleton"]
    assert detail["keywords"] == ["Arts Culture and Entertainment", "Red Carpet"]
    assert detail["credit_line"] == "Joe Maher/Getty Images"
    search = SearchService(archive)
    # Rows written in bulk are in the index in the same transaction.
    assert set(search.search("threapleton").ids) == {out[0].photo_id}
    assert set(search.search("restriction:uk-out").ids) == {out[2].photo_id}
    assert set(search.search("agency:getty").ids) == {out[0].photo_id, out[2].photo_id}


def test_read_groups_first_file_alone_then_small_groups() -> None:
    paths = [f"f{i}.jpg" for i in range(1000)]
    groups = read_groups(paths, jobs=2)
    assert groups[0] == ["f0.jpg"]
    assert [p for g in groups for p in g] == paths
    assert max(len(g) for g in groups) == MAX_GROUP
    # A small import stays one file per task, so every worker gets some.
    assert all(len(g) == 1 for g in read_groups(paths[:10], jobs=2))


def test_a_reader_bug_fails_only_its_own_file_in_a_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write_photo(tmp_path / "good.jpg", winslet_getty(), seed=3)
    bad = write_photo(tmp_path / "bad.jpg", winslet_getty(), seed=4)
    real = stages.catalogue_file

    def flaky(path: str, trust_anchors: str | None = None) -> Catalogued | Failure:
        if path.endswith("bad.jpg"):
            raise KeyError("a bug")
        return real(path, trust_anchors)

    monkeypatch.setattr(stages, "catalogue_file", flaky)
    first, second = stages.catalogue_files([str(bad), str(good)])
    assert isinstance(first, Failure) and "KeyError" in first.error
    assert isinstance(second, Catalogued) and second.path == str(good)
