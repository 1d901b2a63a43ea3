"""C2PA manifest stores in JPEG: APP11 segments carrying JUMBF boxes (ISO 19566-5).

Byte surgery only, no validation (that is c2pa-python's job, see credentials.py):

* ``c2pa_segments`` finds the APP11 segments of the C2PA store (label "c2pa"): one JUMBF
  superbox may span several segments, all sharing the box instance number ``En``.
* ``store_bytes`` reassembles the store (the raw evidence kept in the catalogue).
* ``strip_c2pa`` removes those segments and nothing else, for an export that must change
  the headers: a manifest left behind would no longer match the file it describes.
* ``signer_certificates`` finds the X.509 chain in the claim signature (COSE x5chain),
  because the reader's JSON names the signer's organisation but not its certificate issuer.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_APP11 = 0xEB
_SOS = 0xDA
_EOI = 0xD9
_CI = b"JP"  # JPEG common identifier of a JUMBF-in-APP11 segment


@dataclass(frozen=True)
class JumbfSegment:
    start: int  # offset of the 0xFF of the marker
    end: int  # offset just past the segment
    instance: int  # En: the box instance this segment belongs to
    sequence: int  # Z: its place in that box
    payload: bytes  # the box bytes carried by this segment (after CI, En, Z)


def _app11_segments(data: bytes) -> list[JumbfSegment]:
    if not data.startswith(b"\xff\xd8"):
        return []
    pos, end = 2, len(data)
    out: list[JumbfSegment] = []
    while pos + 4 <= end:
        if data[pos] != 0xFF:
            break  # not our job to diagnose a damaged header: the reader does
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (_SOS, _EOI):
            break
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > end:
            break
        body = data[pos + 4 : pos + 2 + length]
        if marker == _APP11 and len(body) >= 8 and body[:2] == _CI:
            en, z = struct.unpack_from(">HI", body, 2)
            out.append(JumbfSegment(pos, pos + 2 + length, en, z, bytes(body[8:])))
        pos += 2 + length
    return out


def _is_c2pa(first: bytes) -> bool:
    # LBox(4) TBox 'jumb' (4), then the description box: LBox(4) 'jumd'(4) type UUID(16)
    # toggles(1) label (NUL-terminated). C2PA's store superbox is labelled "c2pa".
    if len(first) < 8 or first[4:8] != b"jumb":
        return False
    desc = first[8:]
    if len(desc) < 25 or desc[4:8] != b"jumd":
        return False
    return desc[25:].split(b"\x00", 1)[0] == b"c2pa"


def c2pa_segments(data: bytes) -> list[JumbfSegment]:
    """The APP11 segments of the C2PA manifest store, in file order ([] when none)."""
    segments = _app11_segments(data)
    ours = {s.instance for s in segments if s.sequence == 1 and _is_c2pa(s.payload)}
    return [s for s in segments if s.instance in ours]


def has_c2pa(data: bytes) -> bool:
    return bool(c2pa_segments(data))


def store_bytes(data: bytes) -> bytes | None:
    """The JUMBF manifest store as one box (continuations' repeated box headers dropped)."""
    segments = sorted(c2pa_segments(data), key=lambda s: (s.instance, s.sequence))
    if not segments:
        return None
    parts = [segments[0].payload]
    # Each continuation segment repeats the superbox's LBox+TBox (8 bytes, or 16 with XLBox).
    for seg in segments[1:]:
        head = 16 if seg.payload[:4] == b"\x00\x00\x00\x01" else 8
        parts.append(seg.payload[head:])
    return b"".join(parts)


def strip_c2pa(data: bytes) -> bytes:
    """*data* without its C2PA segments; every other byte as it was."""
    segments = c2pa_segments(data)
    if not segments:
        return data
    out, pos = [], 0
    for seg in segments:
        out.append(data[pos : seg.start])
        pos = seg.end
    out.append(data[pos:])
    return b"".join(out)


def signer_certificates(store: bytes, manifest_label: str | None = None) -> list[bytes]:
    """DER certificates found in the store's claim signatures, leaf first (x5chain order).

    A DER certificate is a SEQUENCE with a two-byte length (0x30 0x82 …); COSE carries
    them as byte strings, so every offset where one parses is a certificate. Certificates
    nested in another (none in practice) are skipped by jumping past each one found.
    """
    from cryptography import x509

    found: list[bytes] = []
    # The active manifest's own signature box follows its label (ingredients' come first).
    start = store.find(manifest_label.encode()) if manifest_label else 0
    pos = store.find(b"c2pa.signature", max(start, 0))
    if pos < 0:
        return []
    while (pos := store.find(b"\x30\x82", pos)) >= 0 and pos + 4 <= len(store):
        (length,) = struct.unpack_from(">H", store, pos + 2)
        der = store[pos : pos + 4 + length]
        try:
            x509.load_der_x509_certificate(der)
        except ValueError:
            pos += 2
            continue
        if der not in found:
            found.append(der)
        pos += 4 + length
        # The chain is a run of CBOR byte strings (0x59 = bstr with a two-byte length);
        # whatever follows it is the signature value, not another certificate.
        if not (store[pos : pos + 1] == b"\x59" and store[pos + 3 : pos + 5] == b"\x30\x82"):
            break
    return found
