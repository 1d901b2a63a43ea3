"""What a file says about where its picture comes from: source type, data mining, C2PA.

    found = read_provenance(data, "JPEG", xmp_values, iim_values, trust_anchors)
    found.digital_source_type  # "trainedAlgorithmicMedia" (IPTC NewsCodes term) or None
    found.data_mining          # "DMI-PROHIBITED-AIMLTRAINING" or None
    found.credentials          # read_credentials' summary, or None

Precedence of the Digital Source Type: XMP ``Iptc4xmpExt:DigitalSourceType`` (the IPTC
property), then the deprecated ``Iptc4xmpExt:DigitalSourceFileType`` of IPTC Extension 1.0,
then an IIM dataset 2:228 when it holds a Digital Source Type term or URI (some pre-XMP
desk tools put it there; exiftool names 2:228 "Similarity Index", so any other value is
ignored), then the ``digitalSourceType`` of the C2PA ``c2pa.created`` action.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.provenance.credentials import broken, read_credentials
from archive.provenance.vocab import data_mining_term, is_source_type, source_type_term

XMP_SOURCE_TYPE = "Xmp.iptcExt.DigitalSourceType"
XMP_SOURCE_FILE_TYPE = "Xmp.iptcExt.DigitalSourcefileType"
XMP_DATA_MINING = "Xmp.plus.DataMining"
IIM_SOURCE_TYPE = "2:228"
TRUST_FILE = "trust-anchors.pem"


@dataclass(frozen=True)
class Provenance:
    digital_source_type: str | None = None
    source_type_from: str | None = None  # "xmp", "xmp-deprecated", "iim", "c2pa"
    data_mining: str | None = None
    credentials: dict[str, Any] | None = None

    @property
    def c2pa_state(self) -> str | None:
        return self.credentials["state"] if self.credentials else None


def trust_anchors(archive_folder: str | Path | None) -> str | None:
    """The archive's C2PA trust anchors (PEM), or None when it keeps none."""
    if archive_folder is None:
        return None
    path = Path(archive_folder, TRUST_FILE)
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text if "BEGIN CERTIFICATE" in text else None


def _first(values: Mapping[str, Any], key: str) -> str | None:
    value = values.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


def read_provenance(
    data: bytes,
    fmt: str,
    xmp: Mapping[str, Any],
    iim: Mapping[str, Any],
    anchors: str | None = None,
) -> Provenance:
    try:
        credentials = read_credentials(data, fmt, anchors)
    except Exception as exc:  # hostile JUMBF bytes: a finding about the file, never a refusal
        credentials = broken(None, f"{type(exc).__name__}: {str(exc)[:300]}")
    term, origin = source_type_of(xmp, iim, credentials)
    return Provenance(term, origin, data_mining_term(_first(xmp, XMP_DATA_MINING)), credentials)


def source_type_of(
    xmp: Mapping[str, Any], iim: Mapping[str, Any], credentials: Mapping[str, Any] | None
) -> tuple[str | None, str | None]:
    """(term, where it was found) by the precedence in the module docstring."""
    for key, label in ((XMP_SOURCE_TYPE, "xmp"), (XMP_SOURCE_FILE_TYPE, "xmp-deprecated")):
        term = source_type_term(_first(xmp, key))
        if term:
            return term, label
    candidate = source_type_term(_first(iim, IIM_SOURCE_TYPE))
    if candidate and is_source_type(candidate):
        return candidate, "iim"
    for action in (credentials or {}).get("actions") or []:
        if action.get("action") == "c2pa.created" and action.get("digital_source_type"):
            return source_type_term(action["digital_source_type"]), "c2pa"
    return None, None
