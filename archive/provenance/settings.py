"""A profile's provenance settings: one JSON column, validated here.

labelled_illustrations  false  a generated or composite picture may run when its
                               caption carries ai_label (else `ai-generated` blocks)
ai_label                "(AI-generated image)"  the label the caption must carry
credentials             keep-or-remove  what export does to Content Credentials:
                               keep-or-remove = the original bytes as received when
                               nothing must be embedded, else remove the manifest
                               and warn; remove = always remove it and warn;
                               sign = as keep-or-remove, but a file that had to change
                               is re-signed by the desk (archive.provenance.signing)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archive.errors import UsageError

CREDENTIAL_POLICIES = ("keep-or-remove", "remove", "sign")
DEFAULTS: dict[str, Any] = {
    "labelled_illustrations": False,
    "ai_label": "(AI-generated image)",
    "credentials": "keep-or-remove",
}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def provenance_settings(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The profile's settings with defaults filled in."""
    return {**DEFAULTS, **{k: v for k, v in (stored or {}).items() if k in DEFAULTS}}


def merge_settings(stored: Mapping[str, Any] | None, changes: Mapping[str, Any]) -> dict:
    """*stored* updated by *changes* (values may be strings from the CLI); UsageError on
    an unknown key or a bad value."""
    out = dict(stored or {})
    for key, value in changes.items():
        if key not in DEFAULTS:
            raise UsageError(f"no provenance setting {key!r}: choose from {', '.join(DEFAULTS)}")
        if key == "labelled_illustrations":
            text = str(value).strip().lower()
            if isinstance(value, bool):
                out[key] = value
            elif text in _TRUE | _FALSE:
                out[key] = text in _TRUE
            else:
                raise UsageError("labelled_illustrations is yes or no")
        elif key == "ai_label":
            if not str(value).strip():
                raise UsageError("ai_label cannot be blank")
            out[key] = str(value).strip()
        else:
            if value not in CREDENTIAL_POLICIES:
                raise UsageError(f"credentials is {', '.join(CREDENTIAL_POLICIES)}, not {value!r}")
            out[key] = value
    return out


def parse_pairs(items: list[str]) -> dict[str, str]:
    """['ai_label=(Illustration)', 'credentials=remove'] → a dict (CLI --provenance)."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--provenance takes KEY=VALUE, not {item!r}")
        out[key.strip()] = value.strip()
    return out
