"""Build small test images in memory: Pillow pixels plus hand-spliced metadata segments."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

from PIL import Image

IIM_UTF8 = b"\x1b%G"


def iim(*datasets: tuple[int, int, bytes]) -> bytes:
    out = bytearray()
    for record, dataset, value in datasets:
        out += bytes([0x1C, record, dataset]) + struct.pack(">H", len(value)) + value
    return bytes(out)


def irb(resources: dict[int, bytes]) -> bytes:
    out = bytearray()
    for res_id, data in resources.items():
        out += b"8BIM" + struct.pack(">H", res_id) + b"\x00\x00" + struct.pack(">I", len(data))
        out += data + (b"\x00" if len(data) % 2 else b"")
    return bytes(out)


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def app13(iim_block: bytes, digest: bytes | None = None) -> bytes:
    resources = {0x0404: iim_block}
    if digest is not None:
        resources[0x0425] = digest
    return segment(0xED, b"Photoshop 3.0\x00" + irb(resources))


def app1_xmp(packet: bytes) -> bytes:
    return segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def xmp_packet(description: str = "", **props: str) -> bytes:
    attrs = "".join(f' photoshop:{k}="{v}"' for k, v in props.items())
    desc = (
        f"<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>{description}</rdf:li>"
        "</rdf:Alt></dc:description>"
        if description
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"{attrs}>{desc}'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def jpeg(size: tuple[int, int] = (32, 24), *segments: bytes, exif: bool = True) -> bytes:
    """A real JPEG from Pillow, with extra segments spliced in after SOI."""
    buf = io.BytesIO()
    kwargs = {}
    if exif:
        e = Image.Exif()
        e[0x010F] = "TestMake"
        e[0x0110] = "TestModel"
        e[0x0112] = 6
        kwargs["exif"] = e.tobytes()
    Image.new("RGB", size, (120, 30, 200)).save(buf, "JPEG", quality=80, **kwargs)
    data = buf.getvalue()
    return data[:2] + b"".join(segments) + data[2:]


def md5(data: bytes) -> bytes:
    return hashlib.md5(data).digest()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size but holds no pixels: tiny on disk, huge if decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")
