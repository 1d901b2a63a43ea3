"""Star ratings and colour labels: the desk's culling marks, as XMP carries them.

``xmp:Rating`` is a number: 1–5 stars, 0 unrated, -1 rejected (XMP Specification Part 1,
the xmp basic namespace; Lightroom and Photo Mechanic write whole numbers, some tools
write reals such as "3.0"). ``xmp:Label`` is free text: Lightroom writes the colour's
name ("Red", "Yellow", "Green", "Blue", "Purple"), Bridge may write other words
("Select", "Second"). The catalogue keeps a known colour as its lower-case name and any
other word as the sender wrote it (evidence), and writes the colour back as Lightroom
spells it.
"""

from __future__ import annotations

from archive.errors import UsageError

MIN_RATING, MAX_RATING, REJECTED = 1, 5, -1
# Lightroom's colour labels in its order (keys 6–9 give the first four; purple has none).
LABELS = ("red", "yellow", "green", "blue", "purple")
STARS = "★"


def rating_from_xmp(text: str | None) -> int | None:
    """An embedded xmp:Rating as the catalogue keeps it: 1..5 or -1; unrated → None.

    Raises ValueError for what no reader could take for a rating ("great", "7")."""
    if text is None or not text.strip():
        return None
    value = float(text.strip())
    if value != value or not -1 <= value <= MAX_RATING:  # NaN, or out of the scale
        raise ValueError(f"xmp:Rating {text.strip()!r} is not -1..5")
    number = round(value)
    return None if number == 0 else number


def parse_rating(text: str | int) -> int | None:
    """A rating as the desk types it (CLI, keys): 0 clears → None; 1..5 stars; -1 rejected."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise UsageError(f"a rating is 0 to 5 stars (0 clears, -1 rejects), not {text!r}") from None
    if value != REJECTED and not 0 <= value <= MAX_RATING:
        raise UsageError(f"a rating is 0 to 5 stars (0 clears, -1 rejects), not {value}")
    return None if value == 0 else value


def normalise_label(text: str | None) -> str | None:
    """A label as the catalogue keeps it: a known colour in lower case, another word as
    written (whitespace tidied); blank → None."""
    if text is None:
        return None
    tidy = " ".join(text.split())
    if not tidy:
        return None
    return tidy.lower() if tidy.lower() in LABELS else tidy[:64]


def xmp_label(label: str | None) -> str | None:
    """The catalogue's label as xmp:Label: a colour the way Lightroom writes it ("Red")."""
    if not label:
        return None
    return label.capitalize() if label in LABELS else label


def rating_text(rating: int | None) -> str:
    """For tiles and lists: ★★★, "rejected", or "" for unrated."""
    if rating is None:
        return ""
    if rating == REJECTED:
        return "rejected"
    return STARS * rating


def marks_text(rating: int | None, label: str | None) -> str:
    """Stars and label for tooltips, the inspector and screen readers: "★★★ · red label"."""
    parts = [rating_text(rating), f"{label} label" if label else ""]
    return " · ".join(p for p in parts if p)
