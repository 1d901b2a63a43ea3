"""Choose one value per field from XMP, IIM and EXIF (IPTC / MWG read precedence).

XMP wins, unless the IPTC digest says IIM was edited after XMP was written.
Before calling a difference a disagreement we check whether the IIM bytes are
simply the XMP text in a legacy charset (Mac Roman from Photo Mechanic) or
cut at the IIM byte limit: then both say the same thing and XMP, the lossless
copy, is used without a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from archive.metadata.fields import FieldSpec
from archive.metadata.values import clean_list, clean_text, short_repr

_LEGACY = ("utf-8", "cp1252", "mac_roman", "latin-1")
_PAD = b"\x00 \t\r\n"
# A UTF-8 character is at most 4 bytes, so a writer that refuses to split one
# may stop up to 3 bytes short of the limit.
_BOUNDARY_SLACK = 3


def same_text(xmp: str, iim_text: str, iim_raw: bytes | None, limit: int | None) -> bool:
    """Whether the IIM value is the XMP value, allowing charset and IIM-limit loss."""
    if xmp == iim_text:
        return True
    if iim_raw is None:
        return False
    raw = iim_raw.strip(_PAD)
    for codec in _LEGACY:
        try:
            encoded = xmp.encode(codec)
        except UnicodeEncodeError:
            continue
        if encoded == raw:
            return True
        if (
            limit
            and len(encoded) > limit
            and limit - _BOUNDARY_SLACK <= len(raw) <= limit
            and encoded.startswith(raw)
        ):
            return True
    return False


def _same_lists(
    xmp: Sequence[str], iim: Sequence[str], raw: Sequence[bytes | None], limit: int | None
) -> bool:
    if len(xmp) != len(iim):
        return False
    unused = list(range(len(iim)))
    for x in xmp:  # order-insensitive: writers sort keywords differently
        for j in unused:
            if same_text(x, iim[j], raw[j], limit):
                unused.remove(j)
                break
        else:
            return False
    return True


def _note(name: str, xmp: object, iim: object, iim_newer: bool) -> str:
    winner = "IIM (edited after the XMP, per the IPTC digest)" if iim_newer else "XMP"
    return (
        f"{name}: XMP and IIM differ, using {winner}: "
        f"XMP {short_repr(xmp)} vs IIM {short_repr(iim)}"
    )


def merge_field(
    spec: FieldSpec,
    xmp_vals: Sequence[str],
    iim_vals: Sequence[str],
    iim_bytes: Sequence[bytes],
    exif_vals: Sequence[str],
    iim_newer: bool,
) -> tuple[str | tuple[str, ...] | None, str | None]:
    """(value, warning or None) for one field."""
    if spec.kind == "list":
        values, note = _merge_list(spec, xmp_vals, iim_vals, iim_bytes, exif_vals, iim_newer)
        if spec.name == "keywords":
            values, split_note = split_keyword_list(values)
            if split_note and note and sorted(values) == sorted(clean_list(iim_vals)):
                note = None  # IIM lists one by one what XMP put in one item: they agree
            note = "; ".join(n for n in (note, split_note) if n) or None
        return values, note
    x = clean_text(xmp_vals[0]) if xmp_vals else None
    i = clean_text(iim_vals[0]) if iim_vals else None
    if x is not None and i is not None:
        if same_text(x, i, iim_bytes[0] if iim_bytes else None, spec.iim_limit):
            return x, None
        return (i if iim_newer else x), _note(spec.name, x, i, iim_newer)
    if x is not None:
        return x, None
    if i is not None:
        return i, None
    return (clean_text(exif_vals[0]) if exif_vals else None), None


# A list needs at least two separators: "Washington, D.C." and "London, England" are
# single keywords, "ronald reagan, reagan, cvn 76" is a list.
_MIN_LIST_SEPARATORS = 2


def split_keyword_list(values: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """A lone keyword holding a comma-separated list → the keywords the agency meant.

    Some agencies (Getty/US Navy files among them) put every keyword into one
    ``dc:subject`` item, and IIM then holds the same single string. Shown as one
    keyword it is useless for search, so it is read as the list it is; the raw XMP /
    IIM values stay as embedded (``raw``), and a note says what was done.
    """
    if len(values) != 1 or values[0].count(",") < _MIN_LIST_SEPARATORS:
        return values, None
    parts = tuple(dict.fromkeys(p for p in (clean_text(v) for v in values[0].split(",")) if p))
    if len(parts) < 2:
        return values, None
    return parts, (
        f"keywords: one keyword holds a comma-separated list; read as {len(parts)} keywords "
        "(the embedded value is kept as it was)"
    )


def _merge_list(
    spec: FieldSpec,
    xmp_vals: Sequence[str],
    iim_vals: Sequence[str],
    iim_bytes: Sequence[bytes],
    exif_vals: Sequence[str],
    iim_newer: bool,
) -> tuple[tuple[str, ...], str | None]:
    xs = clean_list(xmp_vals)
    pairs = [
        (t, iim_bytes[n] if n < len(iim_bytes) else None)
        for n, t in enumerate(iim_vals)
        if clean_text(t) is not None
    ]
    iis = tuple(clean_text(t) or "" for t, _ in pairs)
    if xs and iis:
        if _same_lists(xs, iis, [b for _, b in pairs], spec.iim_limit):
            return xs, None
        return (iis if iim_newer else xs), _note(spec.name, list(xs), list(iis), iim_newer)
    if xs:
        return xs, None
    if iis:
        return iis, None
    return clean_list(exif_vals), None
