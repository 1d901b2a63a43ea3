"""The CLI contract: commands, flags, JSON keys and exit codes that users' scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli import main
from tests.factories import winslet_getty, winslet_wireimage, write_photo

ROOT = Path(__file__).resolve().parents[3]

SHOW_KEYS = {
    "id", "sha256", "format", "width", "height", "orientation", "file_size", "stored_path",
    "source_paths", "taken_at", "camera_make", "camera_model", "lens", "gps_lat", "gps_lon",
    "title", "headline", "caption", "caption_writer", "creator", "credit_line", "photographer",
    "agency", "source", "copyright", "usage_terms", "special_instructions", "supplier_image_id",
    "release_at", "expires_at", "keywords", "people", "event", "city", "sublocation", "state",
    "country", "country_code", "imported_at", "embedded",
}  # fmt: skip


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_show_list_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str | None
) -> None:
    arc = ["--archive", str(tmp_path / "arc")] + (["--db", db_url] if db_url else [])
    src = tmp_path / "in"
    write_photo(src / "getty.jpg", winslet_getty(), seed=21)
    write_photo(src / "wire.jpg", winslet_wireimage(), seed=22)

    code, out, _ = cli(capsys, *arc, "import", str(src), "--json", "--jobs", "2")
    assert code == 0
    result = json.loads(out)
    assert set(result) >= {"imported", "duplicates", "failed", "photo_ids"}
    assert result["imported"] == 2 and result["duplicates"] == 0 and result["failed"] == []

    code, out, _ = cli(capsys, *arc, "show", str(result["photo_ids"][0]), "--json")
    assert code == 0
    detail = json.loads(out)
    assert set(detail) >= SHOW_KEYS
    assert detail["event"] is None or set(detail["event"]) >= {
        "name",
        "date",
        "venue",
        "city",
        "country",
    }

    code, out, _ = cli(capsys, *arc, "list", "--json")
    listing = json.loads(out)
    assert listing["total"] == 2
    assert {"id", "taken_at", "caption", "credit_line", "people", "event"} <= set(
        listing["photos"][0]
    )
    assert {p["credit_line"] for p in listing["photos"]} == {
        "Joe Maher/Getty Images",
        "Mike Marsland/WireImage/Getty Images",
    }

    code, out, _ = cli(capsys, *arc, "import", str(src), "--json")
    assert code == 0 and json.loads(out)["duplicates"] == 2


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arc = ["--archive", str(tmp_path / "arc")]
    good = write_photo(tmp_path / "good.jpg", winslet_getty(), seed=23)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8garbage")
    code, out, _ = cli(capsys, *arc, "import", str(good), str(bad), "--json")
    assert code == 3
    failed = json.loads(out)["failed"]
    assert [Path(f["path"]).name for f in failed] == ["bad.jpg"]

    code, _, err = cli(capsys, *arc, "show", "999")
    assert code == 1 and "no photo with id 999" in err

    with pytest.raises(SystemExit) as usage:
        main([*arc, "import"])
    assert usage.value.code == 2
    assert main([*arc, "import", str(good), "--jobs", "0"]) == 2


def test_json_stdout_is_pure_and_main_py_runs_the_cli(tmp_path: Path) -> None:
    photo = write_photo(tmp_path / "p.jpg", winslet_getty(), seed=24)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--archive",
            str(tmp_path / "arc"),
            "import",
            str(photo),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 1
