"""IPTC IIM: Photoshop image resources, the IIM record stream and its charsets.

We parse IIM ourselves instead of asking exiv2 because exiv2 hands strings
back already decoded (as UTF-8, replacing what it cannot), which loses the
bytes we need to honour ``1:90`` and to guess undeclared legacy charsets.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

from archive.metadata.fields import IIM_BINARY, IIM_CHARSET, IIM_REPEATABLE

IRB_IIM = 0x0404
IRB_IPTC_DIGEST = 0x0425
PHOTOSHOP_HEADER = b"Photoshop 3.0\x00"

# ISO 2022 escape sequences seen in 1:90 → Python codec.
_ESCAPES: dict[bytes, str] = {
    b"\x1b%G": "utf-8",
    b"\x1b%/G": "utf-8",
    b"\x1b%/H": "utf-8",
    b"\x1b%/I": "utf-8",
    b"\x1b-A": "latin-1",
    b"\x1b.A": "latin-1",
    b"\x1b-B": "iso8859-2",
    b"\x1b-C": "iso8859-3",
    b"\x1b-D": "iso8859-4",
    b"\x1b-L": "iso8859-5",
    b"\x1b-G": "iso8859-6",
    b"\x1b-F": "iso8859-7",
    b"\x1b-H": "iso8859-8",
    b"\x1b-M": "iso8859-9",
    b"\x1b-b": "iso8859-15",
}


@dataclass
class IimBlock:
    """Every dataset of one IIM stream, as bytes, in file order."""

    datasets: list[tuple[str, bytes]] = field(default_factory=list)
    charset_declared: bytes | None = None

    def values(self, key: str) -> list[bytes]:
        return [v for k, v in self.datasets if k == key]


@dataclass
class IimText:
    """IIM decoded to text, with what we decided about the charset."""

    text: dict[str, list[str]]
    raw_bytes: dict[str, list[bytes]]
    encoding: str
    declared: bool
    warnings: list[str]


def parse_irb(data: bytes) -> dict[int, bytes]:
    """Photoshop image resource blocks (``8BIM`` id, Pascal name, size, data)."""
    out: dict[int, bytes] = {}
    pos, end = 0, len(data)
    while pos + 12 <= end:
        if data[pos : pos + 4] not in (b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa"):
            break
        res_id = struct.unpack_from(">H", data, pos + 4)[0]
        name_len = data[pos + 6]
        pos += 7 + name_len
        if (name_len + 1) % 2:  # the Pascal name is padded to an even length
            pos += 1
        if pos + 4 > end:
            break
        size = struct.unpack_from(">I", data, pos)[0]
        pos += 4
        if pos + size > end:  # truncated resource: keep what is there, stop
            out.setdefault(res_id, data[pos:end])
            break
        out.setdefault(res_id, data[pos : pos + size])
        pos += size + (size % 2)
    return out


def irb_from_app13(segments: list[bytes]) -> bytes:
    """Join APP13 payloads: Photoshop splits big resources across segments."""
    parts = [s[len(PHOTOSHOP_HEADER) :] for s in segments if s.startswith(PHOTOSHOP_HEADER)]
    return b"".join(parts)


def _records(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    pos, end = 0, len(data)
    while pos + 5 <= end and data[pos] == 0x1C:
        record, dataset = data[pos + 1], data[pos + 2]
        length = struct.unpack_from(">H", data, pos + 3)[0]
        pos += 5
        if length & 0x8000:  # extended dataset: the next N bytes hold the length
            n = length & 0x7FFF
            if n > 4 or pos + n > end:
                return
            length = int.from_bytes(data[pos : pos + n], "big")
            pos += n
        value = data[pos : pos + length]
        pos += length
        yield record, dataset, value


def parse_iim(data: bytes) -> IimBlock:
    block = IimBlock()
    for record, dataset, value in _records(data):
        key = f"{record}:{dataset:02d}"
        block.datasets.append((key, value))
        if key == IIM_CHARSET and block.charset_declared is None:
            block.charset_declared = value
    return block


def digest_state(irb: dict[int, bytes]) -> bool | None:
    """True: IIM unchanged since the XMP was written; False: IIM edited later; None: no digest."""
    digest = irb.get(IRB_IPTC_DIGEST)
    iim = irb.get(IRB_IIM)
    if digest is None or len(digest) != 16 or iim is None:
        return None
    if hashlib.md5(iim).digest() == digest:
        return True
    # Some writers hash the block including its even-length pad byte.
    return hashlib.md5(iim.rstrip(b"\x00")).digest() == digest


def escape_name(value: bytes) -> str:
    """``b"\\x1b%G"`` → ``"ESC % G"`` (the spelling exiftool prints)."""
    return " ".join("ESC" if b == 0x1B else chr(b) for b in value)


def _legacy_decode(value: bytes) -> str:
    try:
        return value.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D… are undefined in cp1252; Latin-1 never fails
        return value.decode("latin-1")


def decode_iim(block: IimBlock) -> IimText:
    """Decode text datasets by 1:90; undeclared → strict UTF-8 for the block, else cp1252."""
    warnings: list[str] = []
    text_items = [(k, v) for k, v in block.datasets if k not in IIM_BINARY]
    declared = block.charset_declared
    encoding: str
    if declared is not None:
        codec = _ESCAPES.get(declared.strip())
        if codec is None:
            warnings.append(
                f"IIM declares an unknown character set ({escape_name(declared)}); guessed"
            )
    else:
        codec = None
    if codec is None:
        # One writer wrote the whole block, so decide once: mixing UTF-8 and
        # cp1252 within one file would hide a wrong guess.
        non_ascii = [v for _, v in text_items if not v.isascii()]
        try:
            for v in non_ascii:
                v.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
            warnings.append("IIM has no character set and is not UTF-8; decoded as cp1252")
        is_declared = False
    else:
        encoding = codec
        is_declared = True
    text: dict[str, list[str]] = {}
    raw: dict[str, list[bytes]] = {}
    for key, value in text_items:
        if encoding == "cp1252":
            s = _legacy_decode(value)
        else:
            try:
                s = value.decode(encoding)
            except UnicodeDecodeError:
                s = value.decode(encoding, errors="replace")
                warnings.append(f"IIM {key} is not valid {encoding}; bad bytes replaced")
        text.setdefault(key, []).append(s)
        raw.setdefault(key, []).append(value)
    return IimText(text, raw, encoding, is_declared, warnings)


def fill_missing(primary: IimText | None, extra: IimText) -> IimText:
    """``primary`` with the datasets only ``extra`` has added (each block keeps its charset).

    Used for FotoStation's trailer IIM (group IPTC2 in exiftool): a dataset of the APP13
    block wins, as ``exiftool -Caption-Abstract`` shows the APP13 one when both exist
    and the trailer's when only it has one. (exiftool's MWG mode ignores a trailer's
    IPTC altogether; we read it, since FotoStation users put the caption only there.)
    """
    if primary is None:
        return extra
    text = {**primary.text}
    raw = {**primary.raw_bytes}
    for key, values in extra.text.items():
        if key not in text:
            text[key] = values
            raw[key] = extra.raw_bytes.get(key, [])
    warnings = primary.warnings + [w for w in extra.warnings if w not in primary.warnings]
    return IimText(text, raw, primary.encoding, primary.declared, warnings)


def _binary_repr(key: str, value: bytes) -> str:
    if key == IIM_CHARSET:
        return escape_name(value)
    if key in ("1:00", "2:00", "1:20", "1:22", "1:120") and 1 <= len(value) <= 4:
        return str(int.from_bytes(value, "big"))
    return f"<binary {len(value)} bytes>"


def iim_raw(block: IimBlock, decoded: IimText, max_value: int = 100_000) -> dict[str, object]:
    """JSON-ready ``{"2:120": str, "2:25": [str, …]}``; repeatable datasets are always lists."""
    out: dict[str, object] = {}
    binaries: dict[str, list[str]] = {}
    for key, value in block.datasets:
        if key in IIM_BINARY:
            binaries.setdefault(key, []).append(_binary_repr(key, value))
    merged: dict[str, list[str]] = {**binaries}
    for key, values in decoded.text.items():
        merged[key] = [v[:max_value] for v in values]
    for key in sorted(merged, key=_sort_key):
        values = merged[key]
        out[key] = values if (key in IIM_REPEATABLE or len(values) > 1) else values[0]
    return out


def _sort_key(key: str) -> tuple[int, int]:
    rec, ds = key.split(":")
    return int(rec), int(ds)
