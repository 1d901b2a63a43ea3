"""What the grid shows, read from the archive: plain Python, runs on a worker thread.

The first page is one ``first_page()`` call (ids in the query's order, and the total when
it is cheap: exact up to 20,000 matches, else "more than"; ``count()`` is the second,
cheap call for the exact figure, made right after off the GUI thread), the summaries of
those ids and their last compliance status (`PhotoService.statuses`: one query per page
of 200). Then the model reads every id of the query once (`ids`, ids only) and later
pages are the summaries of a slice of that list (`page_of`): no search per page, and the
rows stay exactly the ids the model holds even while an import adds photos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from archive.records import PhotoSummary
from archive.search import SearchResult, SearchService
from archive.services.photos import PhotoService
from archive.similar.collapse import CollapsedSearch, version_counts

UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Tile:
    """One photo as a tile: what it is called, its credit and its check status."""

    id: int
    sha256: str
    title: str
    credit: str
    status: str
    summary: PhotoSummary
    original: Path | None = None  # whose embedded preview shows until the thumbnail exists


@dataclass(frozen=True)
class GridPage:
    query: str
    offset: int
    total: int
    tiles: tuple[Tile, ...]
    elapsed_ms: float = 0.0
    exact: bool = True  # False: total is a lower bound, count() gives the exact figure


def tile_title(summary: PhotoSummary) -> str:
    """People first (that is what a desk looks for), else the title, headline or caption."""
    if summary.people:
        return ", ".join(summary.people)
    for text in (summary.title, summary.headline, summary.caption):
        if text and text.strip():
            return " ".join(text.split())
    return f"Photo {summary.id}"


class GridSource:
    def __init__(
        self,
        search: SearchService,
        photos: PhotoService,
        thumbnails: Path,
        resolve: Callable[[str], Path] | None = None,
    ) -> None:
        self.search = search
        self.photos = photos
        self.thumbnails = thumbnails
        self.resolve = resolve  # stored path → file (Archive.resolve_stored)
        self.versions = CollapsedSearch(search, photos.sessions)
        # View ▸ Collapse versions: one cell per picture, its other versions folded under
        # the first the query's order shows (the tile says "· 3 versions").
        self.collapse_versions = False

    def _first(self, query: str, limit: int, offset: int) -> SearchResult:
        if self.collapse_versions:
            return self.versions.first_page(query, limit=limit, offset=offset)
        return self.search.first_page(query, limit=limit, offset=offset)

    def thumbnail_path(self, sha256: str) -> Path:
        return self.thumbnails / sha256[:2] / f"{sha256}.jpg"

    def page(self, query: str, offset: int, limit: int) -> GridPage:
        """One page of *query*; raises QueryError for a query the archive refuses. The
        total is exact unless the page says otherwise (a huge result: see count())."""
        result = self._first(query, limit, offset)
        tiles = self.tiles(list(result.ids))
        return GridPage(query, offset, result.total, tuple(tiles), exact=result.exact)

    def count(self, query: str) -> int:
        """The exact number of photos *query* matches (after an inexact first page); of
        pictures, when versions are collapsed."""
        if self.collapse_versions:
            return self.versions.count(query)
        return self.search.count(query)

    def page_of(self, query: str, offset: int, ids: list[int], total: int) -> GridPage:
        """The page at *offset* whose ids the model already holds (no search)."""
        return GridPage(query, offset, total, tuple(self.tiles(ids)))

    def tiles(self, ids: list[int]) -> list[Tile]:
        if not ids:
            return []
        summaries = {s.id: s for s in self.photos.summaries(ids)}
        statuses = self.statuses(ids)
        versions = version_counts(self.versions.groups(), ids)  # "3 versions" (issue 20)
        tiles = [
            self._tile(summaries[i], statuses.get(i, UNCHECKED)) if i in summaries else _gone(i)
            for i in ids
        ]
        return [
            replace(t, title=f"{t.title} · {versions[t.id]} versions") if t.id in versions else t
            for t in tiles
        ]

    def _tile(self, summary: PhotoSummary, status: str) -> Tile:
        original = None
        if self.resolve is not None and summary.stored_path:
            original = self.resolve(summary.stored_path)
        return Tile(
            summary.id,
            summary.sha256,
            tile_title(summary),
            summary.credit_line or "",
            status,
            summary,
            original,
        )

    def statuses(self, ids: list[int]) -> dict[int, str]:
        """The last check's badge of each checked photo (blocked, warning, overridden,
        clear); unchecked ones are absent."""
        return self.photos.badges(ids)

    def ids(self, query: str) -> tuple[int, ...]:
        """Every id *query* matches, in its order (ids only: no summaries); one per
        picture when versions are collapsed."""
        if self.collapse_versions:
            return self.versions.ids(query)
        return self.search.search(query, limit=None).ids

    def all_ids(self, query: str) -> list[int]:
        return list(self.ids(query))


def _gone(photo_id: int) -> Tile:
    # Deleted between the search and the summaries: a blank tile until the next refresh.
    empty = PhotoSummary(photo_id, "", None, None, None, (), None)
    return Tile(photo_id, "", "(removed)", "", UNCHECKED, empty)
