"""Accessibility rules: a picture published on the web needs alt text (IPTC 2021
Photo Metadata Standard, "Alt Text (Accessibility)", Iptc4xmpCore:AltTextAccessibility;
WCAG 2.x success criterion 1.1.1 "Non-text Content").

Only destinations that publish on the web ask for it: a print-only or archive profile
never sees the finding, so the rule's default severity is the web profiles' (warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.text import clean

# IPTC's guidance: alt text is a short description, "no more than 250 characters".
ALT_TEXT_MAX = 250
_WEB_USES = frozenset({"web", "social"})


@rule("alt-text-missing", severity="warning", title="Alt text missing (web)")
def alt_text_missing(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    if not _WEB_USES.intersection(profile.uses):
        return
    alt = clean(photo.text_fields.get("alt_text"))
    if alt is None:
        yield Issue(
            f"the picture has no alt text; {profile.name} publishes on the web, where "
            "screen readers read it out instead of the picture",
            "Write a short alt text (Inspector: Alt text, or `creditdesk edit ID --alt-text "
            "…`) saying what the picture shows, in no more than 250 characters.",
        )
    elif len(alt) > ALT_TEXT_MAX:
        yield Issue(
            f"the alt text is {len(alt)} characters; IPTC advises at most {ALT_TEXT_MAX}",
            "Shorten the alt text and move the detail into the extended description.",
        )
