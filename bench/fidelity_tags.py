"""exiftool's names for the sources of the field table, and its readings normalised.

``archive/metadata/fields.py`` names each source the way the reader's libraries do
(exiv2 XMP keys, IIM ``record:dataset``, exifread EXIF names); exiftool (``-G1``) names
the same tags ``XMP-dc:Description``, ``IPTC:Caption-Abstract``, ``IFD0:ImageDescription``.
This module translates one into the other, so the fidelity check walks the very table
the reader walks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from archive.metadata.fields import FieldSpec

# exiv2 XMP prefix → exiftool family-1 group (exiftool's own short names).
_XMP_GROUPS = {"iptc": "iptcCore", "GettyImagesGIFT": "getty"}

# IIM datasets (IIM 4.2, as exiftool names them: Image::ExifTool::IPTC::ApplicationRecord).
IIM_NAMES = {
    "2:05": "ObjectName",
    "2:25": "Keywords",
    "2:40": "SpecialInstructions",
    "2:55": "DateCreated",
    "2:60": "TimeCreated",
    "2:80": "By-line",
    "2:85": "By-lineTitle",
    "2:90": "City",
    "2:92": "Sub-location",
    "2:95": "Province-State",
    "2:100": "Country-PrimaryLocationCode",
    "2:101": "Country-PrimaryLocationName",
    "2:103": "OriginalTransmissionReference",
    "2:105": "Headline",
    "2:110": "Credit",
    "2:115": "Source",
    "2:116": "CopyrightNotice",
    "2:120": "Caption-Abstract",
    "2:122": "Writer-Editor",
}
# APP13 first; FotoStation's trailer (IPTC2) fills what APP13 lacks, as in exiftool.
IIM_GROUPS = ("IPTC", "IPTC2")
# exifread's IFD names → exiftool groups (the corpus's curated file says EXIF:).
_EXIF_GROUPS = {"Image": ("IFD0", "EXIF"), "EXIF": ("ExifIFD", "EXIF")}

# The keys of the corpus's curated expected.json (corpus/README.md "Ground truth"):
# with only those, a field is checked only when every source of it is among them.
CURATED = frozenset(
    {
        "IPTC:By-line",
        "IPTC:Credit",
        "IPTC:Source",
        "IPTC:CopyrightNotice",
        "IPTC:Caption-Abstract",
        "IPTC:Headline",
        "IPTC:Keywords",
        "IPTC:ObjectName",
        "IPTC:City",
        "IPTC:Country-PrimaryLocationName",
        "XMP-dc:Creator",
        "XMP-dc:Description",
        "XMP-dc:Rights",
        "XMP-photoshop:Credit",
        "XMP-photoshop:Source",
        "XMP-iptcExt:PersonInImage",
        "XMP-iptcExt:Event",
        "EXIF:Artist",
        "EXIF:Copyright",
        "EXIF:ImageDescription",
        "EXIF:DateTimeOriginal",
    }
)


def xmp_tag(key: str) -> str:
    """``Xmp.dc.description`` → ``XMP-dc:Description``."""
    _, prefix, prop = key.split(".", 2)
    return f"XMP-{_XMP_GROUPS.get(prefix, prefix)}:{prop[:1].upper()}{prop[1:]}"


def iim_tags(dataset: str) -> list[str]:
    name = IIM_NAMES.get(dataset)
    if name is None:  # a dataset this table does not know yet: not checked, not guessed
        return []
    return [f"{group}:{name}" for group in IIM_GROUPS]


def exif_tags(name: str) -> list[str]:
    ifd, _, tag = name.partition(" ")
    return [f"{group}:{tag}" for group in _EXIF_GROUPS.get(ifd, (ifd,))]


def source_tags(spec: FieldSpec) -> tuple[list[str], list[str], list[str]]:
    """exiftool tag names of a field's XMP, IIM and EXIF sources, in read order."""
    xmp = [xmp_tag(k) for k in spec.xmp]
    iim = iim_tags(spec.iim) if spec.iim else []
    exif = exif_tags(spec.exif) if spec.exif else []
    return xmp, iim, exif


def source_row(spec: FieldSpec) -> str:
    """The README's "what is read from where" row of one field (see tests/…/test_fidelity)."""
    xmp, iim, exif = source_tags(spec)
    parts = [f"`{t}`" for t in xmp]
    if iim:
        parts.append(f"IIM {spec.iim} `{iim[0].split(':')[1]}` (APP13, then FotoStation trailer)")
    if exif:
        parts.append(f"`{exif[0]}`")
    return f"| `{spec.name}` | " + " → ".join(parts) + " |"


Readings = dict[str, list[Any]]  # tag → every value exiftool gave it (``-a`` repeats tags)


class _Repeated(list[Any]):
    """Values of a key exiftool printed more than once (``-a``)."""


def _collect(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON object hook that keeps every value of a repeated key instead of the last."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key not in out:
            out[key] = value
        elif isinstance(out[key], _Repeated):
            out[key].append(value)
        else:
            out[key] = _Repeated([out[key], value])
    return out


def _readings(obj: dict[str, Any]) -> Readings:
    return {
        k: (list(v) if isinstance(v, _Repeated) else [v]) for k, v in obj.items() if k != "_name"
    }


def load_expected(folder: Path) -> tuple[dict[str, Readings], bool]:
    """``({file name: readings}, complete)`` from ``folder/expected.json``.

    Two shapes: exiftool's own ``-j -G1 -struct`` output (a list, each with SourceFile),
    or the corpus's curated file (``{"files": {name: {"fields": …}}}``), whose
    ``expected-full/NAME.json`` complete readings are used where they exist.
    ``complete`` says whether an absent tag means exiftool found none.
    """
    raw = json.loads(
        (folder / "expected.json").read_text(encoding="utf-8"), object_pairs_hook=_collect
    )
    if isinstance(raw, list):
        return {_name(folder, e): _readings(e) for e in raw}, True
    files: dict[str, Readings] = {}
    complete = True
    for name, entry in raw["files"].items():
        full = folder / "expected-full" / f"{name}.json"
        if full.exists():
            files[name] = _readings(
                json.loads(full.read_text(encoding="utf-8"), object_pairs_hook=_collect)[0]
            )
            continue
        complete = False
        readings = _readings(entry.get("fields", {}))
        collapsed = entry.get("duplicate_tags_collapsed_in_json", {})
        for key, others in collapsed.get("key_fields_other_values", {}).items():
            readings.setdefault(key, []).extend(others)
        if warning := entry.get("exiftool_warning"):
            readings["ExifTool:Warning"] = [warning]
        if error := entry.get("exiftool_error"):
            readings["ExifTool:Error"] = [error]
        files[name] = readings
    return files, complete


def _name(folder: Path, entry: dict[str, Any]) -> str:
    """The file's path inside ``folder``: exiftool run in it writes ``./sub/a.jpg``."""
    source = Path(str(entry.get("SourceFile", "")))
    if not source.is_absolute():
        return os.path.normpath(source)
    try:
        return str(source.resolve().relative_to(folder.resolve()))
    except ValueError:
        return source.name
