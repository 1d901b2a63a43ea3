"""Write the metadata as an XMP sidecar instead of into the picture.

For a file that must stay byte-identical (a signed original, a legal hold, a format we
cannot write into), export hands over the agency's bytes unchanged and puts what we
know in ``NAME.xmp`` beside it: the file's own XMP, with our fields set by the same
DatumWriter the embedded writer uses, so both say the same thing in the same XMP.
"""

from __future__ import annotations

from typing import Any

import exiv2

from archive.errors import MetadataError
from archive.metadata.reader import init_worker
from archive.metadata.writer import WriteFields, ensure_namespaces, normalise_fields
from archive.metadata.writer_datums import DatumWriter
from archive.metadata.xmp import reset_namespaces

_FLAGS = exiv2.XmpParser.XmpFormatFlags


class _XmpOnly:
    """What DatumWriter needs of an image: the IIM and EXIF it fills are thrown away."""

    def __init__(self, xmp: Any) -> None:
        self._xmp, self._iptc, self._exif = xmp, exiv2.IptcData(), exiv2.ExifData()

    def xmpData(self) -> Any:
        return self._xmp

    def iptcData(self) -> Any:
        return self._iptc

    def exifData(self) -> Any:
        return self._exif


def _embedded_xmp(data: bytes) -> Any:
    xmp = exiv2.XmpData()
    try:
        image = exiv2.ImageFactory.open(data)
        image.readMetadata()
        for datum in image.xmpData():
            xmp.add(datum)
    except exiv2.Exiv2Error:
        pass  # a format exiv2 cannot read: the sidecar holds only our fields
    return xmp


def sidecar_packet(data: bytes, fields: WriteFields) -> bytes:
    """An XMP sidecar (UTF-8, no packet wrapper) for the picture *data* with *fields* set."""
    init_worker()
    reset_namespaces()
    xmp = _embedded_xmp(data)
    ensure_namespaces()
    writer = DatumWriter(_XmpOnly(xmp))
    for name, value in normalise_fields(fields).items():
        if name == "date_created":
            writer.date_created(value)
        else:
            writer.field(name, value)
    rc, packet = exiv2.XmpParser.encode(xmp, _FLAGS.omitPacketWrapper | _FLAGS.useCompactFormat)
    if rc != 0:
        raise MetadataError(f"cannot write the XMP sidecar (exiv2 error {rc})")
    header = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return (header + str(packet)).encode("utf-8")
