"""Caption templates and code replacements: pure functions the edit service and GUI call.

>>> import datetime
>>> ctx = CaptionContext(people=("Kate Winslet",), event="BAFTAs", venue="The Hall",
...                      date=datetime.date(2023, 5, 14), city="London", country="England")
>>> render(load_templates()["getty-event"], ctx)
'Kate Winslet attends the BAFTAs at The Hall on May 14, 2023 in London, England.'
>>> CodeReplacements.from_mapping({"kw": "Kate Winslet"}).apply("=kw= and =zz=")
Replacement(text='Kate Winslet and =zz=', unknown=('zz',))
"""

from __future__ import annotations

from archive.captions.codes import CodeReplacements, Replacement
from archive.captions.errors import TemplateError, UnresolvedVariableError
from archive.captions.grammar import DEFAULT_DATE_FORMAT, format_date, join_people, plural_verb
from archive.captions.library import USER_TEMPLATES_NAME, load_templates, templates_from_text
from archive.captions.template import (
    BUILTIN_VARIABLES,
    CaptionContext,
    check,
    escape,
    render,
    variables,
)

__all__ = [
    "BUILTIN_VARIABLES",
    "DEFAULT_DATE_FORMAT",
    "USER_TEMPLATES_NAME",
    "CaptionContext",
    "CodeReplacements",
    "Replacement",
    "TemplateError",
    "UnresolvedVariableError",
    "check",
    "escape",
    "format_date",
    "join_people",
    "load_templates",
    "plural_verb",
    "render",
    "templates_from_text",
    "variables",
]
