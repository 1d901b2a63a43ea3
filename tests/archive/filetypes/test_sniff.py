"""Sniffing and wording, file by file: each kind said once, pictures left to the decoders.

Box layout: ISO/IEC 14496-12 (ftyp: major brand, minor version, compatible brands); brands
from the MP4 registration authority (mp4ra.org: isom, qt, crx, avif, heic, mif1, M4A)."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from archive.errors import UnsupportedFileError
from archive.filetypes.sniff import sniff
from archive.filetypes.wording import decode_failure
from archive.metadata.reader import read_metadata
from tests.archive.importer.damaged import box, ftyp, heif, jpeg, png, tiff


def _dng() -> bytes:
    # A little-endian TIFF whose IFD0 holds DNGVersion (50706) = 1.4.0.0.
    entry = struct.pack("<HHI4s", 50706, 1, 4, b"\x01\x04\x00\x00")
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + entry + bytes(4)


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (ftyp(b"isom", b"isom", b"avc1") + box(b"moov"), "a.mp4", "a video (MP4)"),
        (ftyp(b"qt  ") + box(b"moov"), "a.mov", "a video (MOV)"),
        (box(b"moov", bytes(20)), "old.mov", "a video (MOV)"),
        (ftyp(b"crx ", b"crx ") + box(b"moov"), "a.CR3", "a Canon raw file (CR3)"),
        (ftyp(b"avif", b"avif", b"mif1") + box(b"meta"), "a.avif", "an AVIF picture"),
        (ftyp(b"M4A ", b"M4A ") + box(b"moov"), "a.m4a", "an audio file (M4A)"),
        (b"II*\x00\x10\x00\x00\x00CR\x02\x00" + bytes(8), "a.cr2", "a Canon raw file (CR2)"),
        (_dng(), "a.dng", "a DNG raw file"),
        (tiff(), "DSC_0001.NEF", "a Nikon raw file (NEF)"),
        (b"%PDF-1.7\n", "a.jpg", "a PDF document"),
        (b"The free press is a text, not a QuickTime atom", "a.jpg", "a text file"),
        (b"BMW press release, not a bitmap", "a.jpg", "a text file"),
        (b"<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta/>", "a.jpg",
         "an XMP sidecar"),
    ],
)  # fmt: skip
def test_what_a_file_is(data: bytes, name: str, what: str) -> None:
    kind = sniff(data, name)
    assert kind is not None and kind.what == what


@pytest.mark.parametrize("make", [jpeg, png, tiff, heif], ids=["jpeg", "png", "tiff", "heif"])
def test_pictures_are_left_to_their_decoders(make: object) -> None:
    assert sniff(make(), "picture") is None  # type: ignore[operator]
    assert sniff(ftyp(b"mif1", b"mif1", b"heic") + box(b"meta")) is None


def test_random_bytes_are_no_kind() -> None:
    assert sniff(bytes((i * 7919 + 13) % 256 for i in range(4096))) is None


def test_a_heif_brand_among_video_brands_is_still_a_video() -> None:
    with pytest.raises(UnsupportedFileError, match=r"^clip\.mp4: a video \(MP4\): not imported$"):
        read_metadata(ftyp(b"mp42", b"mp42", b"isom") + box(b"moov"), "clip.mp4")


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OSError("image file is truncated (506 bytes not processed)"), "truncated"),
        (OSError("Expected to read 8 bytes but only got 0"), "truncated"),
        (EOFError(), "truncated"),
        (EOFError("Unable to seek to frame"), "truncated"),
        (ValueError("Invalid input: Unexpected end of file"), "truncated"),
        (OSError("decoder error -2"), "damaged"),
        (OSError("broken data stream when reading image file"), "damaged"),
        (SyntaxError("not a TIFF file"), "damaged"),
    ],
)
def test_library_messages_become_one_wording_per_kind(exc: BaseException, kind: str) -> None:
    text = decode_failure(exc, "TIFF")
    expected = {
        "truncated": "truncated TIFF: image data incomplete (the file was cut short; ask for it "
        "again)",
        "damaged": "damaged TIFF: its image data cannot be decoded",
    }[kind]
    assert text == expected


def test_a_gif_is_said_the_same_whole_or_cut() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "GIF")
    messages = set()
    for data in (buf.getvalue(), buf.getvalue()[:12]):
        with pytest.raises(UnsupportedFileError) as err:
            read_metadata(data, "a.gif")
        messages.add(str(err.value))
    assert messages == {
        "a.gif: a GIF picture: unsupported image format: convert it to JPEG, TIFF or PNG to "
        "import it"
    }
