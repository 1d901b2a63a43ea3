"""bench/fidelity.py: our reader against exiftool's readings, and proof that it can fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.fidelity import main
from tests.archive.metadata.agency_files import (
    exiftool_write,
    fotostation_record,
    imagemagick_raw_profile,
    itxt_xmp,
    lang_alt,
    need_exiftool,
    packet,
    png_with,
    seq,
    ztxt,
)
from tests.archive.metadata.builders import IIM_UTF8, app1_xmp, app13, iim, jpeg
from tests.corpus import CORPUS

ROOT = Path(__file__).resolve().parents[3]


def _run(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main([str(folder)])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.corpus
def test_the_corpus_agrees_check_for_check(capsys: pytest.CaptureFixture[str]) -> None:
    if not (CORPUS / "expected.json").exists():
        pytest.skip(f"corpus is missing: {CORPUS}")
    code, lines = _run(CORPUS, capsys)
    last = lines[-1].split()
    assert last[0] == "fidelity" and last[1] == "files=32"
    checks, agree = int(last[2].split("=")[1]), int(last[3].split("=")[1])
    assert lines == [lines[-1]] and code == 0  # no disagreement line
    assert checks == agree and checks > 150  # caption, credit, people, dates… of 32 files


def _agency_folder(folder: Path) -> None:
    """The forms of issue 14, with exiftool's own reading of them as expected.json."""
    folder.mkdir()
    getty = packet(
        lang_alt("dc:rights", "© One")
        + lang_alt("dc:rights", "© 2015 Getty Images")
        + lang_alt("dc:description", "Kate Winslet arrives")
        + "<photoshop:DateCreated>2015-01-22T18:30:00 +00:00</photoshop:DateCreated>"
        + "<GettyImagesGIFT:AssetId>461234567</GettyImagesGIFT:AssetId>"
    )
    trailer = iim((1, 90, IIM_UTF8), (2, 120, "Zoë in Łódź".encode()), (2, 110, b"FotoWare"))
    creator = packet(seq("dc:creator", "Zoë Ball"))
    files = {
        "getty.jpg": jpeg((32, 24), app1_xmp(getty), exif=False),
        "getty-iim.jpg": jpeg((32, 24), app13(iim((2, 55, b"2015-01-22"))), exif=False),
        "fotostation.jpg": jpeg((32, 24)) + fotostation_record(1, trailer),
        "old.png": png_with(after_idat=itxt_xmp(creator)),
        "magick.png": png_with(
            before_idat=ztxt("Raw profile type xmp", imagemagick_raw_profile("xmp", creator))
        ),
        "keywords.jpg": jpeg((32, 24)),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    exiftool_write(folder / "keywords.jpg", "-XMP-dc:Subject=reagan, cvn 76, navy")
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-struct", *sorted(files)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder / "expected.json").write_text(out, encoding="utf-8")


def test_exiftools_own_output_of_agency_forms_agrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need_exiftool()
    _agency_folder(tmp_path / "agency")
    code, lines = _run(tmp_path / "agency", capsys)
    assert code == 0, lines
    assert lines[-1].startswith("fidelity files=6 checks=") and len(lines) == 1
    checks = int(lines[-1].split()[2].split("=")[1])
    assert checks >= 10


def test_a_deliberate_disagreement_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need_exiftool()
    folder = tmp_path / "agency"
    _agency_folder(folder)
    readings = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for entry in readings:
        if entry["SourceFile"] == "getty.jpg":
            entry["XMP-dc:Rights"] = "© Someone Else"  # exiftool "saw" another copyright
        if entry["SourceFile"] == "fotostation.jpg":
            entry["IPTC2:Credit"] = "Another Credit"
    (folder / "expected.json").write_text(json.dumps(readings), encoding="utf-8")
    code, lines = _run(folder, capsys)
    assert code == 1
    assert lines[:-1] == [
        "fotostation.jpg: credit_line: ours 'FotoWare', exiftool 'Another Credit' (IPTC2:Credit)",
        "getty.jpg: copyright: ours '© 2015 Getty Images', exiftool '© Someone Else' "
        "(XMP-dc:Rights)",
    ]
    total, agree = (int(p.split("=")[1]) for p in lines[-1].split()[2:4])
    assert total - agree == 2


def test_a_value_only_we_read_is_a_disagreement_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need_exiftool()
    folder = tmp_path / "agency"
    _agency_folder(folder)
    readings = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    for entry in readings:
        entry.pop("XMP-dc:Creator", None)  # as if exiftool had found no creator in the PNGs
    (folder / "expected.json").write_text(json.dumps(readings), encoding="utf-8")
    code, lines = _run(folder, capsys)
    assert code == 1
    assert lines[:-1] == [
        "magick.png: creators: ours ['Zoë Ball'], exiftool None",
        "old.png: creators: ours ['Zoë Ball'], exiftool None",
    ]


def test_runs_as_a_script_from_the_repository(tmp_path: Path) -> None:
    need_exiftool()
    _agency_folder(tmp_path / "agency")
    out = subprocess.run(
        [sys.executable, "bench/fidelity.py", str(tmp_path / "agency")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1].startswith("fidelity files=6 ")


def test_readme_says_what_is_read_from_where_as_the_field_table_does() -> None:
    from archive.metadata.fields import FIELDS
    from bench.fidelity_tags import source_row

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What is read from where", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `")
    }
    for spec in FIELDS:
        # A field added to the table later without a row is a missing line of docs, not
        # a wrong one; every row that is there must say what the reader does.
        if f"`{spec.name}`" in rows:
            assert rows[f"`{spec.name}`"] == source_row(spec)
    issue_fields = {"caption", "credit_line", "creators", "copyright", "title", "keywords"}
    assert {f"`{n}`" for n in issue_fields | {"supplier_image_id", "taken_at"}} <= set(rows)


def test_exiftool_run_recursively_inside_the_folder_is_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need_exiftool()
    folder = tmp_path / "desk"
    folder.mkdir()
    _agency_folder(folder / "wires")  # its own expected.json is not the one read here
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-struct", "-r", "-ext", "jpg", "-ext", "png", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder / "expected.json").write_text(out, encoding="utf-8")
    code, lines = _run(folder, capsys)
    assert code == 0, lines
    assert lines[-1].startswith("fidelity files=6 ")
