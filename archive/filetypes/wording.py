"""One wording per kind of damage, whatever library noticed it.

Pillow, libjpeg, zlib, libtiff and libheif each describe the same damage in their own
words ("decoder error -2", "Expected to read 8 bytes but only got 0", "Unable to seek to
frame", "image file is truncated"…). An editor can only act on what the damage *is*: the
file was cut short (ask the sender again), its pixels are damaged, or its header is. So
every message the user sees about damage is made here, from the format and the kind.
"""

from __future__ import annotations

# Verdicts of files that are not pictures Creditdesk imports (sniff.Kind.verdict).
VIDEO = "not imported"
NOT_A_PICTURE = "not a picture, not imported"
NOT_SUPPORTED_YET = "not supported yet (import a JPEG, TIFF or HEIF of it)"
UNSUPPORTED_PICTURE = "unsupported image format: convert it to JPEG, TIFF or PNG to import it"
LONE_SIDECAR = (
    "read with its picture; no picture of the same name is beside it — "
    "import the picture it describes"
)
SIDECAR_ALONE = f"an XMP sidecar: {LONE_SIDECAR}"
NOT_AN_IMAGE = (
    "not an image Creditdesk can read (JPEG, TIFF, PNG, WebP or HEIF, recognised by content "
    "whatever the file is named)"
)

# The kinds of damage.
TRUNCATED = "truncated"
DAMAGED = "damaged"
HEADER = "header"
TEXT_TOO_LARGE = "text"
TOO_LARGE = "memory"


ODD = "odd "  # the start of every "odd file" warning: imported, but worth a look


def odd(fmt: str, what: str) -> str:
    """A file the decoders read fully although it breaks its format's rules."""
    return f"{ODD}{fmt} file: {what}, skipped as every decoder does; its picture is complete"


def damage(fmt: str, kind: str) -> str:
    """The one sentence for *kind* of damage in a *fmt* file."""
    fmt = fmt or "image"
    if kind == TRUNCATED:
        return f"truncated {fmt}: image data incomplete (the file was cut short; ask for it again)"
    if kind == HEADER:
        return f"damaged {fmt}: its header cannot be read"
    if kind == TOO_LARGE:
        return f"{fmt} picture too large to decode in the memory available"
    if kind == TEXT_TOO_LARGE:
        return f"damaged {fmt}: a text chunk is larger than any real metadata"
    return f"damaged {fmt}: its image data cannot be decoded"


# Substrings of library messages, lower-cased, → kind. First match wins.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("truncated", TRUNCATED),  # Pillow: "image file is truncated (n bytes not processed)"
    ("expected to read", TRUNCATED),  # Pillow TIFF: "Expected to read 8 bytes but only got 0"
    ("unexpected end", TRUNCATED),  # libheif: "Unexpected end of file"
    ("outside of file bounds", TRUNCATED),  # libheif: iloc extent past the end
    ("unable to seek", TRUNCATED),  # Pillow TIFF/MPO: "Unable to seek to frame"
    ("not enough data", TRUNCATED),
    ("premature end", TRUNCATED),
    ("max_text", TEXT_TOO_LARGE),  # "…too large for PngImagePlugin.MAX_TEXT_CHUNK"
    ("text chunks", TEXT_TOO_LARGE),  # "Too much memory used in text chunks"
    ("cannot identify image file", HEADER),
)


def kind_of(exc: BaseException) -> str:
    """Which kind of damage a library exception describes."""
    if isinstance(exc, MemoryError):
        return TOO_LARGE
    if isinstance(exc, EOFError | IndexError):  # readers running off the end of the data
        return TRUNCATED
    text = str(exc).lower()
    for needle, kind in _PATTERNS:
        if needle in text:
            return kind
    return DAMAGED  # "decoder error -2", "broken data stream", "Invalid input", …


def decode_failure(exc: BaseException, fmt: str) -> str:
    """The user's sentence for *exc*, raised while decoding a *fmt* picture's pixels."""
    return damage(fmt, kind_of(exc))
