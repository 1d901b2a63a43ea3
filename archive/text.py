"""Text folding shared by matching (people, events, photographers) and search."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_SPACES = re.compile(r"\s+")


# Names, events, places and credit lines repeat across a batch and every search document;
# transliterating each again was a tenth of the import writer's time.
@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key: 'Łódź  Café' → 'lodz cafe'."""
    return _SPACES.sub(" ", anyascii(text)).strip().casefold()


def clean(text: str | None) -> str | None:
    """Strip padding; empty means absent."""
    if text is None:
        return None
    text = text.strip().strip("\x00").strip()
    return text or None


def possessive(name: str) -> str:
    """'Getty Images' → "Getty Images'", 'WireImage' → "WireImage's": the possessive that
    reads right in English (a name ending in s takes the apostrophe alone)."""
    name = name.strip()
    return f"{name}'" if name.lower().endswith("s") else f"{name}'s"


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 photo', '2 photos', '1 warning', '0 errors' (with thousands separators)."""
    word = noun if count == 1 else (plural_form or noun + "s")
    return f"{count:,} {word}"
