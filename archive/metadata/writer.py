"""write_metadata: put captions and credits into a JPEG, losslessly, in XMP, IIM and EXIF.

Ground rules (DESIGN.md, "Metadata ground rules"):

* XMP is the master copy and always gets the full value. IIM is the legacy copy:
  written as UTF-8 with ``1:90 = ESC % G``, cut to its byte limit
  (``fields.py``) at a character boundary, every cut reported in
  ``WriteResult.truncated``. EXIF ImageDescription / Artist / Copyright are
  written as UTF-8 bytes in the ASCII-typed tags: exiftool, exiv2, exifread
  (our reader) and current desktop software read them as UTF-8; the
  alternative (pure ASCII) would lose every accented name.
* Only the fields given are touched: ``None`` leaves what the file has,
  ``""`` (or ``()`` for lists) removes the field from XMP, IIM and EXIF alike.
  Everything the agency embedded that we did not change stays as it was.
* The pixels are never re-encoded: the output's image data (first SOS through
  EOI) is byte-identical to the input's, and this is checked on every write.
* exiv2 rewrites the IIM block but not the Photoshop IPTC digest, so the
  writer sets it (IRB 0x0425 = MD5 of the IIM) after exiv2: readers then know
  that IIM and XMP agree.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import exiv2

from archive.errors import MetadataError
from archive.metadata import fields as F
from archive.metadata.container import sniff
from archive.metadata.iptc import decode_iim, digest_state, parse_iim
from archive.metadata.reader import init_worker, read_metadata
from archive.metadata.writer_jpeg import (
    fix_iptc_digest,
    header_segments,
    iim_block,
    image_data_digest,
    image_data_span,
    parse_resources,
    photoshop_irb,
)
from archive.metadata.writer_pixels import make_derivative
from archive.metadata.xmp import reset_namespaces

# XMP value kinds of the keys the writer sets (fields.py says where, not how).
_LANG_ALT = frozenset(
    {
        "Xmp.dc.description",
        "Xmp.dc.title",
        "Xmp.dc.rights",
        "Xmp.xmpRights.UsageTerms",
        "Xmp.iptcExt.Event",
    }
)
_SEQ = frozenset({"Xmp.dc.creator"})
# WriteFields attribute → fields.py name (where they differ).
_SPEC_NAME = {"creator": "creators"}
XMP_DATE_CREATED = "Xmp.photoshop.DateCreated"
# exiv2 keeps one process-wide prefix → namespace table, and decoding a file whose packet
# binds a standard prefix to a misspelt URI (xmlns:photoshop="…/phoXoshop/…") silently
# re-binds the prefix for every later write in the process: xmp.reset_namespaces().
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "iptc": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "iptcExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    F.GETTY_PREFIX: F.GETTY_NS,
}
_IIM_VERSION = 4
_UTF8_ESCAPE = "\x1b%G"


@dataclass(frozen=True)
class WriteFields:
    """What to write. ``None`` = leave what the file has; ``""`` / ``()`` = remove the field.

    Text is NFC-normalised and stripped; blank text counts as ``""``.
    ``date_created`` is the IPTC "date created" (XMP photoshop:DateCreated,
    IIM 2:55/2:60), not the camera's capture time, which stays in EXIF.
    """

    caption: str | None = None
    headline: str | None = None
    title: str | None = None
    creator: str | None = None
    credit_line: str | None = None
    source: str | None = None
    copyright: str | None = None
    usage_terms: str | None = None
    special_instructions: str | None = None
    keywords: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    event: str | None = None
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    country_code: str | None = None
    date_created: datetime | str | None = None  # "" removes


@dataclass(frozen=True)
class WriteResult:
    data: bytes
    # One line per IIM value that had to be cut, e.g. "credit_line: IIM 2:110 keeps
    # 'Mike Marsland/WireImage/Getty Im' (32 of 36 bytes); XMP has the full value".
    truncated: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def cut_utf8(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a character.

    Also never leaves a base letter without the combining marks that follow it.
    """
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    cut = raw[:limit].decode("utf-8", errors="ignore")  # drops a split trailing character
    while cut and unicodedata.combining(text[len(cut)]):
        cut = cut[:-1]
    return cut.rstrip()


def write_metadata(data: bytes, fields: WriteFields) -> WriteResult:
    """``data`` (a JPEG) with ``fields`` written; MetadataError when that is impossible."""
    init_worker()
    _check_format(data)
    span = image_data_span(data)  # also rejects truncated / corrupt JPEGs up front
    changes = _normalise(fields)
    if not changes:
        return WriteResult(data)
    try:
        return _write(data, changes, span)
    except exiv2.Exiv2Error as exc:
        raise MetadataError(f"cannot write metadata: {exc}") from None


