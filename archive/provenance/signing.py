"""Signing the exported file with the desk's own certificate (profile ``credentials=sign``).

When export must embed metadata in a picture that carries Content Credentials, the
received manifest cannot stay (the bytes changed); instead of only removing it, the desk
can sign a new manifest: a ``c2pa.edited`` claim by Creditdesk whose parent ingredient is
the file as received (its own manifest included, so the history stays verifiable).

The desk's certificate lives in the archive folder: ``desk-signer.pem`` (the chain, leaf
first) and ``desk-signer.key`` (its private key, PEM). Readers trust the result only if
they trust the desk's root, as with any signer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from archive.errors import UsageError

CHAIN_FILE = "desk-signer.pem"
KEY_FILE = "desk-signer.key"


@dataclass(frozen=True)
class DeskSigner:
    chain_pem: bytes
    key_pem: bytes
    alg: str  # es256 | es384 | es512 | ps256 | ed25519


def desk_signer(folder: str | Path) -> DeskSigner:
    """The archive's desk signer, or UsageError saying what is missing."""
    chain, key = Path(folder, CHAIN_FILE), Path(folder, KEY_FILE)
    if not (chain.is_file() and key.is_file()):
        raise UsageError(
            f"the profile signs exports (credentials=sign): put the desk's certificate chain "
            f"in {chain} and its private key in {key}, or set credentials=keep-or-remove"
        )
    return DeskSigner(chain.read_bytes(), key.read_bytes(), _alg(key.read_bytes()))


def _alg(key_pem: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{KEY_FILE} is not an unencrypted PEM private key: {exc}") from None
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {256: "es256", 384: "es384", 521: "es512"}.get(key.curve.key_size, "es256")
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "ed25519"
    if isinstance(key, rsa.RSAPrivateKey):
        return "ps256"
    raise UsageError(f"{KEY_FILE}: C2PA signs with EC, Ed25519 or RSA keys")


def sign_export(
    written: bytes, received: bytes, signer: DeskSigner, title: str, changed: str
) -> bytes:
    """*written* (the exported JPEG) with a Creditdesk ``c2pa.edited`` manifest signed by
    *signer*, the file as *received* as its parent ingredient."""
    import c2pa

    manifest = {
        "claim_generator_info": [{"name": "Creditdesk", "version": "0.1"}],
        "title": title,
        "format": "image/jpeg",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    # C2PA 2.x: the first action opens the parent ingredient.
                    "actions": [
                        {
                            "action": "c2pa.opened",
                            "parameters": {"ingredientIds": ["received"]},
                        },
                        {
                            "action": "c2pa.edited",
                            "softwareAgent": {"name": "Creditdesk"},
                            "description": f"metadata embedded: {changed}",
                        },
                    ]
                },
            }
        ],
    }
    info = c2pa.C2paSignerInfo(signer.alg.encode(), signer.chain_pem, signer.key_pem, None)
    out = io.BytesIO()
    with c2pa.Signer.from_info(info) as desk, c2pa.Builder(manifest) as builder:
        builder.add_ingredient(
            {"title": "as received", "relationship": "parentOf", "label": "received"},
            "image/jpeg",
            io.BytesIO(received),
        )
        builder.sign(desk, "image/jpeg", io.BytesIO(written), out)
    return out.getvalue()
