"""Cheap completeness checks: find end markers with memchr-speed searches, decode nothing.

Decoding a 12 MP JPEG to prove it complete costs ~100 ms; these checks cost
well under a millisecond and catch the common case, a file cut short by a
failed copy or download.
"""

from __future__ import annotations

import struct

from archive.filetypes.wording import HEADER, TRUNCATED, damage

# One wording for a file cut short, whichever end marker is missing (wording.py).
_CUT_JPEG = damage("JPEG", TRUNCATED)

_SOI = b"\xff\xd8\xff"
_EOI = b"\xff\xd9"
_MAX_STREAMS = 8  # primary + MPO frames / appended previews worth checking


def _jpeg_scan_start(data: bytes, pos: int, lenient: bool = False) -> tuple[int | None, int]:
    """Offset just past the first SOS header of the stream starting at ``pos``, and how
    many stray bytes were skipped between markers on the way.

    None when the markers do not parse (not a JPEG stream after all);
    -1 when the data ends before the scan starts (cut inside the headers).
    *lenient* skips stray bytes before a marker as libjpeg (``next_marker``: a warning,
    "extraneous bytes before marker") and Pillow do — for the primary stream only, where
    the file is known to be a JPEG; a stray SOI inside a trailer must still not parse.
    """
    pos += 2
    end = len(data)
    stray = 0
    while True:
        if pos + 4 > end:
            return -1, stray
        if data[pos] != 0xFF:
            if not lenient:
                return None, stray
            nxt = data.find(b"\xff", pos)
            if nxt < 0:
                return -1, stray
            stray += nxt - pos
            pos = nxt
            continue
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker == 0xD9 or (lenient and marker == 0x00):
            if marker == 0x00:  # "FF 00" outside a scan: a stray byte pair
                stray += 2
                pos += 2
                continue
            return None, stray
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2:
            return None, stray
        if marker == 0xDA:
            start = pos + 2 + length
            return (start if start <= end else -1), stray
        pos += 2 + length


def jpeg_stray_bytes(data: bytes) -> int:
    """Stray bytes between the primary image's header markers (0 for a tidy JPEG)."""
    return _jpeg_scan_start(data, 0, lenient=True)[1]


def jpeg_truncation(data: bytes) -> str | None:
    """Why this JPEG is incomplete, or None.

    Trailing bytes after the image are fine (vendor trailers); but a JPEG
    stream that starts, reaches its scan and never ends is truncated. Streams
    appended after the primary image (MPO frames, the full image behind a
    camera's small primary) are checked the same way, which is how a camera
    file cut after its thumbnail is caught.
    """
    pos = 0
    for index in range(_MAX_STREAMS):
        scan, _ = _jpeg_scan_start(data, pos, lenient=index == 0)
        if scan is None:
            if index == 0:  # markers that do not lead to any image data
                return damage("JPEG", HEADER)
            return None  # bytes that merely look like SOI inside a trailer
        if scan == -1:
            return _CUT_JPEG
        if data.endswith(_EOI, scan):
            # The common case: the file ends with end-of-image. Finding the first EOI
            # would mean scanning megabytes of entropy data (most of the read time).
            return None
        # Entropy-coded data escapes every 0xFF, so the first FFD9 after the
        # scan start is the stream's end of image.
        eoi = data.find(_EOI, scan)
        if eoi < 0:
            return _CUT_JPEG
        nxt = data.find(_SOI, eoi + 2)
        if nxt < 0:
            return None
        pos = nxt
    return None


_PNG_IEND = b"IEND\xaeB`\x82"


def png_truncation(data: bytes) -> str | None:
    if data.rfind(_PNG_IEND) < 0:
        return damage("PNG", TRUNCATED)
    return None


def webp_truncation(data: bytes) -> str | None:
    if len(data) < 12:
        return damage("WEBP", TRUNCATED)
    (size,) = struct.unpack_from("<I", data, 4)
    if size + 8 > len(data):
        return damage("WEBP", TRUNCATED)
    return None


def truncation(fmt: str, data: bytes) -> str | None:
    if fmt == "JPEG":
        return jpeg_truncation(data)
    if fmt == "PNG":
        return png_truncation(data)
    if fmt == "WEBP":
        return webp_truncation(data)
    return None