def _check_format(data: bytes) -> None:
    kind = sniff(data)
    if kind == "JPEG":
        return
    if kind is None:
        raise MetadataError("cannot write metadata: not a recognised image file")
    if kind in ("HEIF", "AVIF"):
        raise MetadataError("cannot write metadata into HEIF files; export a JPEG derivative")
    raise MetadataError(f"cannot write metadata into {kind} files yet; export a JPEG derivative")


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _normalise(wf: WriteFields) -> dict[str, Any]:
    """Attribute → cleaned value for the fields to touch ("" / () mean remove)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(wf):
        value = getattr(wf, f.name)
        if value is None:
            continue
        if f.name == "date_created":
            if isinstance(value, str) and value.strip():
                raise MetadataError('date_created must be a datetime, or "" to remove it')
            out[f.name] = value if isinstance(value, datetime) else ""
        elif isinstance(value, tuple | list):
            items = (_clean(v) for v in value)
            out[f.name] = tuple(dict.fromkeys(v for v in items if v))
        else:
            out[f.name] = _clean(value)
    return out


class _Writer:
    def __init__(self, image: Any) -> None:
        self.xmp = image.xmpData()
        self.iptc = image.iptcData()
        self.exif = image.exifData()
        self.truncated: list[str] = []
        self.iim_touched = False

    # --- removal -------------------------------------------------------------
    @staticmethod
    def _erase_all(data: Any, key: Any) -> None:
        while True:
            pos = data.findKey(key)
            if pos == data.end():
                return
            data.erase(pos)

    def erase_xmp(self, key: str) -> None:
        self._erase_all(self.xmp, exiv2.XmpKey(key))

    def erase_iim(self, dataset: str) -> None:
        record, number = (int(p) for p in dataset.split(":"))
        key = exiv2.IptcKey(number, record)
        if self.iptc.findKey(key) != self.iptc.end():
            self.iim_touched = True
        self._erase_all(self.iptc, key)

    def erase_exif(self, key: str) -> None:
        self._erase_all(self.exif, exiv2.ExifKey(key))

    # --- setting -------------------------------------------------------------
    def set_xmp(self, key: str, value: str | tuple[str, ...]) -> None:
        self.erase_xmp(key)  # drops stale translations of a lang-alt too
        if isinstance(value, tuple):
            kind = exiv2.TypeId.xmpSeq if key in _SEQ else exiv2.TypeId.xmpBag
            self.xmp[key] = exiv2.XmpArrayValue(list(value), kind)
        elif key in _LANG_ALT:
            self.xmp[key] = exiv2.LangAltValue({"x-default": value})
        else:
            text = exiv2.XmpTextValue()
            # exiv2 parses a leading 'type=…' as an array-type marker; an empty
            # marker in front makes it take the rest literally.
            text.read(f'type="" {value}' if value.startswith("type=") else value)
            self.xmp[key] = text

    def set_iim(self, name: str, dataset: str, values: tuple[str, ...], limit: int | None) -> None:
        self.erase_iim(dataset)
        self.iim_touched = True
        record, number = (int(p) for p in dataset.split(":"))
        for value in values:
            kept = cut_utf8(value, limit) if limit else value
            if kept != value:
                self.truncated.append(
                    f"{name}: IIM {dataset} keeps {kept!r} ({len(kept.encode())} of "
                    f"{len(value.encode())} bytes); XMP has the full value"
                )
            if not kept:
                continue
            datum = exiv2.Iptcdatum(exiv2.IptcKey(number, record))
            datum.setValue(kept)
            self.iptc.add(datum)

    def set_exif(self, key: str, value: str) -> None:
        self.erase_exif(key)
        self.exif[key] = value

    def field(self, name: str, value: str | tuple[str, ...]) -> None:
        spec = F.FIELDS_BY_NAME[_SPEC_NAME.get(name, name)]
        values = value if isinstance(value, tuple) else ((value,) if value else ())
        if not values:
            for key in spec.xmp:
                self.erase_xmp(key)
            if spec.iim:
                self.erase_iim(spec.iim)
            if spec.exif:
                self.erase_exif(_exiv2_exif_key(spec.exif))
            return
        self.set_xmp(spec.xmp[0], value)
        if spec.iim:
            self.set_iim(name, spec.iim, values, spec.iim_limit)
        if spec.exif:
            self.set_exif(_exiv2_exif_key(spec.exif), "; ".join(values))

    def date_created(self, value: datetime | str) -> None:
        date_key, time_key = F.IIM_CREATED
        if not isinstance(value, datetime):
            self.erase_xmp(XMP_DATE_CREATED)
            self.erase_iim(date_key)
            self.erase_iim(time_key)
            return
        value = value.replace(microsecond=0)
        self.set_xmp(XMP_DATE_CREATED, value.isoformat())
        self.erase_iim(date_key)
        self.erase_iim(time_key)
        self.iim_touched = True
        self.iptc["Iptc.Application2.DateCreated"] = value.strftime("%Y-%m-%d")
        if value.utcoffset() is not None:
            # IIM time always states an offset; a naive time has none to state, so IIM
            # gets the date only and XMP keeps the time.
            self.iptc["Iptc.Application2.TimeCreated"] = value.isoformat()[11:]

    def finish_iim(self) -> None:
        """UTF-8 charset and record versions on a touched IIM; no IIM left if it is empty."""
        if not self.iim_touched:
            return
        bookkeeping = {
            "Iptc.Envelope.CharacterSet",
            "Iptc.Envelope.ModelVersion",
            "Iptc.Application2.RecordVersion",
        }
        if all(d.key() in bookkeeping for d in self.iptc):
            self.iptc.clear()
            return
        self.iptc["Iptc.Envelope.CharacterSet"] = _UTF8_ESCAPE
        for key in ("Iptc.Envelope.ModelVersion", "Iptc.Application2.RecordVersion"):
            if key not in self.iptc:
                self.iptc[key] = exiv2.UShortValue(_IIM_VERSION)


def _exiv2_exif_key(exifread_name: str) -> str:
    ifd, _, tag = exifread_name.partition(" ")  # "Image Artist" → "Exif.Image.Artist"
    return f"Exif.{ifd}.{tag}"


def _touches_iim(changes: dict[str, Any]) -> bool:
    for name in changes:
        spec = F.FIELDS_BY_NAME.get(_SPEC_NAME.get(name, name))
        if name == "date_created" or (spec is not None and spec.iim):
            return True
    return False


def _iim_charset_fix(w: _Writer, data: bytes, warnings: list[str]) -> None:
    """Re-encode untouched legacy (non-UTF-8) IIM text as UTF-8 before we declare UTF-8."""
    block = iim_block(data)
    if not block:
        return
    decoded = decode_iim(parse_iim(block))
    if decoded.encoding == "utf-8":
        return
    for dataset, values in decoded.text.items():
        w.set_iim(dataset, dataset, tuple(values), None)
    warnings.append(f"IIM re-encoded from {decoded.encoding} to UTF-8")


def _sync_stale_iim(w: _Writer, data: bytes, changes: dict[str, Any], warnings: list[str]) -> None:
    """When IIM was edited after XMP (stale digest), copy its winning values into XMP.

    We are about to make the digest current, which tells readers to trust XMP:
    without this, untouched fields would fall back to the older XMP values.
    """
    resources, _ = parse_resources(photoshop_irb(data))
    irb = {r.res_id: r.data for r in resources}
    if digest_state(irb) is not False:
        return
    meta = read_metadata(data)
    synced = []
    for attr in (f.name for f in dataclasses.fields(WriteFields)):
        spec = F.FIELDS_BY_NAME.get(_SPEC_NAME.get(attr, attr))
        if attr in changes or spec is None or not spec.iim:
            continue
        value = getattr(meta, spec.name)
        if value:
            w.set_xmp(spec.xmp[0], value)
            synced.append(attr)
    if synced:
        warnings.append(
            "IIM was edited after XMP (stale IPTC digest); XMP updated from IIM for: "
            + ", ".join(synced)
        )


def _ensure_namespaces() -> None:
    for prefix, uri in _NAMESPACES.items():
        if exiv2.XmpProperties.ns(prefix) != uri:
            exiv2.XmpProperties.registerNs(uri, prefix)


def _write(data: bytes, changes: dict[str, Any], span: tuple[int, int]) -> WriteResult:
    # Reading any file may re-bind a standard prefix process-wide (see xmp.py).
    reset_namespaces()
    image = exiv2.ImageFactory.open(data)
    image.readMetadata()  # the file itself may re-bind a prefix: check after it
    _ensure_namespaces()
    w = _Writer(image)
    warnings: list[str] = []
    _sync_stale_iim(w, data, changes, warnings)
    if _touches_iim(changes):
        _iim_charset_fix(w, data, warnings)  # before our values, which are UTF-8 already
    for name, value in changes.items():
        if name == "date_created":
            w.date_created(value)
        else:
            w.field(name, value)
    w.finish_iim()
    image.writeMetadata()
    io_ = image.io()
    io_.open()
    try:
        out = bytes(io_.mmap())
    finally:
        io_.munmap()
        io_.close()
    out = fix_iptc_digest(out)
    # The image data must follow the new headers unchanged: compare it where the first
    # scan now starts (a memcmp; no second scan through megabytes of entropy data).
    _, start = header_segments(out)
    if out[start : start + span[1] - span[0]] != data[span[0] : span[1]]:
        raise MetadataError("metadata write changed the image data; nothing written")
    return WriteResult(out, tuple(w.truncated), tuple(warnings))


__all__ = [
    "WriteFields",
    "WriteResult",
    "cut_utf8",
    "image_data_digest",
    "make_derivative",
    "write_metadata",
]
