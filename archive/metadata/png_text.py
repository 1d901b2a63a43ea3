"""Every place a PNG can carry XMP (and the raw profiles), read from the chunks themselves.

Pillow's ``info`` holds only the text chunks before the image data (``IDAT``) and only an
uncompressed or compressed ``iTXt`` named ``XML:com.adobe.xmp``. Writers put XMP in more
places, and exiftool reads them all:

* ``iTXt`` ``XML:com.adobe.xmp`` (XMP Specification Part 3, 1.1.5), compressed or not,
  before or after ``IDAT``;
* ``tEXt`` / ``zTXt`` with the same keyword: ExifTool's PNG writer of the 6.x/7.x era
  created new text chunks as ``tEXt`` (``zTXt`` with ``-z``) immediately before
  ``IEND`` — after the image data, where Pillow's ``info`` never looks (only ExifTool
  11.63 and later put them before ``IDAT``). The packet bytes are UTF-8 whatever the
  chunk type says, as exiftool reads them;
* ImageMagick's ``Raw profile type xmp`` (hex text, see ``raw_profile``), and
  ``Raw profile type APP1`` holding a JPEG APP1 XMP payload;
* ``tXMP``, the chunk of a September 2001 XMP draft.

Chunk layouts are those of the PNG specification (ISO/IEC 15948, 11.3.4): ``tEXt`` =
keyword, NUL, text; ``zTXt`` = keyword, NUL, method, zlib data; ``iTXt`` = keyword, NUL,
compression flag, method, language, NUL, translated keyword, NUL, text.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_TEXT = (b"tEXt", b"zTXt", b"iTXt")
# Inflated text beyond this is not metadata but a zip bomb; the XMP screen refuses
# packets over 8 MB anyway, and a hex raw profile doubles the size.
MAX_INFLATED = 20 * 1024 * 1024
XMP_KEYWORD = "XML:com.adobe.xmp"
APP1_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def _inflate(blob: bytes) -> bytes | None:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(blob, MAX_INFLATED)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else out


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    pos, end = len(_SIGNATURE), len(data)
    while pos + 8 <= end:
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8 : pos + 8 + length]
        if len(body) < length:  # cut short: what is there is all there is
            return
        yield kind, body
        if kind == b"IEND":
            return
        pos += 12 + length


def _text(kind: bytes, body: bytes) -> tuple[str, bytes] | None:
    key, sep, rest = body.partition(b"\x00")
    if not sep:
        return None
    keyword = key.decode("latin-1")
    if kind == b"tEXt":
        return keyword, rest
    if kind == b"zTXt":
        value = _inflate(rest[1:]) if rest[:1] == b"\x00" else None
        return None if value is None else (keyword, value)
    if len(rest) < 2:
        return None
    compressed, method = rest[0], rest[1]
    _lang, _, rest = rest[2:].partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    if compressed:
        inflated = _inflate(text) if method == 0 else None
        return None if inflated is None else (keyword, inflated)
    return keyword, text


def text_chunks(data: bytes) -> list[tuple[str, bytes]]:
    """``(keyword, text bytes)`` of every text chunk in file order, inflated; ``tXMP`` too."""
    if not data.startswith(_SIGNATURE):
        return []
    out: list[tuple[str, bytes]] = []
    for kind, body in _chunks(data):
        if kind == b"tXMP":
            out.append((XMP_KEYWORD, body))
        elif kind in _TEXT:
            item = _text(kind, body)
            if item is not None:
                out.append(item)
    return out


def raw_profile(text: bytes | str | None) -> bytes | None:
    """ImageMagick's ``Raw profile type X`` text → the profile's bytes.

    ImageMagick (coders/png.c) writes ``\\n<type>\\n<length, %8lu>\\n`` and then the
    profile as hex digits, 72 to a line.
    """
    if text is None:
        return None
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    lines = text.strip().split("\n", 2)
    if len(lines) < 3:
        return None
    try:
        length = int(lines[1].strip())
        blob = bytes.fromhex("".join(lines[2].split()))
    except ValueError:
        return None
    return blob[:length]


def xmp_packets(chunks: list[tuple[str, bytes]]) -> list[bytes]:
    """Every XMP packet of the PNG, in file order."""
    packets: list[bytes] = []
    for keyword, value in chunks:
        if keyword == XMP_KEYWORD:
            packets.append(value)
        elif keyword == "Raw profile type xmp":
            blob = raw_profile(value)
            if blob:
                packets.append(blob)
        elif keyword == "Raw profile type APP1":
            blob = raw_profile(value)
            if blob and blob.startswith(APP1_XMP_HEADER):
                packets.append(blob[len(APP1_XMP_HEADER) :])
    return packets
