"""What a caption template would write, before it writes it (issue 18 items 1 and 2).

    previews = preview_template(sessions, ids, template, place={"venue": "The Lantern"})

Each preview has the current caption, the new one (or the variables with no value — a
template never writes a caption with a hole), a word diff, and a note when the new
dateline disagrees with the caption it replaces ("London, England" → "London, United
Kingdom"). ``place`` fills the event's venue, city and country for the preview; the
window saves them on the event when the editor applies the template, so every caption of
the event then agrees.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from archive.captions import UnresolvedVariableError, render
from archive.db.models import Photo, PhotoPerson
from archive.services.context import caption_context

PLACE_FIELDS = ("venue", "city", "country")
MAX_PREVIEWS = 200


@dataclass(frozen=True)
class CaptionPreview:
    photo_id: int
    event: str | None
    old: str | None
    new: str | None  # None: a variable has no value (missing)
    missing: tuple[str, ...] = ()
    note: str | None = None
    city: str | None = None  # the city the template would write (event's, else the photo's)

    @property
    def changes(self) -> bool:
        return self.new is not None and self.new != (self.old or "")


def pretty_name(name: str) -> str:
    """'getty-event-no-venue' → 'Getty event, no venue' (menu text; the name stays the key)."""
    words = name.replace("_", "-").split("-")
    if "no" in words[1:]:
        at = words.index("no", 1)
        head, tail = words[:at], words[at:]
        text = " ".join(head) + ", " + " ".join(tail)
    else:
        text = " ".join(words)
    return text[:1].upper() + text[1:]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs: op is "=", "-" (only in old) or "+" (only in new), by words."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out


def dateline_note(old: str | None, city: str | None, country: str | None) -> str | None:
    """When the current caption places the picture in `city, X` and the template writes
    `city, country` with another X, say so (and what the caption said)."""
    if not old or not city or not country:
        return None
    found = re.search(rf"\b{re.escape(city)},\s+([A-Z][\w'’ -]*?)(?=[.,;:)]|\s+-|$)", old)
    if found is None or found.group(1).strip() == country:
        return None
    said = found.group(1).strip()
    return (
        f"The current caption says '{city}, {said}'; this template writes '{city}, {country}'. "
        f"Type {said} as the event's country to keep the captions consistent."
    )


def said_country(old: str | None, city: str | None) -> str | None:
    if not old or not city:
        return None
    found = re.search(rf"\b{re.escape(city)},\s+([A-Z][\w'’ -]*?)(?=[.,;:)]|\s+-|$)", old)
    return found.group(1).strip() if found else None


def preview_template(
    sessions: sessionmaker[Session],
    ids: Sequence[int],
    template: str,
    place: Mapping[str, str] | None = None,
) -> list[CaptionPreview]:
    """The previews of the first MAX_PREVIEWS photos, in *ids*' order."""
    fill: dict[str, Any] = {
        k: v.strip() for k, v in (place or {}).items() if k in PLACE_FIELDS and v.strip()
    }
    wanted = list(ids)[:MAX_PREVIEWS]
    with sessions() as session:
        photos = {
            p.id: p
            for p in session.scalars(
                select(Photo)
                .options(
                    selectinload(Photo.person_links).selectinload(PhotoPerson.person),
                    selectinload(Photo.event),
                    selectinload(Photo.photographer),
                    selectinload(Photo.agency),
                )
                .where(Photo.id.in_(wanted))
            )
        }
        out = []
        for pid in wanted:
            photo = photos.get(pid)
            if photo is None:
                continue
            ctx = dataclasses.replace(caption_context(photo), **fill)
            try:
                new: str | None = render(template, ctx)
                missing: tuple[str, ...] = ()
            except UnresolvedVariableError as exc:
                new, missing = None, exc.names
            note = dateline_note(photo.caption, ctx.city, ctx.country) if new else None
            out.append(
                CaptionPreview(
                    pid,
                    photo.event.name if photo.event else None,
                    photo.caption,
                    new,
                    missing,
                    note,
                    ctx.city,
                )
            )
        return out
