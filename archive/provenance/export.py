"""What export does to a picture's Content Credentials (issue #19 §5, issue #13 item 7).

A C2PA manifest signs the file's bytes (its hard binding hashes everything outside the
manifest): any header rewrite breaks it. So export never ships a manifest it changed the
file around. Per the profile's ``credentials`` setting (archive.provenance.settings):

* ``keep-or-remove`` (default): at original size, when everything the catalogue would write
  already stands in the file (nothing was edited that must be embedded), the original bytes
  are exported untouched ("as received") and the credentials stay as they were signed;
  otherwise the manifest is removed, the metadata written, and a warning says so.
* ``remove``: the manifest is always removed, with the warning.
* ``sign``: as ``keep-or-remove``; a file that had to change is then re-signed by the desk
  (archive.provenance.signing, done by the export worker after the metadata is written).

Resized derivatives never carry it (their pixels are new). Either way the bundle's
manifest.json records what happened (``content_credentials``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archive.provenance.jumbf import has_c2pa, strip_c2pa

# WriteFields attribute → EmbeddedMetadata attribute, where the names differ.
_READ_NAME = {"creator": "creators"}


@dataclass(frozen=True)
class CredentialsPlan:
    keep_as_received: bool  # write the original bytes untouched
    data: bytes  # what the metadata writer starts from (manifest removed unless kept)
    record: dict[str, Any] | None  # manifest.json's content_credentials, None = none
    warnings: tuple[str, ...] = ()


def plan_credentials(
    data: bytes,
    fields: Any,
    long_edge: int | None,
    policy: str,
    state: str | None,
) -> CredentialsPlan:
    """What to do with *data*'s credentials when *fields* (WriteFields) are to be written."""
    if not has_c2pa(data):
        return CredentialsPlan(False, data, None)
    record: dict[str, Any] = {"state_at_import": state}
    if long_edge is not None:
        why = "a resized copy has new pixels, which the signature does not cover"
    elif policy == "remove":
        why = "the profile removes Content Credentials from every export"
    else:
        changed = fields_to_embed(data, fields)
        if not changed:
            record["action"] = "kept"
            record["why"] = "exported as received: nothing had to be embedded"
            return CredentialsPlan(True, data, record)
        why = f"{', '.join(changed)} changed in the catalogue and must be embedded"
    record["action"] = "removed"
    record["why"] = why
    warning = (
        f"Content Credentials removed ({why}); writing the file would have left a signature "
        "that no longer verifies. The original keeps them in the archive."
    )
    return CredentialsPlan(False, strip_c2pa(data), record, (warning,))


def fields_to_embed(data: bytes, fields: Any) -> list[str]:
    """The fields of *fields* whose value the file does not already hold."""
    from archive.metadata.reader import read_metadata

    meta = read_metadata(data)
    out: list[str] = []
    for f in dataclasses.fields(fields):
        value = getattr(fields, f.name)
        if value is None:
            continue
        if f.name == "date_created":
            if not _same_time(value, meta.taken_at):
                out.append(f.name)
            continue
        held = getattr(meta, _READ_NAME.get(f.name, f.name), None)
        if not _same(value, held):
            out.append(f.name)
    return out


def _norm(value: Any) -> Any:
    import unicodedata

    if isinstance(value, tuple | list):
        return tuple(_norm(v) for v in value if str(v).strip())
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _same(wanted: Any, held: Any) -> bool:
    if isinstance(held, tuple) and not isinstance(wanted, tuple | list):
        held = "; ".join(held)
    return _norm(wanted) == _norm(held)


def _same_time(wanted: Any, held: datetime | None) -> bool:
    if not isinstance(wanted, datetime):
        return held is None
    if held is None:
        return False
    if (wanted.tzinfo is None) != (held.tzinfo is None):
        return wanted.replace(tzinfo=None) == held.replace(tzinfo=None)
    return wanted == held
