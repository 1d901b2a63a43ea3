"""Caption rules: a caption exists, is long enough to say who/what/where/when, and carries no
template variable or code replacement that was never filled in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archive.captions import TemplateError, variables
from archive.captions.codes import MAX_CODE
from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, listing, rule
from archive.text import clean

# A code as typed in text (archive.captions.codes): the lookahead finds "=a=b=" as two codes.
_CODE = re.compile(rf"=(?=([A-Za-z0-9_#-]{{1,{MAX_CODE}}})=)")
# A leftover "{name}" / "{name:arg}", for text the template grammar cannot parse as a whole.
_VARIABLE = re.compile(r"(?<!\{)\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^{}]*)?\}(?!\})")


@rule("caption-missing", severity="error", title="Caption missing")
def caption_missing(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    if clean(photo.caption) is None:
        yield Issue(
            "the picture has no caption",
            "Write a caption saying who is in the picture, what is happening, where and when.",
        )


@rule("caption-short", severity="warning", title="Caption too short")
def caption_short(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    caption = clean(photo.caption)
    if caption is None:
        return  # caption-missing
    length = len(" ".join(caption.split()))
    if length < profile.caption_min_length:
        yield Issue(
            f"the caption is only {length} characters; {profile.name} asks for at least "
            f"{profile.caption_min_length}",
            "Complete the caption: who, what, where and when.",
        )


def leftover_variables(text: str) -> list[str]:
    """Template variables left in ``text``, as written ("{event}")."""
    if "{" not in text:
        return []
    try:
        names = variables(text)
    except TemplateError:  # stray braces elsewhere: fall back to looking for fields one by one
        names = list(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(text)))
    return [f"{{{name}}}" for name in names]


def leftover_codes(text: str) -> list[str]:
    """Code replacements left in ``text`` as typed ("=kw=")."""
    return list(dict.fromkeys(f"={m.group(1)}=" for m in _CODE.finditer(text)))


@rule("caption-unresolved", severity="error", title="Unfilled variable or code in the caption")
def caption_unresolved(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    for name, text in (
        ("caption", photo.caption),
        ("headline", photo.headline),
        ("title", photo.title),
    ):
        if not text:
            continue
        found = leftover_variables(text) + leftover_codes(text)
        if found:
            yield Issue(
                f"the {name} still contains {listing(found)}, which was never filled in",
                f"Replace {listing(found)} in the {name} with the real text "
                "(re-apply the template or the code replacements).",
            )
