"""Pure writers for the text files of a bundle: captions.csv, credits.txt, manifest.json.

Decisions:

* ``captions_csv`` starts with a UTF-8 byte-order mark: Excel, which most photo
  desks open CSVs with, reads BOM-less UTF-8 as the Windows code page and
  mangles "Łódź"; LibreOffice, Numbers and Python's ``utf-8-sig`` handle the
  BOM. Write the returned text with ``encoding="utf-8"`` and ``newline=""``
  (rows end in CRLF, RFC 4180). Cells that a spreadsheet would run as a
  formula (starting ``=``, ``+``, ``@``, a tab, CR, or ``-`` before a letter)
  get a leading ``'`` (OWASP CSV injection); ``-2 °C`` or ``- quote`` stay as
  they are. Lists (people) are joined with ``"; "``; None is empty; keys other
  than the columns are ignored.
* ``manifest_json`` sorts keys (stable diffs, byte-identical for equal input),
  keeps non-ASCII as is, indents by 2 and ends with a newline. datetimes and
  dates are ISO 8601, sets become sorted lists, paths become POSIX strings.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath

CSV_COLUMNS = (
    "file",
    "photo_id",
    "caption",
    "credit_line",
    "presentation_credit",
    "people",
    "event",
)
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, Sequence):
        text = "; ".join(str(v) for v in value if v is not None and str(v).strip())
    else:
        text = str(value)
    if text.startswith(_FORMULA_START) or (text[:1] == "-" and text[1:2].isalpha()):
        text = "'" + text
    return text


def captions_csv(rows: Sequence[Mapping[str, object]]) -> str:
    """One row per file, columns ``CSV_COLUMNS``, as text beginning with a BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in CSV_COLUMNS])
    return BOM + buf.getvalue()


def credits_txt(presentation_credits: Sequence[str]) -> str:
    """Distinct credits in first-seen order, one per line (blank ones skipped)."""
    seen: dict[str, None] = {}
    for credit in presentation_credits:
        text = unicodedata.normalize("NFC", credit).strip() if credit else ""
        if text:
            seen.setdefault(text, None)
    return "".join(f"{c}\n" for c in seen)


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"manifest value of type {type(value).__name__} is not JSON serialisable")


def manifest_json(bundle: Mapping[str, object]) -> str:
    """The bundle description as JSON: sorted keys, UTF-8 text, trailing newline."""
    return (
        json.dumps(bundle, ensure_ascii=False, indent=2, sort_keys=True, default=_json_default)
        + "\n"
    )
