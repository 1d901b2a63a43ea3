"""Content Credentials (C2PA) read and validated with c2pa-python, summarised for the desk.

    summary = read_credentials(jpeg_bytes, "JPEG", trust_anchors=pem_text)
    summary["state"]  # "valid" | "untrusted" | "signature-invalid" | "hash-mismatch" | None

The summary is plain JSON (it is stored as evidence with the raw manifest store). The
states, from the C2PA 2.x validation status codes c2pa-rs reports:

* ``valid``: the claim signature verifies, every assertion and the hard binding (the
  hash over the file's bytes) match, and the signer chains to a trust anchor of the
  archive (``trust-anchors.pem`` in the archive folder).
* ``untrusted``: all of that holds but the signer is not on the archive's trust list
  (``signingCredential.untrusted``): we cannot tell who really signed.
* ``hash-mismatch``: the picture's bytes are not those that were signed
  (``assertion.dataHash.mismatch``): pixels or headers were changed after signing.
* ``signature-invalid``: the manifest itself was altered or its signature does not verify
  (``claimSignature.mismatch``, ``assertion.hashedURI.mismatch``, a revoked or malformed
  credential…), or the store cannot be parsed at all.
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any

from archive.provenance.jumbf import signer_certificates, store_bytes

MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp"}
STATES = ("valid", "untrusted", "signature-invalid", "hash-mismatch")
# Raw stores above this are summarised but not copied into the catalogue (a manifest with
# many ingredient thumbnails can run to megabytes; the managed original still holds it).
MAX_STORE_BYTES = 1 << 20
_HASH_CODES = ("assertion.dataHash.mismatch", "assertion.boxesHash.mismatch")
_UNTRUSTED = "signingCredential.untrusted"


def read_credentials(
    data: bytes, fmt: str, trust_anchors: str | None = None
) -> dict[str, Any] | None:
    """The file's Content Credentials summarised, or None when it carries none.

    JPEG only (APP11 JUMBF), the form agencies and cameras send. Never raises for a
    damaged store: that is a ``signature-invalid`` finding.
    """
    if fmt != "JPEG":
        return None  # PNG caBX / TIFF / HEIF stores: not read yet (README, Provenance)
    store = store_bytes(data)
    if store is None:
        return None
    import c2pa

    try:
        reader = c2pa.Reader(MIME[fmt], io.BytesIO(data), context=_context(trust_anchors))
    except Exception as exc:  # c2pa.C2paError and kin: a store that cannot even be parsed
        return broken(store, f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        with reader:
            report = json.loads(reader.json())
            results = reader.get_validation_results() or {}
        return _summary(report, results, store)
    except Exception as exc:  # a damaged certificate or report: the credential is broken,
        # which is a finding about this file, never a reason to refuse the picture
        return broken(store, f"{type(exc).__name__}: {str(exc)[:300]}")


def _context(trust_anchors: str | None) -> Any:
    import c2pa

    settings: dict[str, Any] = {"verify": {"verify_trust": True}}
    if trust_anchors:
        settings["trust"] = {"trust_anchors": trust_anchors}
    return c2pa.Context.from_dict(settings)


def broken(store: bytes | None, why: str) -> dict[str, Any]:
    """The summary of a store that cannot be read: a credential nobody can verify."""
    return {
        "state": "signature-invalid",
        "failures": [{"code": "manifest.unreadable", "explanation": why}],
        "actions": [],
        "ingredients": [],
        "store_sha256": _sha(store) if store else None,
        "store_size": len(store) if store else None,
        "store_base64": _b64(store) if store else None,
        "manifest_store": None,
    }


def _summary(
    report: dict[str, Any], results: dict[str, Any], store: bytes | None
) -> dict[str, Any]:
    label = report.get("active_manifest")
    manifest = (report.get("manifests") or {}).get(label) or {}
    active = results.get("activeManifest") or {}
    failures = [
        {"code": f.get("code"), "explanation": f.get("explanation")}
        for f in active.get("failure") or []
    ]
    # Ingredient failures make the history doubtful, not the picture's own credential.
    codes = [f["code"] for f in failures]
    sig = manifest.get("signature_info") or {}
    signer, issuer = _chain_names(store, label) if store else (None, None)
    return {
        "state": _state(codes, bool(manifest)),
        "active_manifest": label,
        "claim_generator": _generator(manifest),
        "signer": signer or sig.get("common_name") or sig.get("issuer"),
        "signer_organisation": sig.get("issuer"),
        "issuer": issuer,
        "signed_at": sig.get("time"),
        "algorithm": sig.get("alg"),
        "title": manifest.get("title"),
        "actions": _actions(manifest),
        "ingredients": [
            {
                "title": i.get("title"),
                "format": i.get("format"),
                "relationship": i.get("relationship"),
            }
            for i in manifest.get("ingredients") or []
        ],
        "failures": failures,
        "manifests": len(report.get("manifests") or {}),
        "store_sha256": _sha(store) if store else None,
        "store_size": len(store) if store else None,
        "store_base64": _b64(store) if store else None,
        "manifest_store": report,  # c2pa's reading of the whole store, as evidence
    }


def _state(codes: list[str], has_manifest: bool) -> str:
    if not has_manifest:
        return "signature-invalid"
    rest = [c for c in codes if c != _UNTRUSTED and c not in _HASH_CODES]
    if rest:
        return "signature-invalid"
    if any(c in _HASH_CODES for c in codes):
        return "hash-mismatch"
    if _UNTRUSTED in codes:
        return "untrusted"
    return "valid"


def _generator(manifest: dict[str, Any]) -> str | None:
    info = manifest.get("claim_generator_info") or []
    if info:
        first = info[0]
        name, version = first.get("name"), first.get("version")
        return f"{name} {version}" if name and version else name
    return manifest.get("claim_generator")


def _actions(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for assertion in manifest.get("assertions") or []:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in (assertion.get("data") or {}).get("actions") or []:
            agent = action.get("softwareAgent")
            if isinstance(agent, dict):
                agent = agent.get("name")
            out.append(
                {
                    "action": action.get("action"),
                    "digital_source_type": action.get("digitalSourceType"),
                    "software_agent": agent,
                    "when": action.get("when"),
                }
            )
    return out


def _chain_names(store: bytes, label: str | None) -> tuple[str | None, str | None]:
    from cryptography import x509

    chain = signer_certificates(store, label)
    if not chain:
        return None, None
    try:
        leaf = x509.load_der_x509_certificate(chain[0])
        return name_of(leaf.subject), name_of(leaf.issuer)  # lazily parsed: may raise here
    except ValueError:
        return None, None


def name_of(n: Any) -> str | None:
    """An X.509 name as a person reads it: its CN, else its O, else the whole name."""
    from cryptography.x509.oid import NameOID

    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        attrs = n.get_attributes_for_oid(oid)
        if attrs:
            return str(attrs[0].value)
    return n.rfc4514_string() or None


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _b64(store: bytes) -> str | None:
    return base64.b64encode(store).decode("ascii") if len(store) <= MAX_STORE_BYTES else None
