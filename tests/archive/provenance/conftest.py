"""Signed and typed pictures for the provenance tests, made fresh for each test session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.cli import main
from tests.factories import Agency, embed, jpeg_bytes
from tests.provenance_kit import Chain, make_chain, sign_jpeg, tamper_manifest, tamper_pixels


@dataclass(frozen=True)
class Signed:
    chain: Chain  # the archive trusts this one
    stranger: Chain  # and not this one
    files: dict[str, Path]  # kind → file: valid, untrusted, pixels, manifest, plain


@pytest.fixture(scope="session")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    folder = tmp_path_factory.mktemp("signed")
    chain, stranger = make_chain(), make_chain("Unknown Signer", "Unknown Root CA")
    caption = Agency(
        caption="A harbour at dawn, photographed for the provenance tests of the desk.",
        credit="Jane Doe/Test Agency",
        byline="Jane Doe",
    )
    made = {
        "valid": sign_jpeg(embed(jpeg_bytes((160, 120), 1), caption), chain),
        "untrusted": sign_jpeg(embed(jpeg_bytes((160, 120), 2), caption), stranger),
        "ai": sign_jpeg(
            embed(jpeg_bytes((160, 120), 3), caption), chain, "trainedAlgorithmicMedia"
        ),
    }
    made["pixels"] = tamper_pixels(sign_jpeg(embed(jpeg_bytes((160, 120), 4), caption), chain))
    made["manifest"] = tamper_manifest(sign_jpeg(embed(jpeg_bytes((160, 120), 5), caption), chain))
    made["plain"] = embed(jpeg_bytes((160, 120), 6), caption)
    files = {}
    for kind, data in made.items():
        files[kind] = folder / f"{kind}.jpg"
        files[kind].write_bytes(data)
    return Signed(chain, stranger, files)


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
    code = main(list(args))
    out, _err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None


def archive_args(folder: Path, db_url: str | None) -> list[str]:
    return ["--archive", str(folder)] + (["--db", db_url] if db_url else [])


def trusting(folder: Path, chain: Chain) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "trust-anchors.pem").write_bytes(chain.root_pem)
    return folder
