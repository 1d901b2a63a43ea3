"""Caption templates: ``{people} {verb:attends} the {event} at {venue} on {date}…``.

A template is parsed once (cached) into literal text and fields. Rendering never produces a
caption with a hole in it: every variable without a value is collected and reported together
(``UnresolvedVariableError``), so fifty photos are fixed in one pass rather than fifty.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from archive.captions.errors import TemplateError, UnresolvedVariableError
from archive.captions.grammar import (
    DEFAULT_DATE_FORMAT,
    agree,
    check_date_format,
    format_date,
    join_people,
)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

TEXT_VARIABLES = (
    "event",
    "venue",
    "city",
    "country",
    "photographer",
    "agency",
    "credit",
    "headline",
    "title",
)
BUILTIN_VARIABLES = frozenset({"people", "verb", "date", "id", *TEXT_VARIABLES})
# Only these take an argument after ':'; for the rest a ':' is almost surely a typo.
_ARG_REQUIRED = frozenset({"verb"})
_ARG_ALLOWED = frozenset({"verb", "date"})


@dataclass(frozen=True)
class CaptionContext:
    """The values one photo offers to a template. Blank strings count as no value."""

    people: tuple[str, ...] = ()
    event: str | None = None
    venue: str | None = None
    date: datetime.date | None = None
    city: str | None = None
    country: str | None = None
    photographer: str | None = None
    agency: str | None = None
    credit: str | None = None
    headline: str | None = None
    title: str | None = None
    id: int | None = None
    # More variables (the export file-name template adds {seq}); not hashed: it is a mapping.
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Callers pass lists; freeze so a context can be shared across threads and photos.
        object.__setattr__(self, "people", tuple(self.people))
        for name in self.extra:
            if not _NAME.match(name):
                raise TemplateError(f"extra variable name {name!r} is not a valid name")
            if name in BUILTIN_VARIABLES:
                # Shadowing would make {city} mean different things in different callers.
                raise TemplateError(f"extra variable {name!r} would hide the built-in {{{name}}}")
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))


@dataclass(frozen=True)
class Field:
    name: str
    arg: str | None
    position: int  # offset of the '{' in the template


Part = str | Field


def escape(text: str) -> str:
    """``text`` as a template that renders to exactly ``text`` (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


@lru_cache(maxsize=256)
def parse(template: str) -> tuple[Part, ...]:
    """Literal strings and fields; TemplateError (with position) for a syntax error.

    Checks the syntax and the arguments of known variables, not whether a name exists:
    which extra variables exist depends on the caller (see ``check``).
    """
    parts: list[Part] = []
    literal: list[str] = []
    i = 0
    n = len(template)
    while i < n:
        char = template[i]
        if char == "}":
            if template.startswith("}}", i):
                literal.append("}")
                i += 2
                continue
            raise TemplateError("unmatched '}' (write '}}' for a literal brace)", position=i)
        if char != "{":
            literal.append(char)
            i += 1
            continue
        if template.startswith("{{", i):
            literal.append("{")
            i += 2
            continue
        end = _field_end(template, i)
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(_field(template, i, end))
        i = end + 1
    if literal:
        parts.append("".join(literal))
    return tuple(parts)


def _field_end(template: str, start: int) -> int:
    for j in range(start + 1, len(template)):
        if template[j] == "}":
            return j
        if template[j] == "{":
            raise TemplateError("'{' inside a variable (unclosed '{' before it?)", position=j)
    raise TemplateError("unclosed '{' (write '{{' for a literal brace)", position=start)


def _field(template: str, start: int, end: int) -> Field:
    body = template[start + 1 : end]
    name, colon, arg = body.partition(":")
    name = name.strip()
    if not _NAME.match(name):
        shown = f"{{{body}}}"
        raise TemplateError(f"{shown} is not a variable name", position=start)
    if colon and name not in _ARG_ALLOWED:
        raise TemplateError(f"{{{name}}} takes no ':' argument", position=start)
    if name in _ARG_REQUIRED and not arg.strip():
        raise TemplateError(
            f"{{{name}}} needs the singular form after ':', e.g. {{verb:attends}}", position=start
        )
    if name == "verb":
        # "{verb: attends}" would otherwise conjugate an empty first word.
        arg = " ".join(arg.split())
    if name == "date" and colon:
        if not arg.strip():  # an empty format would render as nothing and look finished
            raise TemplateError("{date:} needs a format, e.g. {date:%B %-d, %Y}", position=start)
        check_date_format(arg, offset=start + 1 + len(body) - len(arg))
    return Field(name, arg if colon else None, start)


def variables(template: str) -> list[str]:
    """Names of the variables ``template`` uses, in order of first use, without repeats."""
    seen: dict[str, None] = {}
    for part in parse(template):
        if isinstance(part, Field):
            seen.setdefault(part.name, None)
    return list(seen)


def check(template: str, extra_names: Iterable[str] = ()) -> None:
    """TemplateError for a syntax error or a variable name that is neither built in nor extra."""
    known = BUILTIN_VARIABLES | set(extra_names)
    for part in parse(template):
        if isinstance(part, Field) and part.name not in known:
            raise TemplateError(f"unknown variable {{{part.name}}}", position=part.position)


def render(template: str, ctx: CaptionContext) -> str:
    """The caption for one photo; raises instead of leaving a variable without a value."""
    check(template, ctx.extra)
    out: list[str] = []
    missing: dict[str, None] = {}
    for part in parse(template):
        if isinstance(part, str):
            out.append(part)
            continue
        value = _value(part, ctx)
        if value is None:
            missing.setdefault(part.name, None)
        else:
            out.append(value)
    if missing:
        raise UnresolvedVariableError(list(missing))
    return "".join(out)


def _text(value: str | None) -> str | None:
    # Whitespace-only counts as absent: it would render as a gap that looks intentional.
    return value if value is not None and value.strip() else None


def _value(part: Field, ctx: CaptionContext) -> str | None:
    people = tuple(p for p in ctx.people if p.strip())
    handlers: dict[str, Callable[[], str | None]] = {
        "people": lambda: join_people(people) if people else None,
        # With nobody named there is no number to agree with: unresolved, never a guess.
        "verb": lambda: agree(part.arg or "", len(people)) if people else None,
        "date": lambda: (
            format_date(ctx.date, part.arg if part.arg is not None else DEFAULT_DATE_FORMAT)
            if ctx.date is not None
            else None
        ),
        "id": lambda: str(ctx.id) if ctx.id is not None else None,
    }
    if part.name in handlers:
        return handlers[part.name]()
    if part.name in TEXT_VARIABLES:
        return _text(getattr(ctx, part.name))
    return _text(ctx.extra.get(part.name))
