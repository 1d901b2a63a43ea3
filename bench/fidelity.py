"""Fidelity: what our reader makes of a folder of images, field by field, against exiftool.

    .venv/bin/python bench/fidelity.py DIR

DIR holds the images and ``expected.json``: exiftool's readings, either its own output
(``exiftool -j -G1 -struct -r DIR > DIR/expected.json``) or the corpus's curated file
(``../shared/corpus``). For each file and each field of the field table
(``archive/metadata/fields.py``), plus ``taken_at``, the value exiftool's tags give by
the same read precedence (XMP, then IIM — APP13, then a FotoStation trailer — then EXIF;
IIM first when exiftool says the IPTC digest is not current) is compared with what
``read_metadata`` returns. A check is a (file, field) where either side has a value; a
tag exiftool reports more than once (``-a``: two packets, a copy in the Photoshop IRB)
agrees with any of its values.

Prints one line per disagreement, then ``fidelity files=N checks=N agree=N``; exits 1
when any check disagrees. Two documented readings count as agreeing, because the
difference is exiftool's known default, not a different value: undeclared-charset IIM
that is valid UTF-8 (exiftool assumes cp1252 and shows mojibake; we read UTF-8,
corpus/README.md "Charset"), and one keyword holding a comma-separated list, which we
read as the list it holds.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.errors import MetadataError, UnsupportedFileError
from archive.metadata.embedded import EmbeddedMetadata
from archive.metadata.fields import FIELDS, FieldSpec
from archive.metadata.merge import split_keyword_list
from archive.metadata.reader import read_metadata
from bench.fidelity_tags import CURATED, Readings, load_expected, source_tags

_STALE = "IPTCDigest is not current"
_TAKEN = (
    ["ExifIFD:DateTimeOriginal", "EXIF:DateTimeOriginal"],
    ["XMP-exif:DateTimeOriginal"],
    ["XMP-photoshop:DateCreated"],
    ["IPTC:DateCreated", "IPTC2:DateCreated"],
)


@dataclass(frozen=True)
class Check:
    file: str
    field: str
    ours: Any
    exiftool: Any
    tag: str | None  # the exiftool tag the expected value came from
    agree: bool

    def line(self) -> str:
        where = f" ({self.tag})" if self.tag else ""
        return f"{self.file}: {self.field}: ours {self.ours!r}, exiftool {self.exiftool!r}{where}"


# Padding carries no meaning (NULs of fixed-size EXIF fields, a trailing newline).
_PAD = "\x00 \t\r\n"
# Charsets in which an IIM copy of an XMP text turns up (Photo Mechanic writes Mac Roman).
_LEGACY = ("mac_roman", "latin-1", "utf-8")


def _norm(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        items = [str(v).strip(_PAD) for v in value]
        return [v for v in items if v] or None
    text = str(value).strip(_PAD)
    return text or None


def _cut_copy(spec: FieldSpec, xmp: Any, iim: Any) -> bool:
    """Whether the IIM value is the XMP text cut at the field's IIM byte limit."""
    from archive.metadata.merge import same_text

    if not isinstance(xmp, str) or not isinstance(iim, str) or not spec.iim_limit:
        return False
    return xmp != iim and same_text(xmp, iim, iim.encode("utf-8"), spec.iim_limit)


def _legacy_copy(xmp: Any, iim: Any) -> bool:
    """Whether exiftool's (cp1252) reading of IIM is the XMP text in a legacy charset."""
    if not isinstance(xmp, str) or not isinstance(iim, str):
        return False
    for codec in _LEGACY:
        try:
            if xmp.encode(codec).decode("cp1252") == iim:
                return True
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return False


def _first(readings: Readings, tags: list[str]) -> tuple[str, list[Any]] | None:
    """The first tag with a value, and every value exiftool gave it."""
    for tag in tags:
        values = [v for v in (_norm(x) for x in readings.get(tag, [])) if v is not None]
        if values:
            return tag, values
    return None


def _covered(tags: list[str]) -> bool:
    return not tags or any(t in CURATED for t in tags)


def _expected(
    spec: FieldSpec, readings: Readings, complete: bool
) -> tuple[bool, tuple[str, list[Any]] | None]:
    """(checkable, (tag, values) of the winning source or None)."""
    xmp_tags, iim_tags, exif_tags = source_tags(spec)
    if not complete:
        sources = [xmp_tags, iim_tags, exif_tags]
        curated_names = [
            [t for t in ts if t.split(":")[0] in ("IPTC", "EXIF")] or ts for ts in sources
        ]
        if not all(_covered(ts) for ts in curated_names):
            return False, None
    x, i, e = _first(readings, xmp_tags), _first(readings, iim_tags), _first(readings, exif_tags)
    stale = any(_STALE in str(w) for w in readings.get("ExifTool:Warning", []))
    if x and i:
        if not (stale and i[0].startswith("IPTC:")):
            return True, x
        # IIM edited after XMP wins — unless it only spells the XMP text in a legacy
        # charset (the corpus notes the intended text): then both say the same.
        # Or cut at the IIM byte limit (the reader's merge calls that the same text too).
        same = any(_legacy_copy(a, b) or _cut_copy(spec, a, b) for a in x[1] for b in i[1])
        return True, (i[0], i[1] + x[1]) if same else i
    return True, x or i or e


