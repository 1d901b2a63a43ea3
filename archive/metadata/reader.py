"""read_metadata: whole-file bytes → EmbeddedMetadata, or a clear ArchiveError.

Runs in importer worker processes. The only exceptions that leave this module
are MetadataError and UnsupportedFileError: the third-party parsers raise
whatever they like on hostile input, so the boundary catches broadly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import exiv2

from archive.errors import ArchiveError, MetadataError, UnsupportedFileError
from archive.filetypes import wording as W
from archive.filetypes.decoders import init_decoders
from archive.metadata import fields as F
from archive.metadata.container import extract_blocks, image_format, open_image, sniff
from archive.metadata.embedded import EmbeddedMetadata
from archive.metadata.exif import ExifResult, read_exif
from archive.metadata.iptc import (
    IimText,
    decode_iim,
    digest_state,
    fill_missing,
    iim_raw,
    parse_iim,
)
from archive.metadata.merge import merge_field
from archive.metadata.sidecar import Sidecar, merge_sidecar
from archive.metadata.truncation import jpeg_stray_bytes, truncation
from archive.metadata.values import (
    clean_text,
    parse_iim_datetime,
    parse_xmp_datetime,
    parse_xmp_gps,
)
from archive.metadata.xmp import XmpResult, parse_xmp_packets
from archive.provenance.read import read_provenance

_initialised = False


def init_worker() -> None:
    """Prepare this process for read_metadata; idempotent, call it in every process."""
    global _initialised
    if _initialised:
        return
    # The XMP SDK must be initialised once per process before any thread uses it.
    exiv2.XmpParser.initialize()
    exiv2.LogMsg.setLevel(exiv2.LogMsg.Level.mute)  # problems are reported per file instead
    try:
        exiv2.XmpProperties.ns(F.GETTY_PREFIX)
    except exiv2.Exiv2Error:
        exiv2.XmpProperties.registerNs(F.GETTY_NS, F.GETTY_PREFIX)
    init_decoders()  # HEIF opener, pixel and PNG text limits: the same as every decoder
    _initialised = True


def read_metadata(
    data: bytes,
    name: str = "",
    allow_truncated: bool = False,
    sidecar: Sidecar | None = None,
    trust_anchors: str | None = None,
) -> EmbeddedMetadata:
    """Read the embedded metadata of one image file from its whole bytes.

    ``name`` only labels messages. With ``allow_truncated`` a truncated file
    yields what metadata it holds (with a warning) instead of MetadataError.
    Raises UnsupportedFileError (not an image / unsupported format) or
    MetadataError (corrupt, truncated or hostile file); never anything else.
    A *sidecar* (its XMP) is merged in by archive.metadata.sidecar's rules.
    *trust_anchors* (PEM) are the archive's C2PA trust list (archive.provenance).
    """
    init_worker()
    label = f"{name}: " if name else ""
    try:
        return _read(data, name, allow_truncated, sidecar, trust_anchors)
    except ArchiveError as exc:
        raise type(exc)(f"{label}{exc}") from None
    except MemoryError:
        raise MetadataError(f"{label}file too large to read metadata") from None
    except Exception as exc:  # a parser's own words: translated into one per kind of damage
        kind = W.kind_of(exc)
        fmt = sniff(data) or "image"
        raise MetadataError(
            f"{label}{W.damage(fmt, W.HEADER if kind == W.DAMAGED else kind)}"
        ) from None


@dataclass
class _Sources:
    exif: ExifResult
    iim: IimText | None
    iim_raw_bytes: dict[str, list[bytes]]
    xmp: XmpResult
    iim_newer: bool


def _read(
    data: bytes,
    name: str,
    allow_truncated: bool,
    sidecar: Sidecar | None,
    trust_anchors: str | None = None,
) -> EmbeddedMetadata:
    im = open_image(data, name)
    fmt = image_format(im)
    warn: list[str] = []
    problem = truncation(fmt, data)
    if problem:
        if not allow_truncated:
            raise MetadataError(problem)
        warn.append(problem)
    stray = jpeg_stray_bytes(data) if fmt == "JPEG" else 0
    if stray:
        warn.append(W.odd(fmt, f"{stray} stray bytes among its header markers"))
    blocks = extract_blocks(im, data, fmt)
    warn.extend(blocks.warnings)
    raw: dict[str, Any] = {"exif": {}, "iptc": {}, "xmp": {}}

    exif = ExifResult(raw={})
    if blocks.exif:
        try:
            exif = read_exif(blocks.exif)
        except Exception as exc:  # exifread: IndexError, ValueError, AssertionError, KeyError…
            warn.append(f"EXIF unreadable ({type(exc).__name__}); ignored")
    raw["exif"] = exif.raw
    if blocks.iim is None and exif.iptc_naa:
        blocks.iim = exif.iptc_naa

    iim: IimText | None = None
    if blocks.iim:
        block = parse_iim(blocks.iim)
        iim = decode_iim(block)
        warn.extend(iim.warnings)
        raw["iptc"] = iim_raw(block, iim)
    if blocks.iim_trailer:
        trailer_block = parse_iim(blocks.iim_trailer)
        trailer = decode_iim(trailer_block)
        trailer.warnings = [f"FotoStation trailer: {w}" for w in trailer.warnings]
        raw["iptc2"] = iim_raw(trailer_block, trailer)
        iim = fill_missing(iim, trailer)
        warn.extend(trailer.warnings)
    state = digest_state(blocks.irb)
    if state is not None:
        raw["photoshop"] = {"IPTCDigestCurrent": state}

    xmp = parse_xmp_packets(blocks.xmp_packets or ([blocks.xmp] if blocks.xmp else []))
    warn.extend(xmp.warnings)
    raw["xmp"] = xmp.values

    src = _Sources(exif, iim, iim.raw_bytes if iim else {}, xmp, state is False)
    values = _merge_fields(src, warn)
    taken_at = _taken_at(src)
    if sidecar is not None:
        values, raw["xmp_sidecar"], side_taken = merge_sidecar(values, sidecar, warn)
        taken_at = taken_at or side_taken
    prov = read_provenance(data, fmt, raw["xmp"], raw["iptc"], trust_anchors)
    if prov.credentials is not None:
        raw["c2pa"] = prov.credentials  # the manifest store and its reading: evidence
    return EmbeddedMetadata(
        format=fmt,
        width=blocks.width,
        height=blocks.height,
        orientation=exif.orientation,
        taken_at=taken_at,
        camera_make=exif.make,
        camera_model=exif.model,
        lens=exif.lens or _first_xmp(xmp, F.XMP_LENS),
        gps_lat=exif.gps_lat if exif.gps_lat is not None else _xmp_gps(xmp, "Latitude"),
        gps_lon=exif.gps_lon if exif.gps_lat is not None else _xmp_gps(xmp, "Longitude"),
        release_at=_iim_datetime(iim, F.IIM_RELEASE),
        expires_at=_iim_datetime(iim, F.IIM_EXPIRES),
        raw=raw,
        warnings=tuple(dict.fromkeys(warn)),
        digital_source_type=prov.digital_source_type,
        data_mining=prov.data_mining,
        c2pa_state=prov.c2pa_state,
        **values,
    )


def _merge_fields(src: _Sources, warn: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in F.FIELDS:
        xmp_vals: list[str] = []
        for key in spec.xmp:
            xmp_vals = src.xmp.list(key)
            if any(clean_text(v) for v in xmp_vals):
                break
        iim_vals = src.iim.text.get(spec.iim, []) if (src.iim and spec.iim) else []
        iim_bytes = src.iim_raw_bytes.get(spec.iim, []) if spec.iim else []
        exif_vals: list[str] = []
        if spec.exif and spec.exif in src.exif.raw:
            exif_vals = [src.exif.raw[spec.exif]]
        value, note = merge_field(spec, xmp_vals, iim_vals, iim_bytes, exif_vals, src.iim_newer)
        if note:
            warn.append(note)
        out[spec.name] = value
    return out


def _first_xmp(xmp: XmpResult, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        text = clean_text(xmp.text(key))
        if text:
            return text
    return None


def _xmp_gps(xmp: XmpResult, axis: str) -> float | None:
    lat = parse_xmp_gps(xmp.text("Xmp.exif.GPSLatitude"))
    lon = parse_xmp_gps(xmp.text("Xmp.exif.GPSLongitude"))
    if lat is None or lon is None:
        return None
    return lat if axis == "Latitude" else lon


def _iim_datetime(iim: IimText | None, keys: tuple[str, str]) -> datetime | None:
    if iim is None:
        return None
    d = iim.text.get(keys[0])
    t = iim.text.get(keys[1])
    return parse_iim_datetime(d[0] if d else None, t[0] if t else None)


def _taken_at(src: _Sources) -> datetime | None:
    if src.exif.taken_at:
        return src.exif.taken_at
    for key in F.XMP_TAKEN:
        dt = parse_xmp_datetime(src.xmp.text(key))
        if dt:
            return dt
    return _iim_datetime(src.iim, F.IIM_CREATED)


__all__ = ["MetadataError", "UnsupportedFileError", "init_worker", "read_metadata"]
