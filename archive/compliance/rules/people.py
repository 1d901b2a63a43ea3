"""People rules: every tagged person is named in the caption, and every known person the
caption names is tagged (search and people pages rely on the tags)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.text import clean, fold


def names_of(photo: PhotoFacts, person: str) -> tuple[str, ...]:
    return (person, *photo.person_aliases.get(person, ()))


def mentions(folded_text: str, names: Iterable[str]) -> bool:
    """Any of ``names`` occurs in the (folded) text as whole words: "Ann" is not in "Anna"."""
    for name in names:
        key = fold(name)
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded_text):
            return True
    return False


@rule("person-not-in-caption", severity="warning", title="Tagged person not named in caption")
def person_not_in_caption(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    caption = clean(photo.caption)
    if not profile.people_must_be_named or caption is None:
        return  # no caption at all is caption-missing's finding
    text = fold(caption)
    for person in photo.people:
        if not mentions(text, names_of(photo, person)):
            yield Issue(
                f"{person} is tagged but not named in the caption",
                f"Name {person} in the caption, or remove the tag if they are not in the picture.",
            )


@rule("person-not-tagged", severity="warning", title="Person named in caption but not tagged")
def person_not_tagged(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    tagged = {fold(name) for person in photo.people for name in names_of(photo, person)}
    for person in photo.people_named_in_caption:
        if fold(person) not in tagged:
            yield Issue(
                f"the caption names {person}, who is not tagged on the picture",
                f"Tag {person} on the picture (or correct the caption if it is someone else).",
            )
