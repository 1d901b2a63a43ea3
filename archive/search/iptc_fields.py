"""Search keys for the IPTC fields a wire desk fills in: ``caption:``, ``headline:``,
``title:``, ``alt:``, ``description:``, ``source:``, ``copyright:``, ``usage:``,
``instructions:``, ``creator:``, ``jobtitle:``, ``jobid:``, ``sublocation:``, ``state:``.

Each matches the field itself, case-insensitively, as a substring of what is written
(``caption:"red carpet"``): a comparison on the photo row (the full-text index keeps no
per-field columns for these), so accents count as typed and, on a very large catalogue,
such a key is best combined with an indexed one (``event:bafta caption:"red carpet"``).

``source:ai`` and ``source:capture`` are not the IPTC Source field: they are provenance
classes (Digital Source Type), answered by the handler registered in ``SOURCE_CLASSES``.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_

from archive.db.read_tables import photo
from archive.search.fields import Context, FieldHandler, Predicate, register_field
from archive.search.nodes import Field

# Values of source: that name a provenance class, not an IPTC Source (issue 19 registers
# their handler here; until then they explain what they wait for).
SOURCE_CLASSES: dict[str, FieldHandler] = {}
RESERVED_SOURCES = ("ai", "capture")

# key → (column, aliases)
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "caption": ("caption", ()),
    "headline": ("headline", ()),
    "title": ("title", ()),
    "alt": ("alt_text", ("alttext",)),
    "description": ("extended_description", ("extdescription",)),
    "source": ("source", ()),
    "copyright": ("copyright", ("rights",)),
    "usage": ("usage_terms", ("terms",)),
    "instructions": ("special_instructions", ()),
    "creator": ("creator", ()),
    "jobtitle": ("creator_job_title", ()),
    "jobid": ("job_id", ()),
    "sublocation": ("sublocation", ("venue",)),
    "state": ("state", ("province",)),
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _column_handler(column: str) -> FieldHandler:
    col = photo.c[column]

    def handler(node: Field, _ctx: Context) -> Predicate:
        value = " ".join(node.value.replace("*", " ").split())
        if not value:
            raise node.error(f'{node.name}: needs text, e.g. {node.name}:"red carpet"')
        # "is not null" first: a NULL must be false, not unknown, so -alt:x finds photos
        # without alt text too.
        cond: ColumnElement[bool] = and_(
            col.is_not(None), col.ilike(f"%{_escape(value)}%", escape="\\")
        )
        return cond

    return handler


def _source(inner: FieldHandler) -> FieldHandler:
    def handler(node: Field, ctx: Context) -> Predicate:
        value = node.value.strip().lower()
        if value in SOURCE_CLASSES:
            return SOURCE_CLASSES[value](node, ctx)
        if value in RESERVED_SOURCES:
            raise node.error(
                f"source:{value} is a provenance class (Digital Source Type), which this "
                "archive does not record yet"
            )
        return inner(node, ctx)

    return handler


for _key, (_column, _aliases) in KEYS.items():
    _h = _column_handler(_column)
    register_field(_key, _source(_h) if _key == "source" else _h, aliases=_aliases)

__all__ = ["KEYS", "RESERVED_SOURCES", "SOURCE_CLASSES"]
