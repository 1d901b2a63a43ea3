"""Words as the index sees them: folded text split into ASCII letters-and-digits runs.

The same split is applied to documents and to queries, on both engines: after
``fold`` (anyascii + casefold) all text is ASCII, where SQLite FTS5's unicode61
tokenizer splits exactly at non-alphanumerics, so this regex reproduces its tokens and
PostgreSQL gets identical lexemes and positions.
"""

from __future__ import annotations

import re

from archive.text import fold

_WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str | None) -> list[str]:
    if not text:
        return []
    return _WORD.findall(fold(text))
