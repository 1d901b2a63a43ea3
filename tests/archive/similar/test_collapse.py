"""One cell per picture (issue 20): a query's versions of the same picture fold under the
first one its order shows, on both engines; the page is exact at every offset and the
total counts pictures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete

from archive.cli import main
from archive.db.models import Photo, PhotoSimilar
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.search import SearchService
from archive.similar.collapse import CollapsedSearch, build_groups, collapse
from tests.factories import Agency, write_photo


def test_groups_are_whole_even_through_a_chain() -> None:
    # 3 is near 1 only through 2 (a re-crop of a resize): still one picture.
    groups = build_groups([(1, 2), (2, 3), (7, 9)])
    assert groups.root == {1: 1, 2: 1, 3: 1, 7: 7, 9: 7}
    assert [groups.versions(i) for i in (1, 2, 3, 7, 9, 4)] == [3, 3, 3, 2, 2, 1]
    assert collapse([3, 4, 2, 9, 1, 7, 5], groups) == [3, 4, 9, 5]


def _photos(archive: Archive, tmp_path: Path, n: int) -> list[int]:
    files = [
        write_photo(tmp_path / f"p{i}.jpg", Agency(credit=f"Photographer {i}/Getty Images"), i)
        for i in range(n)
    ]
    session = ImportSession(archive, files, ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed
    return session.report.photo_ids


def _link(archive: Archive, *pairs: tuple[int, int]) -> None:
    with archive.sessions.begin() as s:
        for a, b in pairs:  # both directions, as the import stores them
            s.add_all([PhotoSimilar(photo_id=a, other_id=b, distance=3)])
            s.add_all([PhotoSimilar(photo_id=b, other_id=a, distance=3)])


@pytest.fixture
def linked(archive: Archive, tmp_path: Path) -> list[int]:
    ids = _photos(archive, tmp_path, 9)
    # three versions of one picture, two of another; the rest alone
    _link(archive, (ids[1], ids[4]), (ids[4], ids[7]), (ids[2], ids[3]))
    return ids


def test_search_page_keeps_the_first_version_in_the_query_order(
    archive: Archive, linked: list[int]
) -> None:
    plain = SearchService(archive)
    every = plain.search("sort:imported", limit=None).ids
    assert list(every) == linked  # oldest import first
    versions = CollapsedSearch(plain, archive.sessions)
    shown = versions.ids("sort:imported")
    assert list(shown) == [linked[i] for i in (0, 1, 2, 5, 6, 8)]
    newest = versions.ids("sort:-imported")
    assert list(newest) == [linked[i] for i in (8, 7, 6, 5, 3, 0)]
    assert versions.count("sort:imported") == 6
    page = versions.search_page("sort:imported", limit=2, offset=2)
    assert (page.total, list(page.ids)) == (6, [linked[2], linked[5]])
    # A query that finds only a later version shows that one.
    assert versions.count(f"similar:{linked[7]}") == 1


def test_first_page_is_exact_at_every_offset_however_short_the_prefix(
    archive: Archive, linked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = CollapsedSearch(SearchService(archive), archive.sessions)
    shown = list(versions.ids("sort:imported"))
    monkeypatch.setattr(CollapsedSearch, "MIN_PREFIX", 1)
    for offset in range(len(shown) + 2):
        for limit in (1, 2, 4):
            page = versions.first_page("sort:imported", limit=limit, offset=offset)
            assert list(page.ids) == shown[offset : offset + limit], (offset, limit)
            if page.exact:
                assert page.total == len(shown)
            else:
                assert offset + len(page.ids) <= page.total < len(shown)


def test_groups_follow_the_links_as_they_change(archive: Archive, linked: list[int]) -> None:
    versions = CollapsedSearch(SearchService(archive), archive.sessions)
    assert versions.count("") == 6
    _link(archive, (linked[0], linked[8]))
    assert versions.count("") == 5
    with archive.sessions.begin() as s:  # a deleted version takes its links along
        s.execute(delete(PhotoSimilar).where(PhotoSimilar.photo_id.in_([linked[4]])))
        s.execute(delete(PhotoSimilar).where(PhotoSimilar.other_id.in_([linked[4]])))
        s.execute(delete(Photo).where(Photo.id == linked[4]))
    # 1 and 7 were one picture only through 4: now two (8 photos, 0+8 and 2+3 fold)
    assert versions.count("") == 6
    assert versions.groups().versions(linked[1]) == 1


def test_cli_search_collapse_versions(
    archive: Archive, linked: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--archive", str(archive.folder), "--db", archive.db_url, "search"]
    capsys.readouterr()
    assert main([*base, "sort:imported", "--collapse-versions", "--json", "--facets"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 6
    assert out["ids"] == [linked[i] for i in (0, 1, 2, 5, 6, 8)]
    assert [p["versions"] for p in out["photos"]] == [1, 3, 2, 1, 1, 1]
    assert sum(v["count"] for v in out["facets"]["agencies"]) == 9  # facets count photos
    assert main([*base, "sort:imported", "--collapse-versions", "--limit", "2"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("6 photos, showing 1–2") and "(3 versions)" in text
    assert main([*base, "sort:imported", "--json"]) == 0  # without the flag: every version
    plain = json.loads(capsys.readouterr().out)
    assert plain["total"] == 9 and "versions" not in plain["photos"][0]
