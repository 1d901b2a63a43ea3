"""Metadata appended after a JPEG's image data: FotoWare FotoStation's IPTC trailer.

FotoStation (FotoWare) does not always put IPTC in APP13: it appends records after the
end of the image. Each record is its data followed by a 10-byte footer — tag (uint16),
record size including the footer (uint32) and the signature 0xA1B2C3D4, all big-endian
— and records are found by walking back from the end of the file (the layout
ExifTool's FotoStation.pm reads; it reports tag 1, an IIM stream, as group IPTC2).

Trailers chain: Photo Mechanic appends its own (``size`` + ``cbipcbbl`` at the very end,
ExifTool PhotoMechanic.pm), so the walk steps over those too. Anything else at the end
stops the walk, as it stops ExifTool 12.57's.
"""

from __future__ import annotations

import struct

FOTOSTATION_SIGNATURE = 0xA1B2C3D4
FOTOSTATION_IPTC = 1
_FOOTER = 10
_PHOTO_MECHANIC = b"cbipcbbl"
_MAX_RECORDS = 64


def fotostation_records(data: bytes) -> list[tuple[int, bytes]]:
    """``(tag, record data)`` of every FotoStation record at the end of ``data``, in file order."""
    records: list[tuple[int, bytes]] = []
    end = len(data)
    for _ in range(_MAX_RECORDS):
        if data.endswith(_PHOTO_MECHANIC, 0, end) and end >= 12:
            (size,) = struct.unpack_from(">I", data, end - 12)
            if size & 0x80000000 or size + 12 > end:
                break
            end -= size + 12
            continue
        if end < _FOOTER:
            break
        tag, size, signature = struct.unpack_from(">HII", data, end - _FOOTER)
        if signature != FOTOSTATION_SIGNATURE or size < _FOOTER or size > end:
            break
        records.append((tag, data[end - size : end - _FOOTER]))
        end -= size
    records.reverse()
    return records


def fotostation_iptc(data: bytes) -> bytes | None:
    """The IIM stream of a FotoStation trailer, or None.

    With several IPTC records the one nearest the image wins: ExifTool reads the records
    from the end and a tag read later replaces the same tag read earlier.
    """
    for tag, body in fotostation_records(data):
        if tag == FOTOSTATION_IPTC and body:
            return body
    return None
