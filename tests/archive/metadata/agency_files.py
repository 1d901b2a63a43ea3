"""Files shaped the way agency tools write them, for forms exiftool cannot write itself.

Each builder cites the description it follows; where exiftool can write the form, the
tests use exiftool instead (see ``exiftool_write``).

* FotoStation trailer — ExifTool ``FotoStation.pm`` (FotoWare FotoStation): after the
  image data, records of ``data`` + tag (uint16) + size incl. footer (uint32) +
  0xA1B2C3D4, big-endian.
* PNG text chunks — PNG specification (ISO/IEC 15948:2003, 11.3.4.3-5: tEXt, zTXt,
  iTXt), XMP Specification Part 3 (2020) 1.1.5 (``XML:com.adobe.xmp`` in iTXt), and
  ImageMagick ``coders/png.c`` for ``Raw profile type xmp`` (``\\nxmp\\n%8lu\\n`` then
  hex, 72 digits a line). ExifTool before 11.63 wrote new text chunks just before
  IEND, after IDAT (ExifTool PNG tag documentation; PNG.pm of the 7.x era: "add any new
  chunks immediately before the IEND chunk", new text as tEXt, zTXt with -z).
* Getty packets — XMP as read in real Getty files (PITFALLS.md "Found in the field"):
  a space before the date's offset, ``AssetId`` / ``ImageSupplierImageId`` spelt with a
  lower-case d, a property stated twice.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

FOTOSTATION_SIGNATURE = 0xA1B2C3D4

RDF_OPEN = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'xmlns:GettyImagesGIFT="http://xmp.gettyimages.com/gift/1.0/" '
    'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/">'
)
RDF_CLOSE = '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'


def packet(body: str) -> bytes:
    return (RDF_OPEN + body + RDF_CLOSE).encode("utf-8")


def lang_alt(prop: str, value: str) -> str:
    return f"<{prop}><rdf:Alt><rdf:li xml:lang='x-default'>{value}</rdf:li></rdf:Alt></{prop}>"


def seq(prop: str, *values: str) -> str:
    items = "".join(f"<rdf:li>{v}</rdf:li>" for v in values)
    return f"<{prop}><rdf:Seq>{items}</rdf:Seq></{prop}>"


def fotostation_record(tag: int, data: bytes) -> bytes:
    return data + struct.pack(">HII", tag, len(data) + 10, FOTOSTATION_SIGNATURE)


# --- PNG ------------------------------------------------------------------------------


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(size: tuple[int, int] = (16, 12)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def itxt_xmp(xmp: bytes, compressed: bool = False) -> bytes:
    body = zlib.compress(xmp) if compressed else xmp
    flag = b"\x01\x00" if compressed else b"\x00\x00"
    return chunk(b"iTXt", b"XML:com.adobe.xmp\x00" + flag + b"\x00\x00" + body)


def ztxt(keyword: str, text: bytes) -> bytes:
    return chunk(b"zTXt", keyword.encode("latin-1") + b"\x00\x00" + zlib.compress(text))


def imagemagick_raw_profile(kind: str, blob: bytes) -> bytes:
    digits = blob.hex()
    lines = "\n".join(digits[i : i + 72] for i in range(0, len(digits), 72))
    return f"\n{kind}\n{len(blob):8d}\n{lines}\n".encode("ascii")


def png_with(before_idat: bytes = b"", after_idat: bytes = b"") -> bytes:
    """A real PNG with chunks spliced in after IHDR and/or just before IEND."""
    data = png()
    ihdr_end = 8 + 25
    iend = data.rindex(b"IEND") - 4
    return data[:ihdr_end] + before_idat + data[ihdr_end:iend] + after_idat + data[iend:]


# --- exiftool --------------------------------------------------------------------------


def need_exiftool() -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed: interoperability tests need libimage-exiftool-perl")


def exiftool_read(path: Path) -> dict[str, Any]:
    need_exiftool()
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-struct", str(path)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, Any] = json.loads(out)[0]
    return result


def exiftool_write(path: Path, *args: str) -> None:
    need_exiftool()
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", *args, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
