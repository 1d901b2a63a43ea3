"""XMP sidecars: read at import (NAME.xmp and NAME.EXT.xmp), merged by age, never imported as
pictures, and written on export instead of touching a file that must stay byte-identical.

The sidecar conventions are Adobe's (XMP Specification Part 3, "Storage in Files", §2.3:
a sidecar is NAME.xmp beside the file) and darktable's / digiKam's NAME.EXT.xmp.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from archive.cli import main
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.services.photos import PhotoService
from tests.factories import Agency, jpeg_bytes, write_photo

SIDECAR = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    photoshop:Credit="{credit}" photoshop:City="Manchester">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:creator><rdf:Seq><rdf:li>Joe Maher</rdf:li></rdf:Seq></dc:creator>
   <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">A stage</rdf:li>
   </rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def sidecar(path: Path, caption: str, credit: str = "Joe Maher/Getty Images") -> Path:
    path.write_text(SIDECAR.format(caption=caption, credit=credit), encoding="utf-8")
    return path


def age(path: Path, seconds: float) -> None:
    st = path.stat()
    os.utime(path, (st.st_atime - seconds, st.st_mtime - seconds))


def import_folder(archive: Archive, *paths: Path) -> list[dict]:  # type: ignore[type-arg]
    session = ImportSession(archive, list(paths), ImportOptions(jobs=1))
    for _ in session.run():
        pass
    assert not session.report.failed, session.report.failed
    return PhotoService(archive.sessions).details(session.report.photo_ids)


def test_a_stripped_jpeg_takes_its_credit_and_caption_from_photo_xmp(
    archive: Archive, tmp_path: Path
) -> None:
    pic = tmp_path / "drop" / "photo.jpg"
    pic.parent.mkdir()
    pic.write_bytes(jpeg_bytes(seed=81))  # no metadata at all
    sidecar(pic.with_suffix(".xmp"), "Guests arrive at the premiere.")
    [photo] = import_folder(archive, pic.parent)
    assert photo["credit_line"] == "Joe Maher/Getty Images"
    assert photo["caption"] == "Guests arrive at the premiere."
    assert photo["alt_text"] == "A stage"
    assert photo["photographer"] == "Joe Maher"
    assert photo["embedded"]["xmp_sidecar"]["path"].endswith("photo.xmp")  # kept as evidence
    assert photo["embedded"]["xmp"] == {}  # the file's own packet stays what it was: none


def test_newer_sidecar_wins_older_one_only_fills(archive: Archive, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    embedded = Agency(caption="The file's own caption.", credit="Getty Images")
    new = write_photo(drop / "new.jpg", embedded, seed=82)
    old = write_photo(drop / "old.jpg", embedded, seed=83)
    age(new, 60)  # the picture is older than its sidecar: the sidecar was written after it
    sidecar(new.with_name("new.jpg.xmp"), "Corrected caption from the sidecar.")
    side = sidecar(old.with_suffix(".xmp"), "A stale caption from the sidecar.")
    age(side, 60)  # this sidecar predates its picture
    by_name = {Path(p["source_paths"][0]).name: p for p in import_folder(archive, drop)}
    assert set(by_name) == {"new.jpg", "old.jpg"}  # the .xmp files are not pictures
    newer, older = by_name["new.jpg"], by_name["old.jpg"]
    assert newer["caption"] == "Corrected caption from the sidecar."
    assert newer["credit_line"] == "Joe Maher/Getty Images"
    assert any("newer than the file" in w for w in newer["import_warnings"])
    assert older["caption"] == "The file's own caption."
    assert older["city"] == "Manchester"  # the file has no city: the sidecar fills it
    assert any("older than the file" in w for w in older["import_warnings"])


def test_a_sidecar_named_alone_is_refused_named_with_its_picture_is_read(
    archive: Archive, tmp_path: Path
) -> None:
    pic = tmp_path / "photo.jpg"
    pic.write_bytes(jpeg_bytes(seed=84))
    side = sidecar(tmp_path / "photo.xmp", "Caption in the sidecar.")
    session = ImportSession(archive, [side], ImportOptions(jobs=1))
    for _ in session.run():
        pass
    assert [f.error for f in session.report.failed] == [
        "an XMP sidecar: read with its picture; no picture of the same name is beside it — "
        "import the picture it describes"
    ]
    [photo] = import_folder(archive, pic, side)
    assert photo["caption"] == "Caption in the sidecar."


def test_export_sidecar_leaves_the_original_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = str(tmp_path / "arc")
    pic = write_photo(tmp_path / "in" / "a.jpg", Agency(caption="An agency caption"), seed=85)
    original_sha = hashlib.sha256(pic.read_bytes()).hexdigest()
    assert main(["--archive", arc, "import", str(pic)]) == 0
    caption = "A desk caption, long enough to satisfy every rule here."
    assert main(["--archive", arc, "edit", "1", "--alt-text", "A red carpet", "--credit",
                 "Joe Maher/Getty Images", "--caption", caption]) == 0  # fmt: skip
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["--archive", arc, "export", "1", "--to", str(out), "--sidecar",
                 "--contact-sheet", "none", "--json"]) == 0  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    picture = out / result["files"][0]["file"]
    assert hashlib.sha256(picture.read_bytes()).hexdigest() == original_sha
    assert result["files"][0]["sha256"] == original_sha
    xmp = picture.with_suffix(".xmp")
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed")
    tags = json.loads(
        subprocess.run(
            ["exiftool", "-j", "-G1", str(xmp)], check=True, capture_output=True, text=True
        ).stdout
    )[0]
    assert tags["XMP-dc:Description"] == caption
    assert tags["XMP-iptcCore:AltTextAccessibility"] == "A red carpet"
