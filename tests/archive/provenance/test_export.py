"""Export never ships a broken signature (issue #19 §5, issue #13 item 7): each kind of
signed file is exported and read back with c2pa-python and exiftool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive.metadata.writer import image_data_digest
from archive.provenance.jumbf import has_c2pa
from tests.archive.provenance.conftest import Signed, archive_args, cli_json, trusting
from tests.provenance_kit import SOURCE_TYPE_NS, c2pa_state, exiftool_read

KINDS = ("valid", "untrusted", "pixels", "manifest", "plain")


def _setup(tmp_path: Path, capsys, db_url: str | None, signed: Signed):  # type: ignore[no-untyped-def]
    arc = archive_args(trusting(tmp_path / "arc", signed.chain), db_url)
    src = tmp_path / "in"
    src.mkdir()
    for kind in KINDS:
        shutil.copy(signed.files[kind], src / f"{kind}.jpg")
    code, result = cli_json(capsys, *arc, "import", str(src), "--json", "--jobs", "2")
    assert code == 0, result
    ids = {}
    for pid in result["photo_ids"]:
        _, detail = cli_json(capsys, *arc, "show", str(pid), "--json")
        ids[Path(detail["source_paths"][0]).stem] = pid
    return arc, ids


def _export(capsys, arc: list[str], ids: list[int], to: Path, *more: str):  # type: ignore[no-untyped-def]
    code, out = cli_json(
        capsys,
        *arc,
        "export",
        *map(str, ids),
        "--to",
        str(to),
        "--contact-sheet",
        "none",
        "--name-template",
        "id{id}.jpg",
        "--json",
        *more,
    )
    assert code == 0, out
    manifest = json.loads((to / "manifest.json").read_text(encoding="utf-8"))
    return out, {item["photo_id"]: item for item in manifest["photos"]}, manifest


def test_unedited_credentialed_files_are_exported_as_received(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None, signed: Signed
) -> None:
    arc, ids = _setup(tmp_path, capsys, db_url, signed)
    anchors = signed.chain.root_pem
    _out, items, _ = _export(capsys, arc, list(ids.values()), tmp_path / "as-received")
    for kind in ("valid", "untrusted", "pixels", "manifest"):
        item = items[ids[kind]]
        exported = (tmp_path / "as-received" / item["file"]).read_bytes()
        original = signed.files[kind].read_bytes()
        assert exported == original, kind  # byte for byte: the signature is what it was
        assert item["content_credentials"]["action"] == "kept"
        assert c2pa_state(exported, anchors) == c2pa_state(original, anchors)
        # Broken as received: shipped as evidence, never silently (the check's warning).
        warned = any(w.startswith("[provenance-invalid]") for w in item["warnings"])
        assert warned == (kind != "valid"), (kind, item["warnings"])
    assert c2pa_state(
        (tmp_path / "as-received" / items[ids["valid"]]["file"]).read_bytes(), anchors
    ) == ("Trusted", [])
    # A file without credentials gets its metadata written as always.
    assert items[ids["plain"]]["content_credentials"] is None


def test_an_edit_removes_the_manifest_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None, signed: Signed
) -> None:
    arc, ids = _setup(tmp_path, capsys, db_url, signed)
    pid = ids["valid"]
    caption = "Fishing boats leave the harbour at dawn, seen from the lighthouse."
    code, _ = cli_json(capsys, *arc, "edit", str(pid), "--caption", caption, "--json")
    assert code == 0
    out, items, manifest = _export(capsys, arc, [pid], tmp_path / "edited")
    item = items[pid]
    path = tmp_path / "edited" / item["file"]
    data = path.read_bytes()
    assert item["content_credentials"]["action"] == "removed"
    assert "caption" in item["content_credentials"]["why"]
    assert any("Content Credentials removed" in w for w in item["warnings"])
    assert any("Content Credentials removed" in w for w in manifest["warnings"])
    assert any("Content Credentials removed" in w for w in out["warnings"])  # type: ignore[index]
    assert not has_c2pa(data)
    assert c2pa_state(data) == (None, [])  # c2pa-python finds no manifest: nothing broken ships
    tags = exiftool_read(path, "XMP-dc:Description", "JUMBF:all")
    assert tags["XMP-dc:Description"] == caption
    assert not [k for k in tags if k.startswith("JUMBF")]
    original = signed.files["valid"].read_bytes()
    assert image_data_digest(data) == image_data_digest(original)  # pixels untouched


def test_resized_and_remove_policy_exports_drop_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: Signed
) -> None:
    arc, ids = _setup(tmp_path, capsys, None, signed)
    pid = ids["valid"]
    _out, items, _ = _export(capsys, arc, [pid], tmp_path / "web", "--size", "100")
    data = (tmp_path / "web" / items[pid]["file"]).read_bytes()
    assert items[pid]["content_credentials"]["action"] == "removed"
    assert "resized" in items[pid]["content_credentials"]["why"]
    assert c2pa_state(data) == (None, [])
    code, _ = cli_json(
        capsys,
        *arc,
        "profiles",
        "edit",
        "editorial-web-GB",
        "--provenance",
        "credentials=remove",
        "--json",
    )
    assert code == 0
    _out, items, _ = _export(capsys, arc, [pid], tmp_path / "always")
    path = tmp_path / "always" / items[pid]["file"]
    assert items[pid]["content_credentials"]["action"] == "removed"
    assert c2pa_state(path.read_bytes()) == (None, [])
    assert exiftool_read(path, "XMP-dc:Description")["XMP-dc:Description"].startswith("A harbour")  # type: ignore[union-attr]


def test_sidecar_export_keeps_the_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: Signed
) -> None:
    arc, ids = _setup(tmp_path, capsys, None, signed)
    pid = ids["valid"]
    _out, items, _ = _export(capsys, arc, [pid], tmp_path / "side", "--sidecar")
    data = (tmp_path / "side" / items[pid]["file"]).read_bytes()
    assert items[pid]["content_credentials"]["action"] == "kept"
    assert c2pa_state(data, signed.chain.root_pem) == ("Trusted", [])


def test_source_type_is_edited_audited_undone_and_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None, signed: Signed
) -> None:
    arc, ids = _setup(tmp_path, capsys, db_url, signed)
    plain, valid = ids["plain"], ids["valid"]
    code, out = cli_json(
        capsys,
        *arc,
        "edit",
        str(plain),
        str(valid),
        "--source-type",
        "compositeSynthetic",
        "--json",
    )
    assert code == 0, out
    _, detail = cli_json(capsys, *arc, "show", str(plain), "--json")
    assert detail["provenance"]["digital_source_type"] == "compositeSynthetic"  # type: ignore[index]
    assert detail["provenance"]["source_type_edited"] is True  # type: ignore[index]
    _, history = cli_json(capsys, *arc, "history", str(plain), "--json")
    assert any(
        h["field"] == "digital_source_type" and h["new"] == "compositeSynthetic" for h in history
    )  # type: ignore[union-attr]
    # The hard rule now blocks both: a desk that runs labelled illustrations may export.
    code, _ = cli_json(
        capsys,
        *arc,
        "profiles",
        "edit",
        "editorial-web-GB",
        "--provenance",
        "labelled_illustrations=yes",
        "--json",
    )
    assert code == 0
    label = "A harbour at dawn, composed from synthetic parts (AI-generated image)"
    code, _ = cli_json(capsys, *arc, "edit", str(plain), str(valid), "--caption", label, "--json")
    assert code == 0
    _out, items, _ = _export(capsys, arc, [plain, valid], tmp_path / "typed")
    for pid in (plain, valid):
        path = tmp_path / "typed" / items[pid]["file"]
        tags = exiftool_read(path, "XMP-iptcExt:DigitalSourceType")
        assert tags["XMP-iptcExt:DigitalSourceType"] == SOURCE_TYPE_NS + "compositeSynthetic"
    # The signed file's type changed in the catalogue: embedding it removes the manifest.
    assert items[valid]["content_credentials"]["action"] == "removed"
    assert "digital_source_type" in items[valid]["content_credentials"]["why"]
    assert c2pa_state((tmp_path / "typed" / items[valid]["file"]).read_bytes()) == (None, [])
    # A term outside the vocabulary is refused, and undo takes the batch back.
    code = __import__("archive.cli", fromlist=["main"]).main(
        [*arc, "edit", str(plain), "--source-type", "photoish"]
    )
    assert code != 0 and "not an IPTC Digital Source Type" in capsys.readouterr().err
    for _batch in range(2):  # the caption batch, then the source type batch
        code, _ = cli_json(capsys, *arc, "undo", "--json")
        assert code == 0
    _, detail = cli_json(capsys, *arc, "show", str(plain), "--json")
    assert detail["provenance"]["digital_source_type"] is None  # type: ignore[index]
    _, detail = cli_json(capsys, *arc, "show", str(valid), "--json")
    assert detail["provenance"]["digital_source_type"] == "digitalCapture"  # type: ignore[index]


def test_a_desk_certificate_re_signs_an_edited_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signed: Signed
) -> None:
    """credentials=sign: the edited file gets a Creditdesk c2pa.edited manifest whose
    parent ingredient is the file as received (its own credentials carried along)."""
    from tests.provenance_kit import make_chain

    arc, ids = _setup(tmp_path, capsys, None, signed)
    folder = tmp_path / "arc"
    desk = make_chain("Test Picture Desk", "Test Desk Signing CA")
    pid = ids["valid"]
    code, _ = cli_json(
        capsys,
        *arc,
        "profiles",
        "edit",
        "editorial-web-GB",
        "--provenance",
        "credentials=sign",
        "--json",
    )
    assert code == 0
    # No desk certificate yet: refused before anything is written.
    code = __import__("archive.cli", fromlist=["main"]).main(
        [*arc, "export", str(pid), "--to", str(tmp_path / "nope"), "--contact-sheet", "none"]
    )
    assert code != 0 and "desk-signer.pem" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()
    (folder / "desk-signer.pem").write_bytes(desk.chain_pem)
    (folder / "desk-signer.key").write_bytes(desk.key_pem)
    caption = "Fishing boats leave the harbour at dawn, seen from the lighthouse."
    assert cli_json(capsys, *arc, "edit", str(pid), "--caption", caption, "--json")[0] == 0
    _out, items, _ = _export(capsys, arc, [pid], tmp_path / "signed")
    item = items[pid]
    path = tmp_path / "signed" / item["file"]
    data = path.read_bytes()
    assert item["content_credentials"]["action"] == "signed"
    assert any("re-signed by the desk" in w for w in item["warnings"])
    assert c2pa_state(data, desk.root_pem) == ("Trusted", [])
    assert c2pa_state(data)[1] == ["signingCredential.untrusted"]  # only for who trusts the desk
    import io

    import c2pa

    with c2pa.Reader("image/jpeg", io.BytesIO(data)) as reader:
        report = json.loads(reader.json())
    active = report["manifests"][report["active_manifest"]]
    assert active["ingredients"][0]["relationship"] == "parentOf"
    assert len(report["manifests"]) == 2  # the agency's manifest travels as the ingredient's
    actions = [
        a
        for x in active["assertions"]
        if x["label"].startswith("c2pa.actions")
        for a in x["data"]["actions"]
    ]
    assert any(a["action"] == "c2pa.edited" for a in actions)
    assert exiftool_read(path, "XMP-dc:Description")["XMP-dc:Description"] == caption
    assert image_data_digest(data) == image_data_digest(signed.files["valid"].read_bytes())
