"""Provenance test pictures made by the tests: C2PA-signed JPEGs with a throw-away
certificate chain (cryptography), tampered copies, and IPTC Digital Source Type / PLUS
Data Mining written with exiftool (the judge, not our writer).

C2PA's certificate profile (C2PA 2.x §14.5): an end-entity certificate with the
digitalSignature key usage and an extended key usage C2PA accepts (emailProtection here),
issued by a CA whose certificate the validator trusts; c2pa-rs reports any other signer as
``signingCredential.untrusted``.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SOURCE_TYPE_NS = "http://cv.iptc.org/newscodes/digitalsourcetype/"
EXIFTOOL = shutil.which("exiftool")


@dataclass(frozen=True)
class Chain:
    root_pem: bytes  # the trust anchor
    chain_pem: bytes  # leaf then root, what the signer embeds
    key_pem: bytes
    signer: str
    issuer: str


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{cn} Org"),
        ]
    )


def make_chain(signer: str = "Test Photographer", issuer: str = "Test Desk Root CA") -> Chain:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    no_usage = dict.fromkeys(
        (
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name(issuer))
        .issuer_name(_name(issuer))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=False, key_cert_sign=True, crl_sign=True, **no_usage),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(signer))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **no_usage),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return Chain(
        root_pem=ca.public_bytes(pem),
        chain_pem=leaf.public_bytes(pem) + ca.public_bytes(pem),
        key_pem=key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
        signer=signer,
        issuer=issuer,
    )


def sign_jpeg(
    data: bytes,
    chain: Chain,
    source_type: str = "digitalCapture",
    generator: str = "Test Camera Firmware",
    title: str = "picture.jpg",
) -> bytes:
    """*data* with a C2PA manifest (a c2pa.created action of *source_type*) signed by *chain*."""
    import c2pa

    signer = c2pa.Signer.from_info(
        c2pa.C2paSignerInfo(b"es256", chain.chain_pem, chain.key_pem, None)
    )
    created = {"action": "c2pa.created", "digitalSourceType": SOURCE_TYPE_NS + source_type}
    manifest = {
        "claim_generator_info": [{"name": generator, "version": "1.0"}],
        "title": title,
        "format": "image/jpeg",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {"actions": [created]},
            }
        ],
    }
    out = io.BytesIO()
    with c2pa.Builder(manifest) as builder, signer:
        builder.sign(signer, "image/jpeg", io.BytesIO(data), out)
    return out.getvalue()


def tamper_pixels(signed: bytes) -> bytes:
    """One bit of entropy-coded data flipped (never a 0xFF, never making one)."""
    sos = signed.rfind(b"\xff\xda")
    b = bytearray(signed)
    i = sos + 40
    while b[i] in (0xFF, 0xFE, 0x00) or b[i] ^ 0x01 == 0xFF:
        i += 1
    b[i] ^= 0x01
    return bytes(b)


def tamper_manifest(signed: bytes, title: str = "picture.jpg") -> bytes:
    """The claim's dc:title changed by one letter, inside the signed JUMBF."""
    at = signed.find(title.encode())
    assert at > 0, "claim title not found in the manifest"
    b = bytearray(signed)
    b[at] = ord("X")
    return bytes(b)


def c2pa_state(data: bytes, anchors: bytes | None = None) -> tuple[str | None, list[str]]:
    """c2pa-python's own verdict on *data*: (validation_state, failure codes); (None, [])
    when the file carries no manifest."""
    import c2pa

    settings: dict[str, object] = {"verify": {"verify_trust": True}}
    if anchors:
        settings["trust"] = {"trust_anchors": anchors.decode()}
    try:
        reader = c2pa.Reader(
            "image/jpeg", io.BytesIO(data), context=c2pa.Context.from_dict(settings)
        )
    except c2pa.C2paError as exc:
        if "ManifestNotFound" in type(exc).__name__ or "not found" in str(exc).lower():
            return None, []
        raise
    with reader:
        results = reader.get_validation_results() or {}
        codes = [f["code"] for f in (results.get("activeManifest") or {}).get("failure", [])]
        return reader.get_validation_state(), codes


# exiftool before 12.63 has no plus:DataMining (IPTC 2021.1 added it to the PLUS schema):
# teach it the one property, in exiftool's own user-defined tag syntax.
_CONFIG = """%Image::ExifTool::UserDefined = (
    'Image::ExifTool::PLUS::XMP' => { DataMining => { } },
);
1;
"""


def _config() -> str:
    import tempfile

    path = Path(tempfile.gettempdir(), "creditdesk-tests-exiftool-plus.cfg")
    if not path.exists() or path.read_text() != _CONFIG:
        path.write_text(_CONFIG)
    return str(path)


def exiftool_write(
    path: Path, source_type: str | None = None, data_mining: str | None = None
) -> None:
    """Write Iptc4xmpExt:DigitalSourceType / plus:DataMining with exiftool (in place)."""
    assert EXIFTOOL, "exiftool is needed for provenance tests"
    args = [EXIFTOOL, "-config", _config(), "-q", "-overwrite_original"]
    if source_type:
        args.append(f"-XMP-iptcExt:DigitalSourceType={SOURCE_TYPE_NS}{source_type}")
    if data_mining:
        args.append(f"-XMP-plus:DataMining=http://ns.useplus.org/ldf/vocab/{data_mining}")
    subprocess.run([*args, str(path)], check=True, capture_output=True)


def exiftool_read(path: Path, *tags: str) -> dict[str, object]:
    import json

    assert EXIFTOOL
    out = subprocess.run(
        [EXIFTOOL, "-config", _config(), "-j", "-G1", "-n", *(f"-{t}" for t in tags), str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out)[0])
