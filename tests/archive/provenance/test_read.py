"""Provenance is read at import (issue #19 §1): Digital Source Type, Data Mining and C2PA
Content Credentials, on real files made by the tests (c2pa-python signs, exiftool writes)."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from archive.provenance.jumbf import store_bytes
from archive.provenance.vocab import SOURCE_TYPES
from tests.archive.provenance.conftest import Signed, archive_args, cli_json, trusting
from tests.factories import write_photo
from tests.provenance_kit import SOURCE_TYPE_NS, c2pa_state, exiftool_read, exiftool_write

# IPTC NewsCodes Digital Source Type, https://cv.iptc.org/newscodes/digitalsourcetype/
NEWSCODES = [
    "digitalCapture",
    "computationalCapture",
    "negativeFilm",
    "positiveFilm",
    "print",
    "minorHumanEdits",
    "humanEdits",
    "digitalCreation",
    "dataDrivenMedia",
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "algorithmicallyEnhanced",
    "compositeSynthetic",
    "algorithmicMedia",
    "compositeCapture",
    "composite",
    "screenCapture",
    "virtualRecording",
]


def test_the_test_files_are_what_they_claim(signed: Signed) -> None:
    """c2pa-python itself is the judge of the fixtures, before we read them."""
    anchors = signed.chain.root_pem
    assert c2pa_state(signed.files["valid"].read_bytes(), anchors) == ("Trusted", [])
    state, codes = c2pa_state(signed.files["untrusted"].read_bytes(), anchors)
    assert state == "Valid" and codes == ["signingCredential.untrusted"]
    assert c2pa_state(signed.files["pixels"].read_bytes(), anchors)[1] == [
        "assertion.dataHash.mismatch"
    ]
    assert "claimSignature.mismatch" in c2pa_state(signed.files["manifest"].read_bytes())[1]
    assert c2pa_state(signed.files["plain"].read_bytes()) == (None, [])


def test_import_reads_every_validation_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None, signed: Signed
) -> None:
    arc = archive_args(trusting(tmp_path / "arc", signed.chain), db_url)
    src = tmp_path / "in"
    src.mkdir()
    for path in signed.files.values():
        shutil.copy(path, src / path.name)
    code, result = cli_json(capsys, *arc, "import", str(src), "--json", "--jobs", "2")
    assert code == 0 and result["imported"] == len(signed.files), result  # type: ignore[index]
    states = {}
    for pid in result["photo_ids"]:  # type: ignore[index]
        _, detail = cli_json(capsys, *arc, "show", str(pid), "--json")
        name = Path(detail["source_paths"][0]).stem  # type: ignore[index]
        states[name] = detail  # type: ignore[assignment]
    expected = {
        "valid": "valid",
        "ai": "valid",
        "untrusted": "untrusted",
        "pixels": "hash-mismatch",
        "manifest": "signature-invalid",
    }
    for kind, state in expected.items():
        prov = states[kind]["provenance"]
        assert prov["c2pa"]["state"] == state, (kind, prov)
        assert prov["c2pa"]["claim_generator"] == "Test Camera Firmware 1.0"
        assert prov["c2pa"]["actions"][0]["action"] == "c2pa.created"
        # The raw manifest store is kept as evidence, byte for byte.
        raw = states[kind]["embedded"]["c2pa"]
        original = signed.files[kind].read_bytes()
        assert base64.b64decode(raw["store_base64"]) == store_bytes(original)
    code, report = cli_json(capsys, *arc, "verify", "--json")
    assert code == 0, report  # the archive agrees with itself after the import
    assert states["plain"]["provenance"]["c2pa"] is None
    assert states["plain"]["provenance"]["summary"] == "Content Credentials: none"
    valid = states["valid"]["provenance"]
    assert valid["c2pa"]["signer"] == "Test Photographer"
    assert valid["c2pa"]["issuer"] == "Test Desk Root CA"
    assert valid["summary"].startswith("Content Credentials: valid, signed by Test Photographer")
    assert states["untrusted"]["provenance"]["c2pa"]["issuer"] == "Unknown Root CA"
    assert "claimSignature.mismatch" in states["manifest"]["provenance"]["summary"]
    # With no XMP source type, the C2PA "created" action says what the picture is.
    ai = states["ai"]["provenance"]
    assert ai["digital_source_type"] == "trainedAlgorithmicMedia" and ai["generated"]
    assert ai["embedded_source_type_from"] == "c2pa"
    assert states["valid"]["provenance"]["digital_source_type"] == "digitalCapture"


def test_without_a_trust_list_a_good_signature_is_untrusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: Signed
) -> None:
    arc = archive_args(tmp_path / "arc", None)
    code, result = cli_json(capsys, *arc, "import", str(signed.files["valid"]), "--json")
    assert code == 0
    _, detail = cli_json(capsys, *arc, "show", str(result["photo_ids"][0]), "--json")  # type: ignore[index]
    assert detail["provenance"]["c2pa"]["state"] == "untrusted"  # type: ignore[index]


def test_every_digital_source_type_written_by_exiftool_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(NEWSCODES) <= set(SOURCE_TYPES)
    src = tmp_path / "in"
    for n, term in enumerate(NEWSCODES):
        path = write_photo(src / f"{term}.jpg", seed=100 + n)
        exiftool_write(path, source_type=term, data_mining="DMI-PROHIBITED-AIMLTRAINING")
        tags = exiftool_read(path, "XMP-iptcExt:DigitalSourceType", "XMP-plus:DataMining")
        assert tags["XMP-iptcExt:DigitalSourceType"] == SOURCE_TYPE_NS + term
        assert str(tags["XMP-plus:DataMining"]).endswith("/DMI-PROHIBITED-AIMLTRAINING")
    arc = archive_args(tmp_path / "arc", None)
    code, result = cli_json(capsys, *arc, "import", str(src), "--json", "--jobs", "2")
    assert code == 0 and result["imported"] == len(NEWSCODES)  # type: ignore[index]
    for pid in result["photo_ids"]:  # type: ignore[index]
        _, detail = cli_json(capsys, *arc, "show", str(pid), "--json")
        prov = detail["provenance"]  # type: ignore[index]
        term = Path(detail["source_paths"][0]).stem  # type: ignore[index]
        assert prov["digital_source_type"] == term
        assert prov["embedded_source_type_from"] == "xmp"
        assert prov["source_type_words"] == SOURCE_TYPES[term].words
        assert prov["generated"] == (SOURCE_TYPES[term].kind in ("ai", "composite"))
        assert prov["data_mining"] == "DMI-PROHIBITED-AIMLTRAINING"
        assert prov["c2pa"] is None


def test_an_iim_2_228_source_type_is_read_and_other_2_228_values_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pre-XMP desk tools put the type in IIM 2:228 (exiftool: IPTC:SimilarityIndex)."""
    import subprocess

    from tests.provenance_kit import EXIFTOOL

    src = tmp_path / "in"
    typed = write_photo(src / "typed.jpg", seed=500)
    other = write_photo(src / "other.jpg", seed=501)
    for path, value in ((typed, "trainedAlgorithmicMedia"), (other, "0.93 similar")):
        subprocess.run(
            [str(EXIFTOOL), "-q", "-overwrite_original", f"-IPTC:SimilarityIndex={value}", path],
            check=True,
        )
    arc = archive_args(tmp_path / "arc", None)
    code, result = cli_json(capsys, *arc, "import", str(src), "--json")
    assert code == 0
    found = {}
    for pid in result["photo_ids"]:  # type: ignore[index]
        _, detail = cli_json(capsys, *arc, "show", str(pid), "--json")
        found[Path(detail["source_paths"][0]).stem] = detail["provenance"]  # type: ignore[index]
    assert found["typed"]["digital_source_type"] == "trainedAlgorithmicMedia"
    assert found["typed"]["embedded_source_type_from"] == "iim"
    assert found["other"]["digital_source_type"] is None


def test_damaged_manifests_are_findings_never_refusals(signed: Signed) -> None:
    """Random bytes inside the JUMBF store (the JPEG structure intact): every file is read,
    its credentials reported as not valid (or, when the store is no longer recognisable
    as C2PA, as absent) — a hostile manifest never refuses the picture."""
    import random

    from archive.metadata.reader import read_metadata
    from archive.provenance.jumbf import c2pa_segments

    data = signed.files["valid"].read_bytes()
    seg = c2pa_segments(data)[0]
    rng = random.Random(19)
    seen = set()
    for _ in range(120):
        damaged = bytearray(data)
        for _flip in range(rng.choice([1, 3, 20, 200])):
            damaged[rng.randrange(seg.start + 4, seg.end)] = rng.randrange(256)
        state = read_metadata(bytes(damaged)).c2pa_state
        assert state in {"signature-invalid", "untrusted", "hash-mismatch", None}
        seen.add(state)
    assert "signature-invalid" in seen
