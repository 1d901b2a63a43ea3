"""Identify the image by content and pull out its metadata blocks, without decoding pixels.

Pillow's ``open`` parses only headers (JPEG markers up to the scan, PNG chunks
before IDAT, TIFF IFD0, HEIF boxes), which gives us the real pixel size and
the EXIF / XMP / Photoshop blocks cheaply.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field

from PIL import Image, TiffImagePlugin

from archive.errors import MetadataError, UnsupportedFileError
from archive.filetypes import wording as W
from archive.filetypes.decoders import MAX_PIXELS
from archive.filetypes.sniff import sniff as sniff_kind
from archive.metadata.exif import strip_exif_header
from archive.metadata.iptc import IRB_IIM, irb_from_app13, parse_irb
from archive.metadata.png_text import APP1_XMP_HEADER, raw_profile, text_chunks, xmp_packets
from archive.metadata.trailers import fotostation_iptc

SUPPORTED = {"JPEG": "JPEG", "MPO": "JPEG", "TIFF": "TIFF", "PNG": "PNG", "WEBP": "WEBP"}
SUPPORTED_HEIF = ("HEIF",)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_TIFF_PHOTOSHOP = 34377


@dataclass
class Blocks:
    format: str
    width: int
    height: int
    exif: bytes | None = None  # TIFF-structured, header stripped
    xmp: bytes | None = None
    # PNG may hold several packets (png_text.py); in file order, later ones win.
    xmp_packets: list[bytes] = field(default_factory=list)
    irb: dict[int, bytes] = field(default_factory=dict)
    iim: bytes | None = None
    iim_trailer: bytes | None = None  # FotoStation's IPTC after the image (trailers.py)
    warnings: list[str] = field(default_factory=list)


def sniff(data: bytes) -> str | None:
    """Format claimed by the first bytes, for telling corrupt images from non-images."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        return "HEIF"
    return None


_BOMB_RE = re.compile(r"\((\d+) pixels\)")


def _bomb(pixels: int, size: tuple[int, int] | None = None) -> MetadataError:
    dims = f"{size[0]}x{size[1]} pixels" if size else f"{pixels} pixels"
    return MetadataError(
        f"decompression bomb: {dims} exceeds the {MAX_PIXELS // 1_000_000} MP limit"
    )


def open_image(data: bytes, name: str = "") -> Image.Image:
    if not data:
        raise MetadataError("zero-byte file")
    other = sniff_kind(data, name)  # a video, a raw file, a text… is said as such
    if other is not None:
        raise UnsupportedFileError(other.message)
    claimed = sniff(data)
    try:
        im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        m = _BOMB_RE.search(str(exc))
        raise _bomb(int(m.group(1)) if m else 0) from None
    except Image.UnidentifiedImageError:
        if claimed:
            raise MetadataError(W.damage(claimed, W.HEADER)) from None
        raise UnsupportedFileError(W.NOT_AN_IMAGE) from None
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error…
        kind = W.kind_of(exc)
        # Only headers are parsed here: damage that is not a cut is damage to the header.
        raise MetadataError(
            W.damage(claimed or "image", W.HEADER if kind == W.DAMAGED else kind)
        ) from None
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise _bomb(w * h, (w, h))
    return im


def image_format(im: Image.Image) -> str:
    fmt = im.format or ""
    if fmt in SUPPORTED:
        return SUPPORTED[fmt]
    if fmt in SUPPORTED_HEIF:
        return "HEIF"
    raise UnsupportedFileError(f"a {fmt or 'unknown'} picture: {W.UNSUPPORTED_PICTURE}")


def _as_bytes(value: object) -> bytes | None:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return None


def _tiff_tag_bytes(im: Image.Image, tag: int, little: bool) -> bytes | None:
    tags = getattr(im, "tag_v2", None)
    if tags is None or tag not in tags:
        return None
    value = tags[tag]
    if isinstance(value, bytes):
        return value
    # IPTC-NAA is often typed LONG: Pillow hands back ints we must re-pack.
    ints = value if isinstance(value, tuple) else (value,)
    if all(isinstance(i, int) for i in ints):
        kind = tags.tagtype.get(tag) if hasattr(tags, "tagtype") else None
        fmt = "B" if kind in (1, 7) else "I"
        try:
            return struct.pack(("<" if little else ">") + fmt * len(ints), *ints)
        except struct.error:
            return None
    return None


def extract_blocks(im: Image.Image, data: bytes, fmt: str) -> Blocks:
    w, h = im.size
    blocks = Blocks(format=fmt, width=int(w), height=int(h))
    info = im.info
    exif = _as_bytes(info.get("exif"))
    blocks.xmp = _as_bytes(info.get("xmp"))
    if fmt == "JPEG":
        app13 = [payload for marker, payload in getattr(im, "applist", []) if marker == "APP13"]
        if app13:
            blocks.irb = parse_irb(irb_from_app13(app13))
        blocks.iim_trailer = fotostation_iptc(data)
    elif fmt == "TIFF":
        exif = data  # the TIFF file is itself the EXIF structure
        if not isinstance(im, TiffImagePlugin.TiffImageFile):
            return blocks
        little = data[:2] == b"II"
        # Tag 33723 (IPTC-NAA) is taken from exifread by the reader: Pillow
        # keeps only its first value when it is typed LONG.
        irb = _tiff_tag_bytes(im, _TIFF_PHOTOSHOP, little)
        if irb:
            blocks.irb = parse_irb(irb)
    elif fmt == "PNG":
        chunks = text_chunks(data)
        texts: dict[str, bytes] = {}
        for keyword, value in chunks:
            texts.setdefault(keyword, value)
        if exif is None:
            exif = raw_profile(texts.get("Raw profile type exif"))
            app1 = raw_profile(texts.get("Raw profile type APP1"))
            if exif is None and app1 and not app1.startswith(APP1_XMP_HEADER):
                exif = app1
        blocks.xmp_packets = xmp_packets(chunks)
        if blocks.xmp_packets:
            blocks.xmp = blocks.xmp_packets[-1]
        iptc = raw_profile(texts.get("Raw profile type iptc")) or raw_profile(
            texts.get("Raw profile type 8bim")
        )
        if iptc:
            if iptc.startswith(b"8BIM"):
                blocks.irb = parse_irb(iptc)
            else:
                blocks.iim = iptc
    if blocks.iim is None:
        blocks.iim = blocks.irb.get(IRB_IIM)
    blocks.exif = strip_exif_header(exif) if exif else None
    return blocks
