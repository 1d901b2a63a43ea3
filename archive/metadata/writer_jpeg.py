"""JPEG byte surgery for the metadata writer: headers only, never the image data.

* ``image_data_span`` finds the primary image's data (first SOS marker through
  EOI) so the writer can prove that it changed no pixel byte.
* ``fix_iptc_digest`` sets the Photoshop IPTC digest (IRB 0x0425 = MD5 of the
  IIM resource 0x0404) after exiv2 wrote the file: exiv2 rewrites the IIM
  block but leaves a stale digest behind, which makes exiftool warn
  "IPTCDigest is not current" and makes readers (ours too) believe the IIM was
  edited after the XMP.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from typing import Any

from archive.errors import MetadataError
from archive.metadata.iptc import IRB_IIM, IRB_IPTC_DIGEST, PHOTOSHOP_HEADER

_SOI = b"\xff\xd8"
_APP13 = 0xED
_SOS = 0xDA
_EOI = 0xD9
# A marker inside/after entropy-coded data: 0xFF followed by anything but a stuffed
# zero, a restart marker (RST0-7, part of the scan) or another 0xFF (fill byte).
_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_MAX_SEGMENT = 0xFFFF - 2  # payload bytes of one marker segment


@dataclass(frozen=True)
class Segment:
    marker: int
    start: int  # offset of the 0xFF of the marker
    end: int  # offset just past the segment

    def payload(self, data: bytes) -> bytes:
        return data[self.start + 4 : self.end]


def header_segments(data: bytes) -> tuple[list[Segment], int]:
    """Marker segments before the first SOS, and the offset of that SOS marker."""
    if not data.startswith(_SOI):
        raise MetadataError("not a JPEG file (no SOI marker)")
    pos, end = 2, len(data)
    segments: list[Segment] = []
    while pos + 4 <= end:
        if data[pos] != 0xFF:
            raise MetadataError(f"corrupt JPEG: no marker at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == _SOS:
            return segments, pos
        if marker == _EOI:
            break
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2:
            raise MetadataError(f"corrupt JPEG: bad segment length at byte {pos}")
        if pos + 2 + length > end:
            raise MetadataError("truncated JPEG: headers incomplete")
        segments.append(Segment(marker, pos, pos + 2 + length))
        pos += 2 + length
    raise MetadataError("truncated JPEG: no image data")


def tidy_header(data: bytes) -> bytes | None:
    """*data* without the stray bytes among its header markers, or None when it has none.

    Import accepts such files (libjpeg skips the bytes with a warning, "extraneous bytes
    before marker"); the writer and exiv2 need tidy headers. Only bytes that belong to no
    segment are dropped; from the first SOS on the file is unchanged, so the image data
    proof still holds.
    """
    if not data.startswith(_SOI):
        return None
    pos, end, stray = 2, len(data), False
    kept = [_SOI]
    while pos + 4 <= end:
        if data[pos] != 0xFF or data[pos + 1] in (0x00, 0xFF):
            # Junk, an "FF 00" pair, or a fill byte: libjpeg's next_marker skips them all.
            stray = stray or data[pos] != 0xFF or data[pos + 1] == 0x00
            pos += 2 if data[pos] == 0xFF and data[pos + 1] == 0x00 else 1
            continue
        marker = data[pos + 1]
        if marker == _SOS:
            return b"".join([*kept, data[pos:]]) if stray else None
        if marker == _EOI or 0xD0 <= marker <= 0xD8 or marker == 0x01:
            return None  # not a header a writer should touch: header_segments reports it
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > end:
            return None
        kept.append(data[pos : pos + 2 + length])
        pos += 2 + length
    return None


def image_data_span(data: bytes) -> tuple[int, int]:
    """``(start, end)`` of the image data: the first SOS marker through the last EOI.

    0xFF 0xD9 cannot occur inside entropy-coded data (a 0xFF there is always followed
    by 0x00 or a restart marker), so the last one in the file ends the image data —
    found from the end in microseconds instead of scanning megabytes. Whatever
    follows the primary image (an MPF second picture) is inside the span and so is
    also proven unchanged.
    """
    _, start = header_segments(data)
    eoi = data.rfind(b"\xff\xd9", start)
    if eoi < 0:
        raise MetadataError("truncated JPEG: image data incomplete (no EOI)")
    return start, eoi + 2


def header_stub(data: bytes, sos: int) -> bytes:
    """The headers, the first SOS segment and an EOI: what exiv2 needs to rewrite them."""
    (length,) = struct.unpack_from(">H", data, sos + 2)
    end = sos + 2 + length
    if length < 2 or end > len(data):
        raise MetadataError("truncated JPEG: scan header incomplete")
    return data[:end] + b"\xff\xd9"


def new_header(written: Any, stub: bytes, sos: int) -> bytes:
    """exiv2's new headers, proven to be followed by the stub's scan unchanged."""
    view = memoryview(written)
    cut = len(view) - (len(stub) - sos)
    if cut < 2 or not stub.endswith(view[cut:]):
        raise MetadataError("metadata write changed the image data; nothing written")
    header = bytes(view[:cut])
    _, first_scan = header_segments(header + b"\xff\xda\x00\x00")
    if first_scan != cut:
        raise MetadataError("metadata write left the JPEG headers malformed; nothing written")
    return header


def image_data_digest(data: bytes) -> str:
    """SHA-256 (hex) of the JPEG's image data, from the first SOS marker through EOI.

    Metadata lives in the header segments before the scan, so two files with
    equal digests show the same pixels: proof that a metadata write did not
    re-encode anything.
    """
    start, end = image_data_span(data)
    return hashlib.sha256(memoryview(data)[start:end]).hexdigest()


@dataclass(frozen=True)
class Resource:
    signature: bytes  # b"8BIM" (others exist in the wild)
    res_id: int
    name: bytes  # Pascal-string body, usually empty
    data: bytes

    def encode(self) -> bytes:
        name = bytes([len(self.name)]) + self.name
        if len(name) % 2:
            name += b"\x00"
        pad = b"\x00" if len(self.data) % 2 else b""
        return (
            self.signature
            + struct.pack(">H", self.res_id)
            + name
            + struct.pack(">I", len(self.data))
            + self.data
            + pad
        )


def parse_resources(irb: bytes) -> tuple[list[Resource], bytes]:
    """Every image resource in order, and whatever unparseable tail follows them."""
    out: list[Resource] = []
    pos, end = 0, len(irb)
    while pos + 12 <= end and irb[pos : pos + 4] in (b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa"):
        sig = irb[pos : pos + 4]
        (res_id,) = struct.unpack_from(">H", irb, pos + 4)
        name_len = irb[pos + 6]
        name = irb[pos + 7 : pos + 7 + name_len]
        p = pos + 7 + name_len + ((name_len + 1) % 2)
        if p + 4 > end:
            break
        (size,) = struct.unpack_from(">I", irb, p)
        p += 4
        if p + size > end:
            break
        out.append(Resource(sig, res_id, name, irb[p : p + size]))
        pos = p + size + (size % 2)
    return out, irb[pos:]


def photoshop_irb(data: bytes) -> bytes:
    """The joined Photoshop image resources of a JPEG's APP13 segments (b"" if none)."""
    segments, _ = header_segments(data)
    parts = [
        s.payload(data)[len(PHOTOSHOP_HEADER) :]
        for s in segments
        if s.marker == _APP13 and s.payload(data).startswith(PHOTOSHOP_HEADER)
    ]
    return b"".join(parts)


def iim_block(data: bytes) -> bytes | None:
    """The raw IIM stream (IRB 0x0404) of a JPEG, or None."""
    resources, _ = parse_resources(photoshop_irb(data))
    for res in resources:
        if res.res_id == IRB_IIM:
            return res.data
    return None


def fix_iptc_digest(header: bytes) -> bytes:
    """*header* (a JPEG's bytes up to its first SOS) with IRB 0x0425 = MD5(IIM).

    The digest is dropped when there is no IIM. Only the APP13 segments change;
    everything else is copied byte for byte. Working on the header alone keeps the
    megabytes of image data out of every copy made here.
    """
    segments, _ = header_segments(header + b"\xff\xda\x00\x00")
    app13 = [
        s for s in segments if s.marker == _APP13 and s.payload(header).startswith(PHOTOSHOP_HEADER)
    ]
    if not app13:
        return header
    irb = b"".join(s.payload(header)[len(PHOTOSHOP_HEADER) :] for s in app13)
    resources, tail = parse_resources(irb)
    iim = next((r for r in resources if r.res_id == IRB_IIM), None)
    digest = hashlib.md5(iim.data).digest() if iim is not None else None
    old = next((r for r in resources if r.res_id == IRB_IPTC_DIGEST), None)
    if (old.data if old else None) == digest:
        return header
    kept = [r for r in resources if r.res_id != IRB_IPTC_DIGEST]
    if digest is not None:
        sig = old.signature if old else b"8BIM"
        new = Resource(sig, IRB_IPTC_DIGEST, old.name if old else b"", digest)
        # Photoshop writes the digest right after the IIM resource.
        at = next(i for i, r in enumerate(kept) if r.res_id == IRB_IIM) + 1
        kept.insert(at, new)
    body = b"".join(r.encode() for r in kept) + tail
    room = _MAX_SEGMENT - len(PHOTOSHOP_HEADER)
    chunks = [body[i : i + room] for i in range(0, len(body), room)] or [b""]
    new_segments = b"".join(
        b"\xff\xed" + struct.pack(">H", len(PHOTOSHOP_HEADER) + len(c) + 2) + PHOTOSHOP_HEADER + c
        for c in chunks
    )
    parts = []
    pos = 0
    for i, seg in enumerate(app13):
        parts.append(header[pos : seg.start])
        if i == 0:
            parts.append(new_segments)
        pos = seg.end
    parts.append(header[pos:])
    return b"".join(parts)
