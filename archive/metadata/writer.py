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
* The pixels are never re-encoded, by construction: exiv2 is given only the
  header segments and the first scan header (a tiny stub), and the output is its
  new headers followed by the input's own bytes from the first SOS marker on,
  appended as a view, never decoded or copied through exiv2. What is checked on
  every write is the seam: exiv2's output must end with the stub's scan header
  unchanged and its headers must parse up to that scan (``new_header``), else
  nothing is written. ``image_data_digest`` lets a caller or test prove the
  image data equal (tests/archive/metadata/test_writer.py does).
* exiv2 rewrites the IIM block but not the Photoshop IPTC digest, so the
  writer sets it (IRB 0x0425 = MD5 of the IIM) after exiv2: readers then know
  that IIM and XMP agree.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import exiv2

from archive.errors import MetadataError
from archive.metadata import fields as F
from archive.metadata.container import sniff
from archive.metadata.iptc import decode_iim, digest_state, parse_iim
from archive.metadata.merge import same_text
from archive.metadata.reader import init_worker, read_metadata
from archive.metadata.trailers import fotostation_iptc
from archive.metadata.writer_datums import SPEC_NAME, DatumWriter, cut_utf8
from archive.metadata.writer_jpeg import (
    fix_iptc_digest,
    header_stub,
    iim_block,
    image_data_digest,
    image_data_span,
    new_header,
    parse_resources,
    photoshop_irb,
    tidy_header,
)
from archive.metadata.writer_pixels import make_derivative
from archive.metadata.xmp import repaired_xmp_data, reset_namespaces

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
    supplier_image_id: str | None = None  # XMP plus:ImageSupplierImageID only (no IIM)
    keywords: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    event: str | None = None
    city: str | None = None
    sublocation: str | None = None
    state: str | None = None
    country: str | None = None
    country_code: str | None = None
    date_created: datetime | str | None = None  # "" removes
    alt_text: str | None = None
    extended_description: str | None = None
    creator_job_title: str | None = None
    job_id: str | None = None
    rating: str | None = None  # xmp:Rating ("3"; "" removes)
    label: str | None = None  # xmp:Label ("Red"; "" removes)
    # IPTC Digital Source Type (NewsCodes term), XMP Iptc4xmpExt:DigitalSourceType only.
    digital_source_type: str | None = None


@dataclass(frozen=True)
class WriteResult:
    # The new file in pieces: the rewritten headers, then the original's image data as a
    # view (never copied — it is byte for byte what the original holds).
    parts: tuple[bytes | memoryview, ...]
    # One line per IIM value that had to be cut, e.g. "credit_line: IIM 2:110 keeps
    # 'Mike Marsland/WireImage/Getty Im' (32 of 36 bytes); XMP has the full value".
    truncated: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def data(self) -> bytes:
        return b"".join(self.parts)

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.parts)

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for part in self.parts:
            digest.update(part)
        return digest.hexdigest()


def write_metadata(data: bytes, fields: WriteFields) -> WriteResult:
    """``data`` (a JPEG) with ``fields`` written; MetadataError when that is impossible."""
    init_worker()
    _check_format(data)
    tidy = tidy_header(data)  # stray bytes among the header markers (an odd, readable file)
    notes = ("stray bytes among the JPEG header markers dropped; image data unchanged",)
    if tidy is not None:
        data = tidy
    span = image_data_span(data)  # also rejects truncated / corrupt JPEGs up front
    changes = normalise_fields(fields)
    if not changes:
        return WriteResult((data,), warnings=notes if tidy is not None else ())
    try:
        result = _write(data, changes, span)
    except exiv2.Exiv2Error as exc:
        raise MetadataError(f"cannot write metadata: {exc}") from None
    if tidy is None:
        return result
    return dataclasses.replace(result, warnings=(*notes, *result.warnings))


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


def normalise_fields(wf: WriteFields) -> dict[str, Any]:
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


def _touches_iim(changes: dict[str, Any]) -> bool:
    for name in changes:
        spec = F.FIELDS_BY_NAME.get(SPEC_NAME.get(name, name))
        if name == "date_created" or (spec is not None and spec.iim):
            return True
    return False


def _iim_charset_fix(w: DatumWriter, data: bytes, warnings: list[str]) -> None:
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


def _sync_stale_iim(
    w: DatumWriter, data: bytes, changes: dict[str, Any], warnings: list[str]
) -> None:
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
        spec = F.FIELDS_BY_NAME.get(SPEC_NAME.get(attr, attr))
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


def _repair_repeated_xmp(image: Any, warnings: list[str]) -> None:
    """A packet exiv2 refused (a property stated twice) is kept, read as the reader does."""
    packet = str(image.xmpPacket())
    if image.xmpData().count() or not packet.strip():
        return
    data, notes = repaired_xmp_data(packet)
    if data is not None:
        image.setXmpData(data)
        warnings.append("XMP stated a property twice; written once, with the last value")
        warnings.extend(notes)


def _stale_trailer(data: bytes, changes: dict[str, Any]) -> str | None:
    """A FotoStation trailer (after the image data, kept byte for byte) that now disagrees.

    The writer updates XMP, APP13 IIM and EXIF; FotoStation's own IPTC trailer travels
    unchanged with the image data, and FotoWare tools may show it in place of APP13.
    """
    block = fotostation_iptc(data)
    if not block:
        return None
    trailer = decode_iim(parse_iim(block))
    stale = []
    for name, value in changes.items():
        spec = F.FIELDS_BY_NAME.get(SPEC_NAME.get(name, name))
        if spec is None or spec.iim is None or spec.iim not in trailer.text:
            continue
        new = value if isinstance(value, tuple) else ((value,) if value else ())
        old = trailer.text[spec.iim]
        raw = trailer.raw_bytes.get(spec.iim, [])
        if len(new) != len(old) or not all(
            same_text(n, o.strip(), r, spec.iim_limit)
            for n, o, r in zip(new, old, raw, strict=False)
        ):
            stale.append(spec.name)
    if not stale:
        return None
    return (
        "the FotoStation IPTC trailer after the image still holds the agency's "
        + ", ".join(stale)
        + "; FotoWare tools may show those instead of the values written"
    )


def ensure_namespaces() -> None:
    for prefix, uri in _NAMESPACES.items():
        if exiv2.XmpProperties.ns(prefix) != uri:
            exiv2.XmpProperties.registerNs(uri, prefix)


def _write(data: bytes, changes: dict[str, Any], span: tuple[int, int]) -> WriteResult:
    # exiv2 rewrites the segments before the first scan and copies the rest verbatim,
    # megabytes it never looks at; it gets the headers and the scan header only (a
    # valid, tiny JPEG), and the original's image data is appended untouched.
    stub = header_stub(data, span[0])
    # Reading any file may re-bind a standard prefix process-wide (see xmp.py).
    reset_namespaces()
    image = exiv2.ImageFactory.open(stub)
    image.readMetadata()  # the file itself may re-bind a prefix: check after it
    warnings: list[str] = []
    _repair_repeated_xmp(image, warnings)
    if note := _stale_trailer(data, changes):
        warnings.append(note)
    ensure_namespaces()
    w = DatumWriter(image)
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
        header = new_header(io_.mmap(), stub, span[0])
    finally:
        io_.munmap()
        io_.close()
    parts = (fix_iptc_digest(header), memoryview(data)[span[0] :])
    return WriteResult(parts, tuple(w.truncated), tuple(warnings))


__all__ = [
    "WriteFields",
    "WriteResult",
    "cut_utf8",
    "image_data_digest",
    "make_derivative",
    "write_metadata",
]
