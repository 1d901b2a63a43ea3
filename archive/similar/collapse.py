"""One cell per picture: a query's results with the other versions of each picture folded
under the first one the query's order shows.

A *same picture* group is a connected set of near-copy links (``photo_similar``, made at
import): the Getty and the WireImage transmission of one frame, its resized re-send, the
pool picture through three wires. The group is taken whole (links are symmetric and
transitive here) so a group always folds into one cell, whichever of its versions the
query finds first. Only linked photos are in the group table; the rest are alone.

The table is rebuilt from the links when they change (a cheap count-and-sums signature
tells): one pass over the links, a union–find. The links are few next to the photos
(only near copies), so this stays in memory and in milliseconds even at a million photos.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import PhotoSimilar

if TYPE_CHECKING:  # the usage report and the check need the groups, not the search stack
    from archive.search import SearchResult, SearchService


@dataclass(frozen=True)
class VersionGroups:
    """photo id → the smallest id of its group, and each group's size (linked photos only)."""

    root: dict[int, int]
    size: dict[int, int]

    def versions(self, photo_id: int) -> int:
        """How many versions the picture of *photo_id* has in the archive, itself included."""
        return self.size.get(self.root.get(photo_id, photo_id), 1)


def build_groups(pairs: Iterable[tuple[int, int]]) -> VersionGroups:
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps the trees flat
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    root = {i: find(i) for i in parent}
    size: dict[int, int] = {}
    for r in root.values():
        size[r] = size.get(r, 0) + 1
    return VersionGroups(root, size)


Signature = tuple[int, int, int]


def links_signature(session: Session) -> Signature:
    """Changes whenever a link is made or removed (a photo deleted takes its links along)."""
    count, ids, distances = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(PhotoSimilar.photo_id), 0),
            func.coalesce(func.sum(PhotoSimilar.distance), 0),
        )
    ).one()
    return int(count), int(ids), int(distances)


def version_groups(
    sessions: sessionmaker[Session], known: tuple[Signature, VersionGroups] | None = None
) -> tuple[Signature, VersionGroups]:
    """The archive's same-picture groups with their links' signature; *known* (an earlier
    answer) is returned as it is while the links have not changed."""
    with sessions() as s:
        signature = links_signature(s)
        if known is not None and known[0] == signature:
            return known
        return signature, groups_in(s)


def groups_in(session: Session) -> VersionGroups:
    """The same-picture groups as *session* sees the links (inside its transaction)."""
    # Both directions are stored; one is enough to join the groups.
    rows = session.execute(
        select(PhotoSimilar.photo_id, PhotoSimilar.other_id).where(
            PhotoSimilar.photo_id < PhotoSimilar.other_id
        )
    )
    return build_groups((int(a), int(b)) for a, b in rows)


def collapse(ids: Iterable[int], groups: VersionGroups) -> list[int]:
    """*ids* in their order with every later version of an already shown picture left out."""
    seen: set[int] = set()
    kept = []
    root = groups.root
    for i in ids:
        r = root.get(i)
        if r is None:
            kept.append(i)
        elif r not in seen:
            seen.add(r)
            kept.append(i)
    return kept


class CollapsedSearch:
    """SearchService's answers with one id per picture (same signatures, same contract:
    ``first_page`` may say "more than", ``count`` is then the exact figure)."""

    MIN_PREFIX = 200  # matches read at least, for a first page (tests set it lower)

    def __init__(self, search: SearchService, sessions: sessionmaker[Session]) -> None:
        self.search = search
        self.sessions = sessions
        # Kept per instance (one archive), never in a global keyed by id(): a new
        # archive's objects can reuse a closed one's id (the session-hook bug of an
        # earlier stop: SQLAlchemy's event registry is keyed so).
        self._known: tuple[Signature, VersionGroups] | None = None

    def groups(self) -> VersionGroups:
        self._known = version_groups(self.sessions, self._known)
        return self._known[1]

    def ids(self, query: str) -> tuple[int, ...]:
        return self.search_page(query, None, 0).ids

    def count(self, query: str) -> int:
        groups = self.groups()
        if not groups.root:
            return self.search.count(query)
        return len(self.ids(query))

    def search_page(self, query: str, limit: int | None, offset: int) -> SearchResult:
        """One exact page and the exact total (the CLI's answer)."""
        from archive.search import SearchResult

        every = self.search.search(query, limit=None)
        groups = self.groups()
        kept = collapse(every.ids, groups) if groups.root else list(every.ids)
        end = None if limit is None else offset + limit
        return SearchResult(len(kept), tuple(kept[offset:end]), None, every.sort)

    def first_page(self, query: str, limit: int = 50, offset: int = 0) -> SearchResult:
        """The page at once: a picture's first version is decided by the matches before
        it, so a prefix of the result that holds offset + limit pictures gives the page
        exactly. The prefix grows until it does, or the result ends (then the total is
        exact too); otherwise the total is the pictures seen so far, "more than"."""
        from archive.search import SearchResult

        groups = self.groups()
        if not groups.root:
            return self.search.first_page(query, limit=limit, offset=offset)
        want = offset + limit
        prefix = max(want * 2, self.MIN_PREFIX)
        while True:
            head = self.search.first_page(query, limit=prefix, offset=0)
            kept = collapse(head.ids, groups)
            ended = head.exact and len(head.ids) >= head.total
            if ended or len(kept) >= want + 1:
                break
            prefix *= 4
        page = tuple(kept[offset:want])
        if ended:
            return SearchResult(len(kept), page, None, head.sort, True)
        return SearchResult(len(kept) - 1, page, None, head.sort, False)


def version_counts(groups: VersionGroups, ids: Sequence[int]) -> dict[int, int]:
    """How many versions each of *ids* has, itself included, for those that have others
    (the grid's "3 versions")."""
    return {i: n for i in ids if (n := groups.versions(i)) > 1}