def _same_text(ours: str, theirs: str, tag: str, readings: Readings) -> bool:
    if ours == theirs:
        return True
    group = tag.split(":")[0]
    if group.startswith("IPTC") and f"{group}:CodedCharacterSet" not in readings:
        # Undeclared IIM that is valid UTF-8: exiftool shows its cp1252 reading.
        return ours.encode("utf-8").decode("cp1252", errors="replace") == theirs
    return False


def _same(spec: FieldSpec, ours: Any, theirs: Any, tag: str, readings: Readings) -> bool:
    if spec.kind == "text":
        return isinstance(ours, str) and _same_text(ours, str(theirs), tag, readings)
    want = [str(v) for v in theirs] if isinstance(theirs, list) else [str(theirs)]
    if spec.name == "keywords":
        want = list(split_keyword_list(tuple(want))[0])
        return sorted(ours) == sorted(want)  # a bag: writers order keywords differently
    return list(ours) == want


def _field_check(
    name: str, spec: FieldSpec, meta: EmbeddedMetadata | None, readings: Readings, complete: bool
) -> Check | None:
    checkable, winner = _expected(spec, readings, complete)
    if not checkable:
        return None
    ours = _norm(getattr(meta, spec.name)) if meta is not None else None
    if winner is None:
        if ours is None:
            return None
        return Check(name, spec.name, ours, None, None, False)
    tag, values = winner
    agree = ours is not None and any(_same(spec, ours, v, tag, readings) for v in values)
    return Check(name, spec.name, ours, values[0], tag, agree)


def _taken_check(
    name: str, meta: EmbeddedMetadata | None, readings: Readings, complete: bool
) -> Check | None:
    winner = None
    for tags in _TAKEN:
        if not complete and not _covered(tags):
            continue
        if found := _first(readings, tags):
            winner = found
            break
    if not complete and winner is None:
        return None  # the curated file lists only EXIF DateTimeOriginal
    taken: datetime | None = meta.taken_at if meta is not None else None
    ours = taken.strftime("%Y:%m:%d %H:%M:%S") if taken else None
    if winner is None:
        return None if ours is None else Check(name, "taken_at", ours, None, None, False)
    tag, values = winner
    wanted = []
    for value in values:
        text = str(value)[:19]
        if tag.endswith(":DateCreated") and tag.startswith("IPTC"):
            time = _first(readings, [tag.replace("DateCreated", "TimeCreated")])
            text = f"{text} {str(time[1][0])[:8]}" if time else text
        wanted.append(text)
    # Wall-clock time only: exiftool prints a date-only value as a date.
    agree = ours is not None and any(ours[: len(w)] == w for w in wanted)
    return Check(name, "taken_at", ours, values[0], tag, agree)


def compare_file(name: str, data: bytes, readings: Readings, complete: bool) -> list[Check]:
    try:
        meta: EmbeddedMetadata | None = read_metadata(data, name, allow_truncated=True)
    except (MetadataError, UnsupportedFileError):
        meta = None  # every value exiftool found is then a disagreement
    checks = [_field_check(name, spec, meta, readings, complete) for spec in FIELDS]
    checks.append(_taken_check(name, meta, readings, complete))
    return [c for c in checks if c is not None]


def compare_folder(folder: Path) -> tuple[int, list[Check]]:
    expected, complete = load_expected(folder)
    checks: list[Check] = []
    for name in sorted(expected):
        path = folder / name
        if not path.is_file():
            checks.append(Check(name, "file", None, "listed in expected.json", None, False))
            continue
        checks.extend(compare_file(name, path.read_bytes(), expected[name], complete))
    return len(expected), checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", type=Path, help="images plus expected.json (exiftool -j -G1 -struct)"
    )
    args = parser.parse_args(argv)
    if not (args.folder / "expected.json").is_file():
        parser.error(
            f"{args.folder / 'expected.json'} not found: make it with "
            f"exiftool -j -G1 -struct -r {args.folder} > {args.folder}/expected.json"
        )
    files, checks = compare_folder(args.folder)
    for check in checks:
        if not check.agree:
            print(check.line())
    agree = sum(c.agree for c in checks)
    print(f"fidelity files={files} checks={len(checks)} agree={agree}")
    return 0 if agree == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
