"""Every field a wire desk edits: `edit` → catalogue → export → exiftool, and back in.

Where each field belongs follows the IPTC Photo Metadata Standard 2023.1 (iptc.org/std/
photometadata/specification/IPTC-PhotoMetadata), "IPTC Core" and "IPTC Extension" tables:
alt text and extended description (2021 accessibility) exist in XMP only; the creator's
job title is IIM 2:85 By-line Title; job id is IIM 2:103 Original Transmission Reference;
the copyright notice also goes to EXIF Copyright and the creator to EXIF Artist.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from archive.cli import main
from archive.metadata.reader import read_metadata
from tests.factories import Agency, write_photo

FIELDS = {
    "--caption": "Kate Winslet arrives at the Royal Festival Hall in London, England.",
    "--headline": "BAFTA TV Awards — Arrivals",
    "--title": "Winslet arrives",
    "--alt-text": "A woman in a green gown smiles on a red carpet",
    "--extended-description": "Kate Winslet, in a long green gown, stands before a wall of "
    "photographers on the red carpet outside the Royal Festival Hall.",
    "--creator": "Zoë Ball",
    "--creator-job-title": "Staff Photographer",
    "--credit": "Zoë Ball/Getty Images",
    "--source": "Getty Images Europe",
    "--copyright": "© 2023 Getty Images",
    "--usage-terms": "Editorial use only; no sales",
    "--special-instructions": "UK OUT",
    "--city": "London",
    "--sublocation": "Royal Festival Hall",
    "--state": "England",
    "--country": "United Kingdom",
    "--job-id": "LDN-2023-0514-77",
    "--date-created": "2023-05-14T19:30:00+01:00",
}


def cli(*args: str) -> int:
    return main(list(args))


def exiftool_json(path: Path) -> dict[str, Any]:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed: interoperability tests need libimage-exiftool-perl")
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-a", "-struct", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out)[0]
    return result


def test_every_field_edits_exports_and_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = str(tmp_path / "arc")
    write_photo(tmp_path / "in" / "a.jpg", Agency(caption="x"), seed=71, size=(320, 240))
    assert cli("--archive", arc, "import", str(tmp_path / "in")) == 0
    edits = [x for flag, value in FIELDS.items() for x in (flag, value)]
    assert cli("--archive", arc, "edit", "1", *edits, "--keyword", "Red Carpet",
               "--person", "Kate Winslet", "--event", "BAFTA TV 2023", "--create") == 0  # fmt: skip
    capsys.readouterr()
    assert cli("--archive", arc, "show", "1", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["alt_text"] == FIELDS["--alt-text"]
    assert shown["country_code"] == "GB"  # filled from the country name
    assert shown["taken_at"] == "2023-05-14T19:30:00+01:00"
    assert shown["photographer"] == "Zoë Ball"

    out = tmp_path / "out"
    assert cli("--archive", arc, "export", "1", "--to", str(out), "--contact-sheet", "none") == 0
    picture = next(out.glob("*.jpg"))
    tags = exiftool_json(picture)
    assert tags["XMP-iptcCore:AltTextAccessibility"] == FIELDS["--alt-text"]
    assert tags["XMP-iptcCore:ExtDescrAccessibility"] == FIELDS["--extended-description"]
    assert tags["XMP-photoshop:AuthorsPosition"] == "Staff Photographer"
    assert tags["IPTC:By-lineTitle"] == "Staff Photographer"
    assert tags["XMP-photoshop:TransmissionReference"] == "LDN-2023-0514-77"
    assert tags["IPTC:OriginalTransmissionReference"] == "LDN-2023-0514-77"
    assert tags["XMP-dc:Rights"] == "© 2023 Getty Images"
    assert tags["IPTC:CopyrightNotice"] == "© 2023 Getty Images"
    assert tags["IFD0:Copyright"] == "© 2023 Getty Images"
    assert tags["IFD0:Artist"] == "Zoë Ball"
    assert tags["XMP-xmpRights:UsageTerms"] == "Editorial use only; no sales"
    assert tags["XMP-photoshop:Source"] == "Getty Images Europe"
    assert tags["IPTC:Source"] == "Getty Images Europe"
    assert tags["XMP-iptcCore:Location"] == "Royal Festival Hall"
    assert tags["IPTC:Sub-location"] == "Royal Festival Hall"
    assert tags["XMP-photoshop:State"] == "England"
    assert tags["IPTC:Province-State"] == "England"
    assert tags["XMP-photoshop:Country"] == "United Kingdom"
    assert tags["XMP-iptcCore:CountryCode"] == "GB"
    assert tags["IPTC:Country-PrimaryLocationCode"] == "GB"
    assert tags["XMP-photoshop:DateCreated"].startswith("2023:05:14 19:30:00+01:00")
    assert tags["IPTC:DateCreated"] == "2023:05:14"
    assert tags["XMP-photoshop:Credit"] == "Zoë Ball/Getty Images"
    assert tags["XMP-photoshop:Headline"] == FIELDS["--headline"]
    assert tags["XMP-dc:Title"] == "Winslet arrives"
    assert tags["XMP-photoshop:Instructions"] == "UK OUT"
    assert tags["XMP-iptcExt:PersonInImage"] in ("Kate Winslet", ["Kate Winslet"])
    assert tags["XMP-photoshop:City"] == "London"
    assert "Warning" not in tags, tags.get("Warning")  # IPTC digest current, nothing malformed

    # And our own reader takes every field back in, as a second import would.
    meta = read_metadata(picture.read_bytes(), picture.name)
    assert meta.alt_text == FIELDS["--alt-text"]
    assert meta.extended_description == FIELDS["--extended-description"]
    assert meta.creator_job_title == "Staff Photographer"
    assert meta.job_id == "LDN-2023-0514-77"
    assert meta.usage_terms == "Editorial use only; no sales"
    assert meta.country_code == "GB"


def test_country_and_code_fill_each_other_and_undo_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = str(tmp_path / "arc")
    write_photo(tmp_path / "in" / "a.jpg", Agency(caption="x"), seed=72)
    assert cli("--archive", arc, "import", str(tmp_path / "in")) == 0
    assert cli("--archive", arc, "edit", "1", "--country-code", "fr") == 0
    capsys.readouterr()
    cli("--archive", arc, "show", "1", "--json")
    shown = json.loads(capsys.readouterr().out)
    assert (shown["country"], shown["country_code"]) == ("France", "FR")
    assert cli("--archive", arc, "edit", "1", "--country", "Narnia") == 0
    assert "no ISO 3166 code" in capsys.readouterr().err
    cli("--archive", arc, "show", "1", "--json")
    shown = json.loads(capsys.readouterr().out)
    assert (shown["country"], shown["country_code"]) == ("Narnia", None)
    assert cli("--archive", arc, "undo") == 0
    capsys.readouterr()
    cli("--archive", arc, "show", "1", "--json")
    shown = json.loads(capsys.readouterr().out)
    assert (shown["country"], shown["country_code"]) == ("France", "FR")
    assert cli("--archive", arc, "edit", "1", "--country-code", "XX") == 2
    assert "not an ISO 3166-1 country code" in capsys.readouterr().err
    assert cli("--archive", arc, "edit", "1", "--date-created", "14 May") == 2
    assert "is not a date" in capsys.readouterr().err
