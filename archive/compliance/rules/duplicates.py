"""Duplicate rule: the same picture held twice must not go out under two different credits."""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.text import clean, fold


@rule("duplicate-credit", severity="warning", title="Same picture, different credit")
def duplicate_credit(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    ours = clean(photo.credit_line)
    by_credit: dict[str, tuple[str, list[int]]] = {}
    for other_id, other_credit in photo.duplicates:
        theirs = clean(other_credit)
        if other_id == photo.id or theirs is None:
            continue  # an uncredited copy contradicts nothing
        if ours is not None and fold(theirs) == fold(ours):
            continue
        by_credit.setdefault(fold(theirs), (theirs, []))[1].append(other_id)
    for theirs, ids in by_credit.values():
        shown = ", ".join(f"#{i}" for i in ids)
        yield Issue(
            f"the same picture is also in the archive as {shown}, credited '{theirs}'"
            + (f" (this one: '{ours}')" if ours else ""),
            "Find out which credit is right and use it on every copy.",
        )
