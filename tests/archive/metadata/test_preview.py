"""The embedded EXIF preview that stands in for a thumbnail not made yet."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from archive.metadata.preview import embedded_preview
from tests.factories import two_colour_jpeg, with_preview


def test_the_preview_comes_back_as_embedded(tmp_path: Path) -> None:
    preview = two_colour_jpeg((160, 120))
    found = embedded_preview(with_preview(tmp_path / "a.jpg", 1, preview))
    assert found == preview


def test_the_preview_is_turned_upright_with_the_picture(tmp_path: Path) -> None:
    # Orientation 6: the camera was turned clockwise; upright, the left (red) half is on top.
    found = embedded_preview(with_preview(tmp_path / "r.jpg", 6, two_colour_jpeg((160, 120))))
    assert found is not None
    with Image.open(io.BytesIO(found)) as im:
        assert im.size == (120, 160)
        top, bottom = im.getpixel((60, 20)), im.getpixel((60, 140))
    assert top[0] > 200 and top[2] < 60  # red
    assert bottom[2] > 200 and bottom[0] < 60  # blue


@pytest.mark.parametrize("kind", ["none", "png", "garbage", "zero", "missing", "huge"])
def test_no_usable_preview_is_none_never_an_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.jpg"
    if kind == "none":
        with_preview(path, 1, None)
    elif kind == "png":
        Image.new("RGB", (8, 8)).save(path, "PNG")
    elif kind == "garbage":
        path.write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*garbage" * 50)
    elif kind == "zero":
        path.write_bytes(b"")
    elif kind == "huge":
        with_preview(path, 1, two_colour_jpeg((1600, 1200)))
    assert embedded_preview(path) is None


@pytest.mark.corpus
def test_previews_of_the_corpus_match_exiftool(corpus: Path) -> None:
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed (apt-get install libimage-exiftool-perl)")
    files = sorted(corpus.glob("*.jp*g"))
    said = json.loads(
        subprocess.run(
            ["exiftool", "-j", "-n", "-Orientation", "-ThumbnailLength", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )
    facts = {Path(d["SourceFile"]).name: d for d in said}
    compared = 0
    for path in files:
        ours = embedded_preview(path)
        fact = facts.get(path.name, {})
        if not fact.get("ThumbnailLength"):
            # No preview (exiftool may still scrape bytes from a zero-length entry).
            assert ours is None, path.name
        elif fact.get("Orientation", 1) == 1:
            theirs = subprocess.run(
                ["exiftool", "-b", "-ThumbnailImage", str(path)], capture_output=True, check=True
            ).stdout
            assert ours == theirs, path.name
            compared += 1
    assert compared >= 3
