"""Duplicate rule: the same picture held twice must not go out under two different credits,
nor be paid for to two agencies. "The same picture" is an exact perceptual-hash twin or a
near copy (resized, recompressed, brightened, slightly cropped, framed: archive.similar)."""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.text import clean, fold


@rule("duplicate-credit", severity="warning", title="Same picture, different credit")
def duplicate_credit(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    ours = clean(photo.credit_line)
    our_agency = clean(photo.agency)
    by_credit: dict[str, tuple[str, list[int]]] = {}
    by_agency: dict[str, tuple[str, list[int]]] = {}
    # Versions of one picture mostly share their credit and agency: clean each pair once.
    cleaned: dict[tuple[str | None, str | None], tuple[str | None, str | None]] = {}
    for other_id, other_credit in photo.duplicates:
        if other_id == photo.id:
            continue
        raw = (other_credit, photo.duplicate_agencies.get(other_id))
        found = cleaned.get(raw)
        if found is None:
            found = cleaned[raw] = (clean(raw[0]), clean(raw[1]))
        theirs, agency = found
        if theirs is not None and (ours is None or fold(theirs) != fold(ours)):
            by_credit.setdefault(fold(theirs), (theirs, []))[1].append(other_id)
        elif agency and our_agency and fold(agency) != fold(our_agency):
            # Same credit text, another agency's copy: still two suppliers of one picture.
            by_agency.setdefault(fold(agency), (agency, []))[1].append(other_id)
        # An uncredited copy from no known agency contradicts nothing.
    for theirs, ids in by_credit.values():
        shown = ", ".join(f"#{i}" for i in ids)
        yield Issue(
            f"the same picture is also in the archive as {shown}, credited '{theirs}'"
            + (f" (this one: '{ours}')" if ours else ""),
            "Find out which credit is right and use it on every copy.",
        )
    for agency, ids in by_agency.values():
        shown = ", ".join(f"#{i}" for i in ids)
        yield Issue(
            f"the same picture is also in the archive as {shown}, supplied by {agency}"
            f" (this one: {our_agency})",
            "Use the copy the desk licensed, and credit and pay that agency only.",
        )
