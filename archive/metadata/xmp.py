"""XMP: screen the packet, normalise its encoding, parse it with exiv2 (Adobe XMP SDK).

The packet is screened *before* any XML parser sees it: hostile files are
refused with a warning, and the reader falls back to IIM/EXIF.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import exiv2

from archive.metadata import fields as F
from archive.metadata.xmp_repeats import drop_repeats

MAX_PACKET_BYTES = 8 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_VALUE_CHARS = 100_000

XmpValue = str | list[str]

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HOSTILE_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A property written as an attribute (``photoshop:Credit="…"``), to tell a
# packet exiv2 silently failed to parse from a genuinely empty one.
_PROPERTY_ATTR_RE = re.compile(r'<rdf:Description[^>]*\s(?!rdf:|xmlns)[\w.-]+:[\w.-]+="')
_XPACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
_XPACKET_END = '<?xpacket end="w"?>'


@dataclass
class XmpResult:
    values: dict[str, XmpValue] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def text(self, key: str) -> str | None:
        v = self.values.get(key)
        if isinstance(v, list):
            return v[0] if v else None
        return v

    def list(self, key: str) -> list[str]:
        v = self.values.get(key)
        if v is None:
            return []
        return v if isinstance(v, list) else [v]


def decode_packet(packet: bytes) -> str:
    """Packet bytes in UTF-8/16/32 (with or without BOM) → text without an XML declaration."""
    head = packet[:4]
    if head.startswith((b"\x00\x00\xfe\xff", b"\x00\x00\x00<")):
        codec = "utf-32-be"
    elif head.startswith((b"\xff\xfe\x00\x00", b"<\x00\x00\x00")):
        codec = "utf-32-le"
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        codec = "utf-16-be"
    elif head.startswith((b"\xff\xfe", b"<\x00")):
        codec = "utf-16-le"
    else:
        codec = "utf-8"
    text = packet.decode(codec, errors="replace").lstrip("\ufeff")
    # The declaration may still say UTF-16 after we re-encode to UTF-8.
    return _XML_DECL_RE.sub("", text, count=1).strip("\x00 \t\r\n")


def screen_packet(packet: bytes) -> str | None:
    """Why this packet must not be parsed, or None when it is safe to parse."""
    if len(packet) > MAX_PACKET_BYTES:
        mb = len(packet) / (1024 * 1024)
        return f"XMP packet of {mb:.1f} MB exceeds the 8 MB limit; ignored"
    # Entity declarations are how "billion laughs" and external-entity attacks
    # start; real XMP never needs them. Check the UTF-16/32 spellings too.
    if _HOSTILE_RE.search(packet) or _HOSTILE_RE.search(packet.replace(b"\x00", b"")):
        return "XMP packet declares a DOCTYPE/ENTITY (possible entity-expansion attack); ignored"
    return None


def _datum_value(datum: exiv2.Xmpdatum) -> XmpValue | None:
    type_name = datum.typeName()
    value = datum.value()
    if type_name == "LangAlt":
        alts = dict(value)
        text = alts.get("x-default")
        if text is None and alts:
            text = next(iter(alts.values()))
        return None if text is None else text[:MAX_VALUE_CHARS]
    if type_name in ("XmpBag", "XmpSeq", "XmpAlt"):
        return [value.toString(i)[:MAX_VALUE_CHARS] for i in range(value.count())]
    # A struct or an array of structs shows up as a placeholder ('type="Seq"');
    # its members follow as their own keys.
    if getattr(value, "xmpStruct", lambda: 0)() or getattr(value, "xmpArrayType", lambda: 0)():
        return None
    return str(datum.toString())[:MAX_VALUE_CHARS]


def reset_namespaces() -> None:
    """exiv2's namespace table back to its built-ins plus Getty's GIFT namespace."""
    exiv2.XmpProperties.unregisterNs()
    exiv2.XmpProperties.registerNs(F.GETTY_NS, F.GETTY_PREFIX)


def parse_xmp(packet: bytes | None) -> XmpResult:
    result = XmpResult()
    if not packet:
        return result
    problem = screen_packet(packet)
    if problem:
        result.warnings.append(problem)
        return result
    text = decode_packet(packet)
    if not text.startswith("<?xpacket"):
        # exiv2 recognises an XMP sidecar only by its first bytes.
        text = _XPACKET_BEGIN + text + _XPACKET_END
    failure = _parse_into(result, text)
    if failure is not None or _nothing_read(result, text):
        # The SDK refuses a packet that states a property twice (Getty does); read it as
        # exiftool does, keeping the last copy (xmp_repeats.py).
        repaired = drop_repeats(text)
        if repaired is not None:
            result = XmpResult(warnings=list(repaired[1]))
            failure = _parse_into(result, repaired[0])
    if failure is not None:
        result.values.clear()
        result.warnings.append(f"XMP could not be parsed ({failure}); ignored")
    elif _nothing_read(result, text):
        result.warnings.append("XMP packet present but no property could be read")
    return result


def parse_xmp_packets(packets: Sequence[bytes]) -> XmpResult:
    """Several packets of one file (PNG can hold a few), merged in file order.

    A property in a later packet replaces the same property of an earlier one: that is
    what exiftool reports when a PNG has both an ``iTXt`` packet and ImageMagick's
    ``Raw profile type xmp`` (ExifTool 12.57, either order).
    """
    if len(packets) <= 1:
        return parse_xmp(packets[0] if packets else None)
    merged = XmpResult()
    for packet in packets:
        one = parse_xmp(packet)
        merged.values.update(one.values)
        merged.warnings.extend(one.warnings)
    return merged


def repaired_xmp_data(packet: str) -> tuple[exiv2.XmpData | None, list[str]]:
    """exiv2 XmpData of a packet the SDK refused for repeated properties, or None.

    For the writer: exiv2 drops a packet it cannot parse and would write back only our
    fields, losing what the agency embedded; this gives it the packet as we read it.
    """
    repaired = drop_repeats(packet)
    if repaired is None:
        return None, []
    text = repaired[0]
    if not text.startswith("<?xpacket"):
        text = _XPACKET_BEGIN + text + _XPACKET_END
    side = exiv2.ImageFactory.open(text.encode("utf-8"))
    side.readMetadata()
    data = side.xmpData()
    return (data if data.count() else None), repaired[1]


def _nothing_read(result: XmpResult, text: str) -> bool:
    return not result.values and ("<rdf:li" in text or bool(_PROPERTY_ATTR_RE.search(text)))


def _parse_into(result: XmpResult, text: str) -> str | None:
    """Parse ``text`` with exiv2 into ``result``; the reason when the SDK failed."""
    try:
        # A packet read earlier may have re-bound a standard prefix to a misspelt URI in
        # exiv2's process-wide table; start every packet from the built-in table so one
        # odd file cannot change how the rest of the batch is read.
        reset_namespaces()
        image = exiv2.ImageFactory.open(text.encode("utf-8"))
        image.readMetadata()
        data = image.xmpData()
        for count, datum in enumerate(data, 1):
            if count > MAX_ENTRIES:
                result.warnings.append(f"XMP has more than {MAX_ENTRIES} properties; rest ignored")
                break
            v = _datum_value(datum)
            if v is not None:
                result.values[str(datum.key())] = v
    except Exception as exc:  # exiv2.Exiv2Error, and anything the SDK surfaces
        result.values.clear()
        return _short(exc)
    return None


def _short(exc: Exception) -> str:
    args = getattr(exc, "args", ())
    msg = args[-1] if args else exc
    return str(msg)[:120]
