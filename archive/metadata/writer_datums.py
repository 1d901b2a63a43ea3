"""The exiv2 side of the metadata writer: one field set or erased in XMP, IIM and EXIF alike.

IIM values are cut to their byte limits at character boundaries (``cut_utf8``) and every
cut is recorded, so the export can say what the legacy copy lost.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

import exiv2

from archive.metadata import fields as F

# XMP value kinds of the keys the writer sets (fields.py says where, not how).
_LANG_ALT = frozenset(
    {
        "Xmp.dc.description",
        "Xmp.dc.title",
        "Xmp.dc.rights",
        "Xmp.xmpRights.UsageTerms",
        "Xmp.iptcExt.Event",
        "Xmp.iptc.AltTextAccessibility",
        "Xmp.iptc.ExtDescrAccessibility",
    }
)
_SEQ = frozenset({"Xmp.dc.creator"})
# WriteFields attribute → fields.py name (where they differ).
SPEC_NAME = {"creator": "creators"}
XMP_DATE_CREATED = "Xmp.photoshop.DateCreated"
_IIM_VERSION = 4
_UTF8_ESCAPE = "\x1b%G"


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


class DatumWriter:
    """Sets and erases one field in XMP, IIM and EXIF of an open exiv2 image, in step."""

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
        if name == "digital_source_type":
            self.source_type(str(value))
            return
        spec = F.FIELDS_BY_NAME[SPEC_NAME.get(name, name)]
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

    def source_type(self, term: str) -> None:
        """IPTC Digital Source Type, XMP only (IIM has no such dataset), as the NewsCodes
        URI the standard asks for; "" removes it."""
        from archive.provenance.read import XMP_SOURCE_TYPE
        from archive.provenance.vocab import source_type_uri

        self.erase_xmp(XMP_SOURCE_TYPE)
        if term:
            self.set_xmp(XMP_SOURCE_TYPE, source_type_uri(term))

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
