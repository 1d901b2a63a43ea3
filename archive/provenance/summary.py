"""The `provenance` block of a photo's detail (`show --json`, the inspector, export).

Built from the photo's columns (the current, possibly edited, source type) and its
embedded evidence (what the file said, the C2PA reading); plain JSON, no ORM.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from archive.provenance.read import source_type_of
from archive.provenance.vocab import (
    data_mining_words,
    is_generated,
    source_kind,
    source_type_uri,
    source_words,
)

STATE_WORDS = {
    "valid": "valid",
    "untrusted": "signer not trusted",
    "signature-invalid": "signature invalid (the manifest was altered or cannot be verified)",
    "hash-mismatch": "picture changed after signing (hash mismatch)",
}
# Kept out of the detail: the base64 store and c2pa's whole reading stay in `embedded`.
_HEAVY = ("store_base64", "manifest_store")


def provenance_json(
    source_type: str | None,
    data_mining: str | None,
    c2pa_state: str | None,
    embedded: Mapping[str, Any] | None,
) -> dict[str, Any]:
    raw = embedded or {}
    credentials = raw.get("c2pa") if isinstance(raw.get("c2pa"), dict) else None
    embedded_type, origin = source_type_of(raw.get("xmp") or {}, raw.get("iptc") or {}, credentials)
    c2pa = None
    if credentials is not None:
        c2pa = {k: v for k, v in credentials.items() if k not in _HEAVY}
        c2pa["state"] = c2pa_state or credentials.get("state")
    return {
        "digital_source_type": source_type,
        "source_type_uri": source_type_uri(source_type) if source_type else None,
        "source_type_words": source_words(source_type),
        "source_kind": source_kind(source_type),
        "generated": is_generated(source_type),
        "embedded_source_type": embedded_type,
        "embedded_source_type_from": origin,
        "source_type_edited": (source_type or None) != (embedded_type or None),
        "data_mining": data_mining,
        "data_mining_words": data_mining_words(data_mining),
        "c2pa": c2pa,
        "summary": credentials_line(c2pa),
    }


def credentials_line(c2pa: Mapping[str, Any] | None) -> str:
    """'Content Credentials: valid, signed by Jane Doe (issuer Test CA) on 2026-12-01…'."""
    if not c2pa:
        return "Content Credentials: none"
    state = str(c2pa.get("state") or "unknown")
    words = STATE_WORDS.get(state, state)
    parts = [f"Content Credentials: {words}"]
    if c2pa.get("signer"):
        signed = f"signed by {c2pa['signer']}"
        if c2pa.get("issuer") and c2pa.get("issuer") != c2pa.get("signer"):
            signed += f" (certificate issued by {c2pa['issuer']})"
        if c2pa.get("signed_at"):
            signed += f" on {c2pa['signed_at']}"
        parts.append(signed)
    if c2pa.get("claim_generator"):
        parts.append(f"made with {c2pa['claim_generator']}")
    line = ", ".join(parts)
    if state != "valid":
        codes = [f.get("code") for f in c2pa.get("failures") or [] if f.get("code")]
        if codes:
            line += f" [{', '.join(dict.fromkeys(codes))}]"
    return line
