"""What the sidebar lists, gathered on a worker thread: facets and attention counts."""

from __future__ import annotations

from dataclasses import dataclass

from archive.search import SearchService

ATTENTION: tuple[tuple[str, str], ...] = (
    ("Missing credit", "no:credit"),
    ("Blocked", "status:blocked"),
    ("Expiring licences", "licence:expiring"),
    ("Unparsed restrictions", "restriction:unparsed"),
)
FACET_KINDS: tuple[tuple[str, str, str], ...] = (
    # (heading, Facets attribute, query field)
    ("Events", "events", "event"),
    ("People", "people", "person"),
    ("Photographers", "photographers", "photographer"),
    ("Agencies", "agencies", "agency"),
)


@dataclass(frozen=True)
class Entry:
    name: str
    count: int
    query: str


@dataclass(frozen=True)
class SidebarData:
    attention: tuple[Entry, ...]
    facets: dict[str, tuple[Entry, ...]]  # heading → entries


def term(field: str, value: str) -> str:
    escaped = value.replace('"', "")
    return f'{field}:"{escaped}"' if any(not c.isalnum() for c in escaped) else f"{field}:{value}"


def gather(search: SearchService, query: str) -> SidebarData:
    """Facets of *query* (what the grid shows) and the archive-wide attention counts."""
    attention = []
    for name, q in ATTENTION:
        try:
            count = search.search(q, limit=0).total
        except Exception:  # a field the archive does not have yet: leave it out
            continue
        attention.append(Entry(name, count, q))
    facets = search.facets(query)
    groups = {
        heading: tuple(Entry(f.name, f.count, term(field, f.name)) for f in getattr(facets, attr))
        for heading, attr, field in FACET_KINDS
    }
    return SidebarData(tuple(attention), groups)
