"""XMP sidecars: ``NAME.xmp`` or ``NAME.EXT.xmp`` beside a picture, read with it at import.

A sidecar is XMP like the file's own packet and is merged by the same rules, with one
more piece of evidence: time. A sidecar newer on disk than its picture was written after
the picture (a desk or an agency tool corrected it), so its values win field by field;
an older sidecar only fills fields the file leaves empty. Either way a disagreement is
reported, and the sidecar's packet is kept verbatim in the raw metadata.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.metadata import fields as F
from archive.metadata.merge import same_text
from archive.metadata.values import clean_list, clean_text, parse_xmp_datetime, short_repr

if TYPE_CHECKING:  # xmp loads exiv2: only the merge (in the import workers) needs it
    from archive.metadata.xmp import XmpResult

SIDECAR_SUFFIXES = (".xmp", ".XMP", ".Xmp")
# A sidecar is a few kilobytes; anything this large is not one.
MAX_SIDECAR_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Sidecar:
    path: str
    data: bytes
    newer: bool  # modified after its picture: newer evidence than the file's packet


def is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".xmp"


def sidecar_candidates(picture: Path) -> list[Path]:
    """Where a sidecar of *picture* may be: ``NAME.EXT.xmp`` (specific) before ``NAME.xmp``."""
    out = [picture.with_name(picture.name + s) for s in SIDECAR_SUFFIXES]
    out += [picture.with_suffix(s) for s in SIDECAR_SUFFIXES]
    return out


def find_sidecar(picture: str | Path, picture_mtime_ns: int | None = None) -> Sidecar | None:
    """The sidecar beside *picture*, read whole, or None. Unreadable ones count as none."""
    pic = Path(picture)
    for candidate in sidecar_candidates(pic):
        try:
            st = candidate.stat()
            if not candidate.is_file() or st.st_size > MAX_SIDECAR_BYTES:
                continue
            data = candidate.read_bytes()
        except OSError:
            continue
        if picture_mtime_ns is None:
            try:
                picture_mtime_ns = os.stat(pic).st_mtime_ns
            except OSError:
                picture_mtime_ns = 0
        return Sidecar(str(candidate), data, st.st_mtime_ns > picture_mtime_ns)
    return None


def _side_value(spec: F.FieldSpec, side: XmpResult) -> str | tuple[str, ...] | None:
    for key in spec.xmp:
        values = side.list(key)
        if spec.kind == "list":
            found = clean_list(values)
            if found:
                return found
        elif values and clean_text(values[0]):
            return clean_text(values[0])
    return None


def _same(spec: F.FieldSpec, a: Any, b: Any) -> bool:
    if spec.kind == "list":
        return sorted(a or ()) == sorted(b or ())
    return a is not None and b is not None and same_text(a, b, None, None)


def merge_sidecar(
    values: dict[str, Any], sidecar: Sidecar, warn: list[str]
) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """(merged field values, the sidecar's raw evidence, its capture time or None)."""
    from archive.metadata.xmp import parse_xmp

    side = parse_xmp(sidecar.data)
    name = Path(sidecar.path).name
    warn.extend(f"sidecar {name}: {w}" for w in side.warnings)
    out = dict(values)
    for spec in F.FIELDS:
        theirs = _side_value(spec, side)
        if not theirs:
            continue
        ours = values.get(spec.name)
        if not ours:
            out[spec.name] = theirs
        elif not _same(spec, ours, theirs):
            if sidecar.newer:
                out[spec.name] = theirs
                warn.append(
                    f"{spec.name}: sidecar {name} (newer than the file) says "
                    f"{short_repr(theirs)}, the file {short_repr(ours)}; using the sidecar"
                )
            else:
                warn.append(
                    f"{spec.name}: sidecar {name} (older than the file) says "
                    f"{short_repr(theirs)}, the file {short_repr(ours)}; using the file"
                )
    taken = None
    for key in F.XMP_TAKEN:
        taken = parse_xmp_datetime(side.text(key))
        if taken:
            break
    raw = {"path": sidecar.path, "newer_than_file": sidecar.newer, "xmp": side.values}
    return out, raw, taken
