"""Sniff what a file that is not a picture Creditdesk imports really is, from its first bytes.

An ``.mp4``, ``.mov`` or Canon ``.CR3`` is an ISO-BMFF file like HEIF: the ``ftyp`` box's
brands say which (ISO/IEC 14496-12 §4.3), so a video is never called "a broken HEIF".
Everything here is a few byte comparisons: it runs on every file the reader refuses.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import PurePath

from archive.filetypes import wording as W


@dataclass(frozen=True)
class Kind:
    """What the file is ("a video (MP4)") and what happens to it ("not imported")."""

    what: str
    verdict: str

    @property
    def message(self) -> str:
        return f"{self.what}: {self.verdict}"


# ftyp brands → kind; HEIF brands (heic, mif1…) are pictures and are not listed.
_VIDEO_BRANDS = {
    b"isom": "MP4", b"iso2": "MP4", b"iso3": "MP4", b"iso4": "MP4", b"iso5": "MP4",
    b"iso6": "MP4", b"mp41": "MP4", b"mp42": "MP4", b"avc1": "MP4", b"dash": "MP4",
    b"mmp4": "MP4", b"MSNV": "MP4", b"M4V ": "M4V", b"M4VP": "M4V", b"f4v ": "F4V",
    b"qt  ": "MOV", b"3gp4": "3GP", b"3gp5": "3GP", b"3gp6": "3GP", b"3g2a": "3G2",
}  # fmt: skip
_AUDIO_BRANDS = {b"M4A ": "M4A", b"M4B ": "M4B", b"M4P ": "M4P"}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
# QuickTime files written before ftyp existed start straight with one of these atoms.
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
# TIFF-structured raw formats named by their extension (their header is plain TIFF).
_TIFF_RAWS = {
    ".nef": "a Nikon raw file (NEF)", ".nrw": "a Nikon raw file (NRW)",
    ".arw": "a Sony raw file (ARW)", ".srf": "a Sony raw file (SRF)",
    ".sr2": "a Sony raw file (SR2)", ".pef": "a Pentax raw file (PEF)",
    ".erf": "an Epson raw file (ERF)", ".3fr": "a Hasselblad raw file (3FR)",
    ".iiq": "a Phase One raw file (IIQ)", ".mef": "a Mamiya raw file (MEF)",
    ".srw": "a Samsung raw file (SRW)", ".dcr": "a Kodak raw file (DCR)",
}  # fmt: skip
_DIB_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}  # BITMAPCOREHEADER … BITMAPV5HEADER
_PICTURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_DNG_VERSION = 50706  # TIFF tag DNGVersion: present in IFD0 of every DNG (DNG spec 1.6)

_MAGIC_KINDS: tuple[tuple[int, bytes, Kind], ...] = (
    (0, b"GIF87a", Kind("a GIF picture", W.UNSUPPORTED_PICTURE)),
    (0, b"GIF89a", Kind("a GIF picture", W.UNSUPPORTED_PICTURE)),
    (0, b"BM", Kind("a BMP picture", W.UNSUPPORTED_PICTURE)),
    (0, b"8BPS", Kind("a Photoshop document (PSD)", W.UNSUPPORTED_PICTURE)),
    (0, b"\xff\x0a", Kind("a JPEG XL picture", W.NOT_SUPPORTED_YET)),
    (0, b"\x00\x00\x00\x0cJXL \r\n\x87\n", Kind("a JPEG XL picture", W.NOT_SUPPORTED_YET)),
    (0, b"%PDF", Kind("a PDF document", W.NOT_A_PICTURE)),
    (0, b"PK\x03\x04", Kind("a ZIP archive", "not imported — unpack it and import the pictures")),
    (0, b"FUJIFILMCCD-RAW", Kind("a Fujifilm raw file (RAF)", W.NOT_SUPPORTED_YET)),
    (0, b"IIRO", Kind("an Olympus raw file (ORF)", W.NOT_SUPPORTED_YET)),
    (0, b"IIRS", Kind("an Olympus raw file (ORF)", W.NOT_SUPPORTED_YET)),
    (0, b"MMOR", Kind("an Olympus raw file (ORF)", W.NOT_SUPPORTED_YET)),
    (0, b"IIU\x00", Kind("a Panasonic raw file (RW2)", W.NOT_SUPPORTED_YET)),
    (8, b"CR\x02\x00", Kind("a Canon raw file (CR2)", W.NOT_SUPPORTED_YET)),
    (0, b"\x1a\x45\xdf\xa3", Kind("a video (MKV/WebM)", W.VIDEO)),
    (0, b"ID3", Kind("an audio file (MP3)", W.NOT_A_PICTURE)),
)


def sniff(data: bytes, name: str = "") -> Kind | None:
    """What *data* is when it is not a picture Creditdesk imports, or None (a picture the
    decoders should try, or nothing recognisable)."""
    if data.startswith(_PICTURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None  # a picture we import: its decoder judges it
    if data[4:8] == b"ftyp":
        return _iso_bmff(data)
    if data[4:8] in _QT_ATOMS and _atom_size_fits(data):
        return Kind("a video (MOV)", W.VIDEO)
    for offset, magic, kind in _MAGIC_KINDS:
        if data[offset : offset + len(magic)] == magic:
            if magic == b"BM" and not _is_bmp(data):
                continue  # a text that starts "BM…" is not a bitmap
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"AVI ":
        return Kind("a video (AVI)", W.VIDEO)
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return _tiff_raw(data, PurePath(name).suffix.lower())
    return _text(data)


def _atom_size_fits(data: bytes) -> bool:
    """A QuickTime atom's 32-bit size is 0 (to the end), 1 (64-bit size follows) or fits
    the file: "The free press…" has "free" at offset 4 too, with an impossible size."""
    (size,) = struct.unpack_from(">I", data, 0)
    return size in (0, 1) or 8 <= size <= len(data)


def _is_bmp(data: bytes) -> bool:
    # BITMAPFILEHEADER (14 bytes), then a DIB header whose first field is its own size.
    return len(data) >= 18 and struct.unpack_from("<I", data, 14)[0] in _DIB_SIZES


def _iso_bmff(data: bytes) -> Kind | None:
    (size,) = struct.unpack_from(">I", data, 0)
    end = min(len(data), size if size >= 16 else 16)
    brands = [data[8:12]] + [data[i : i + 4] for i in range(16, end - 3, 4)]
    major = brands[0]
    if major == b"crx ":
        return Kind("a Canon raw file (CR3)", W.NOT_SUPPORTED_YET)
    if major in _AVIF_BRANDS:  # AVIF lists mif1 too: the major brand decides first
        return Kind("an AVIF picture", W.NOT_SUPPORTED_YET)
    if major in _HEIF_BRANDS or (major not in _VIDEO_BRANDS and _HEIF_BRANDS & set(brands)):
        return None  # a HEIF picture: pillow-heif reads it
    if major in _AUDIO_BRANDS:
        return Kind(f"an audio file ({_AUDIO_BRANDS[major]})", W.NOT_A_PICTURE)
    if major in _VIDEO_BRANDS:
        return Kind(f"a video ({_VIDEO_BRANDS[major]})", W.VIDEO)
    if _AVIF_BRANDS & set(brands):
        return Kind("an AVIF picture", W.NOT_SUPPORTED_YET)
    return Kind("an ISO media file (not a HEIF picture)", W.NOT_A_PICTURE)


def _tiff_raw(data: bytes, suffix: str) -> Kind | None:
    if _has_dng_version(data):
        return Kind("a DNG raw file", W.NOT_SUPPORTED_YET)
    if suffix in _TIFF_RAWS:
        return Kind(_TIFF_RAWS[suffix], W.NOT_SUPPORTED_YET)
    return None


def _has_dng_version(data: bytes) -> bool:
    """Whether IFD0 carries DNGVersion (one pass over its entries, no decoding)."""
    end = "<" if data[:2] == b"II" else ">"
    try:
        (ifd,) = struct.unpack_from(end + "I", data, 4)
        (count,) = struct.unpack_from(end + "H", data, ifd)
        for i in range(min(count, 512)):
            (tag,) = struct.unpack_from(end + "H", data, ifd + 2 + 12 * i)
            if tag == _DNG_VERSION:
                return True
    except struct.error:
        return False
    return False


def _text(data: bytes) -> Kind | None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xpacket", b"<x:xmpmeta", b"<x:xapmeta")) or (
        head.startswith(b"<?xml") and b"<x:xmpmeta" in head
    ):
        return Kind("an XMP sidecar", W.LONE_SIDECAR)
    if not head or b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # cut in a character at the 4 KB edge is still text
        if exc.start < len(head) - 4:
            return None
        text = head[: exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    if printable < 0.95 * len(text):
        return None
    if text.lstrip().lower().startswith(("<!doctype html", "<html")):
        return Kind("a web page (HTML)", W.NOT_A_PICTURE)
    return Kind("a text file", W.NOT_A_PICTURE)
