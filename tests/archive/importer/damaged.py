"""Files made by the tests for every failure stage: the header reads and the pixels fail
(cut or damaged image data), or the header itself is cut; and non-pictures in ISO-BMFF
boxes (ISO/IEC 14496-12: a box is a 32-bit size, a 4-byte type, then its payload).
"""

from __future__ import annotations

import io
import random
import struct
import zlib

import pillow_heif
from PIL import Image, ImageFile, PngImagePlugin

from tests.factories import Agency, embed


def _picture(seed: int) -> Image.Image:
    # Seeded noise: real entropy-coded data (a cut lands in the middle of the pixels), and
    # the same bytes on every run, so each case fails the same way every time.
    rng = random.Random(seed)
    return Image.frombytes("RGB", (192, 128), rng.randbytes(192 * 128 * 3))


def _save(seed: int, fmt: str, **kw: object) -> bytes:
    # Only the HEIF plugin: the product's decoder limits must not leak into the test.
    pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    _picture(seed).save(buf, fmt, **kw)
    return buf.getvalue()


def jpeg(seed: int = 0) -> bytes:
    return embed(_save(seed, "JPEG", quality=90), Agency(credit="Joe Maher/Getty Images"))


def png(seed: int = 0, **kw: object) -> bytes:
    return _save(seed, "PNG", **kw)


def tiff(seed: int = 0) -> bytes:
    return _save(seed, "TIFF")  # Pillow writes IFD0 first, then the strips


def heif(seed: int = 0) -> bytes:
    return _save(seed, "HEIF", quality=60)


def jpeg_bad_huffman(seed: int = 0) -> bytes:
    """Header intact (Pillow opens it); the DHT's code counts overflow, so libjpeg stops
    with "bogus Huffman table definition" when the pixels are decoded."""
    data = bytearray(jpeg(seed))
    dht = data.index(b"\xff\xc4")
    data[dht + 5 : dht + 21] = b"\xff" * 16
    return bytes(data)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = 8, []
    while pos < len(data):
        (n,) = struct.unpack_from(">I", data, pos)
        out.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]))
        pos += 12 + n
    return out


def png_build(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body
        out += struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return out


def png_damaged_idat(seed: int = 0) -> bytes:
    """Every chunk well formed (CRCs right, IEND present); 64 bytes in the middle of the
    IDAT's zlib data are overwritten, so inflating the pixels fails."""

    def spoil(body: bytes) -> bytes:
        mid = len(body) // 2
        return body[:mid] + bytes(64) + body[mid + 64 :]

    chunks = png_chunks(png(seed))
    return png_build([(k, spoil(b) if k == b"IDAT" else b) for k, b in chunks])


def tiff_cut(seed: int = 0) -> bytes:
    data = tiff(seed)
    return data[: len(data) // 2]  # IFD0 at the start survives; half the strips are gone


def heif_cut(seed: int = 0) -> bytes:
    data = heif(seed)
    return data[: int(len(data) * 0.6)]  # the boxes (meta, iloc) survive; mdat is cut


HEADER_CUT = {  # stage 1: the header itself is cut, nothing can be read
    "JPEG": lambda: jpeg()[:120],
    "PNG": lambda: png()[:20],
    "TIFF": lambda: tiff()[:6],
    "HEIF": lambda: heif()[:40],
}
PIXELS_FAIL = {  # stage 2: the header reads, the pixels fail while the thumbnail is made
    "JPEG": jpeg_bad_huffman,
    "PNG": png_damaged_idat,
    "TIFF": tiff_cut,
    "HEIF": heif_cut,
}
SUFFIX = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "HEIF": ".heic"}


def jpeg_stray_bytes(seed: int = 0) -> bytes:
    """Six bytes of junk between APP0 and the next marker (libjpeg: "Corrupt JPEG data:
    6 extraneous bytes before marker 0xdb", a warning; the picture decodes fully)."""
    data = _save(seed, "JPEG", quality=90)
    app0_end = 4 + struct.unpack_from(">H", data, 4)[0]
    return data[:app0_end] + b"\x00\x13junk" + data[app0_end:]


def jpeg_junk_prefix(seed: int = 0) -> bytes:
    """Junk before the first marker after SOI (an 'FF 00' pair, then text): libjpeg and
    Pillow both skip to the next marker."""
    data = _save(seed, "JPEG", quality=90)
    return data[:3] + b"\x00junk before the first marker" + data[2:]


def png_large_text(seed: int = 0) -> bytes:
    """A valid PNG whose compressed text chunk inflates to 3 MB (> Pillow's 1 MB
    MAX_TEXT_CHUNK)."""
    text = "A long caption history. " * 125_000
    assert len(text) > ImageFile.SAFEBLOCK  # Pillow's default MAX_TEXT_CHUNK
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text, zip=True)
    return png(seed, pnginfo=info)


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    return box(b"ftyp", major + b"\x00\x00\x02\x00" + b"".join(compatible))


def tiny_mp4() -> bytes:
    return ftyp(b"isom", b"isom", b"iso2", b"mp41") + box(b"moov", box(b"mvhd", bytes(100)))


def tiny_mov() -> bytes:
    return ftyp(b"qt  ", b"qt  ") + box(b"moov", box(b"mvhd", bytes(100))) + box(b"mdat")


def tiny_cr3() -> bytes:
    return ftyp(b"crx ", b"crx ", b"isom") + box(b"moov", box(b"uuid", bytes(16)))
