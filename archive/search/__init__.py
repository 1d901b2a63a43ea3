"""Search: query text → tokenizer → parser → AST → SQL visitor → ids + total (paged).

Full text lives in ``photo_fts`` (SQLite FTS5 / PostgreSQL tsvector) over pre-folded
words, kept in step with edits by session hooks (sync.py). The query language is
documented in README.md ("Search").
"""

from archive.search import (  # noqa: F401  (register their keys)
    iptc_fields,
    mark_fields,
    provenance_fields,
    rights_fields,
)
from archive.search.errors import QueryError
from archive.search.fields import Context, FieldHandler, register_field
from archive.search.service import (
    FacetCount,
    Facets,
    SearchResult,
    SearchService,
    parse_query,
    reindex,
)

__all__ = [
    "Context",
    "FacetCount",
    "Facets",
    "FieldHandler",
    "QueryError",
    "SearchResult",
    "SearchService",
    "parse_query",
    "register_field",
    "reindex",
]
