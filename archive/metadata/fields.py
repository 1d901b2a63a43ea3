"""The one table: each app field → its XMP / IIM / EXIF sources, read order and IIM limit.

The reader walks this table; the writer will reuse it so that reading and
writing can never disagree about where a value lives.

Key spellings:
* XMP keys are exiv2 keys (``Xmp.dc.description``; exiv2 uses the prefixes
  ``iptc`` for Iptc4xmpCore and ``iptcExt`` for Iptc4xmpExt).
* IIM keys are ``"record:dataset"`` (``"2:120"``), the spelling of the IIM
  standard itself, also used for ``raw["iptc"]``.
* EXIF keys are exifread names (``"Image ImageDescription"``), also used for
  ``raw["exif"]``.

Read precedence (IPTC / MWG guidance): XMP first, then IIM, then EXIF — except
that when the Photoshop IPTC digest shows the IIM block was edited after the
XMP was written, IIM beats XMP for the fields it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "list"]

GETTY_NS = "http://xmp.gettyimages.com/gift/1.0/"
GETTY_PREFIX = "GettyImagesGIFT"


@dataclass(frozen=True)
class FieldSpec:
    name: str  # attribute of EmbeddedMetadata
    kind: Kind
    xmp: tuple[str, ...] = ()  # tried in order; first non-empty wins
    iim: str | None = None
    exif: str | None = None  # last resort
    iim_limit: int | None = None  # bytes, per value (IIM standard maxima)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("caption", "text", ("Xmp.dc.description",), "2:120", "Image ImageDescription", 2000),
    FieldSpec("title", "text", ("Xmp.dc.title",), "2:05", None, 64),
    FieldSpec("headline", "text", ("Xmp.photoshop.Headline",), "2:105", None, 256),
    FieldSpec("caption_writer", "text", ("Xmp.photoshop.CaptionWriter",), "2:122", None, 32),
    FieldSpec("creators", "list", ("Xmp.dc.creator",), "2:80", "Image Artist", 32),
    FieldSpec("credit_line", "text", ("Xmp.photoshop.Credit",), "2:110", None, 32),
    FieldSpec("source", "text", ("Xmp.photoshop.Source",), "2:115", None, 32),
    FieldSpec("copyright", "text", ("Xmp.dc.rights",), "2:116", "Image Copyright", 128),
    FieldSpec("usage_terms", "text", ("Xmp.xmpRights.UsageTerms",)),
    FieldSpec("special_instructions", "text", ("Xmp.photoshop.Instructions",), "2:40", None, 256),
    FieldSpec(
        "supplier_image_id",
        "text",
        # Spec spellings first, then Getty's own (``...Id``: XMP names are case-sensitive,
        # so these are other properties to exiv2 and exiftool alike).
        (
            "Xmp.plus.ImageSupplierImageID",
            f"Xmp.{GETTY_PREFIX}.AssetID",
            "Xmp.plus.ImageSupplierImageId",
            f"Xmp.{GETTY_PREFIX}.AssetId",
        ),
    ),
    FieldSpec("city", "text", ("Xmp.photoshop.City",), "2:90", None, 32),
    FieldSpec("sublocation", "text", ("Xmp.iptc.Location",), "2:92", None, 32),
    FieldSpec("state", "text", ("Xmp.photoshop.State",), "2:95", None, 32),
    FieldSpec("country", "text", ("Xmp.photoshop.Country",), "2:101", None, 64),
    FieldSpec("country_code", "text", ("Xmp.iptc.CountryCode",), "2:100", None, 3),
    FieldSpec("keywords", "list", ("Xmp.dc.subject",), "2:25", None, 64),
    FieldSpec("people", "list", ("Xmp.iptcExt.PersonInImage", f"Xmp.{GETTY_PREFIX}.Personality")),
    FieldSpec("event", "text", ("Xmp.iptcExt.Event",)),
    # Added for the wire desk (issue 17): IPTC 2021 accessibility, job title, job id.
    FieldSpec("alt_text", "text", ("Xmp.iptc.AltTextAccessibility",)),
    FieldSpec("extended_description", "text", ("Xmp.iptc.ExtDescrAccessibility",)),
    FieldSpec("creator_job_title", "text", ("Xmp.photoshop.AuthorsPosition",), "2:85", None, 32),
    FieldSpec("job_id", "text", ("Xmp.photoshop.TransmissionReference",), "2:103", None, 32),
    # The desk's culling marks (issue 22): XMP only, as Lightroom and Photo Mechanic write them.
    FieldSpec("rating", "text", ("Xmp.xmp.Rating",)),
    FieldSpec("label", "text", ("Xmp.xmp.Label",)),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}

# IIM date/time pairs (date CCYYMMDD, time HHMMSS±HHMM) for the licence window.
IIM_RELEASE = ("2:30", "2:35")
IIM_EXPIRES = ("2:37", "2:38")
IIM_CREATED = ("2:55", "2:60")

# Capture time, in read order after EXIF DateTimeOriginal.
XMP_TAKEN = ("Xmp.exif.DateTimeOriginal", "Xmp.photoshop.DateCreated")
XMP_LENS = ("Xmp.exifEX.LensModel", "Xmp.aux.Lens")

# Datasets the IIM standard marks repeatable: always a list in raw["iptc"].
IIM_REPEATABLE = frozenset(
    {
        "1:30",
        "1:40",
        "1:50",
        "2:03",
        "2:04",
        "2:12",
        "2:20",
        "2:25",
        "2:26",
        "2:45",
        "2:47",
        "2:80",
        "2:85",
        "2:118",
        "2:122",
    }
)

# Binary datasets: never decoded as text.
IIM_BINARY = frozenset({"1:00", "1:20", "1:22", "1:90", "1:120", "2:00", "2:200", "2:201", "2:202"})
IIM_CHARSET = "1:90"
