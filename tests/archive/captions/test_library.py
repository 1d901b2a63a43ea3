"""Bundled and per-archive caption templates files."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.captions import TemplateError, load_templates, templates_from_text

BUNDLED = {
    "getty-event",
    "getty-event-no-venue",
    "arrivals",
    "portrait",
    "portrait-session",
    "speaks",
    "winners",
    "performs",
    "dateline-credit",
}


def test_bundled_templates() -> None:
    templates = load_templates()
    assert set(templates) >= BUNDLED
    assert templates["portrait"].startswith("{people} {verb:poses} for a portrait")
    assert load_templates(None) == templates


def test_archive_without_own_file_gets_bundled(tmp_path: Path) -> None:
    assert load_templates(tmp_path) == load_templates()


def test_archive_file_overrides_and_adds(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_bytes(
        "\ufeff[templates]\r\n"  # a BOM and CRLF, as Notepad writes them
        'getty-event = "{people} {verb:is} at {venue}."\r\n'
        '"ours: Łódź" = "{people} in Łódź, {date:%-d.%-m.%Y}"\r\n'.encode()
    )
    templates = load_templates(tmp_path)
    assert templates["getty-event"] == "{people} {verb:is} at {venue}."
    assert templates["ours: Łódź"].endswith("{date:%-d.%-m.%Y}")
    assert templates["portrait"] == load_templates()["portrait"]


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ('[templates]\nok = "{people}"\nbad = "{people"\n', 3, "unclosed '{'"),
        ('[templates]\nok = "x"\nbroken = \n', 3, "not valid TOML"),
        ("[templates]\nnumber = 3\n", 2, "must be a string"),
        ('[template]\nx = "y"\n', 1, "unknown top-level key 'template'"),
        ("version = 2\n[templates]\n", 1, "unsupported version"),
        ('[templates]\n" padded" = "x"\n', 2, "not usable"),
    ],
)
def test_malformed_file_names_file_and_line(
    tmp_path: Path, source: str, line: int, fragment: str
) -> None:
    path = tmp_path / "templates.toml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_templates(tmp_path)
    assert info.value.path == path
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert fragment in str(info.value)


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_bytes(b'[templates]\nx = "caf\xe9"\n')
    with pytest.raises(TemplateError, match=r"templates.toml:2: not valid UTF-8"):
        load_templates(tmp_path)


def test_templates_from_text_for_previews() -> None:
    assert templates_from_text('[templates]\na = "{city}"\n') == {"a": "{city}"}
