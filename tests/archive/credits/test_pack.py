"""Rule packs: the bundled one, user packs in the archive folder, and malformed packs."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from archive.credits import (
    AgencyRegistry,
    RulePackError,
    UnknownAgencyError,
    format_credit,
    load_registry,
    parse_credit,
)
from archive.errors import ArchiveError

REQUIRED = ["Getty Images", "WireImage", "FilmMagic", "AFP via Getty Images", "AP", "Invision",
            "Reuters", "Shutterstock", "Rex", "PA Images", "Alamy", "Alamy Live News", "EPA",
            "Staff", "Handout", "Social media", "Getty Images partner",
            "Getty Images commissioned", "via AP"]  # fmt: skip


def write_pack(archive: Path, body: str) -> Path:
    path = archive / "agencies.toml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


GOOD_ENTRY = """
[[agency]]
name = "Daily Planet"
aliases = ["Daily Planet"]
format = "{photographer}/Daily Planet"
photographer_required = true
restrictions = []
"""


# -- bundled pack -------------------------------------------------------------------------
def test_bundled_pack_has_every_agency() -> None:
    reg = load_registry()
    for name in REQUIRED:
        assert reg.get(name) is not None, name
    assert load_registry() is reg  # cached: built once per process


def test_bundled_restrictions_and_parents() -> None:
    reg = load_registry()
    assert reg.require("WireImage").restrictions == ("EDITORIAL USE ONLY",)
    assert reg.parents_of("WireImage") == ("Getty Images",)
    assert reg.parents_of("Invision") == ("AP",)
    assert reg.parents_of("Rex") == ("Shutterstock",)
    assert reg.parents_of("Getty Images") == ()


def test_brands_under_getty_powers_agency_search() -> None:
    reg = load_registry()
    brands = reg.brands_under("getty")  # an alias works too
    assert {"WireImage", "FilmMagic", "AFP via Getty Images"} <= set(brands)
    assert "Getty Images" not in brands
    assert reg.brands_under("Getty Images", include_self=True)[0] == "Getty Images"
    assert reg.brands_under("AP")[:2] == ("Invision", "via AP")
    assert "Lehtikuva" in reg.brands_under("AP")  # partners reach desks "via AP"
    with pytest.raises(UnknownAgencyError):
        reg.brands_under("Nope")


def test_find_prefers_the_brand_over_its_parent() -> None:
    reg = load_registry()
    assert reg.find("Mike Marsland/WireImage/Getty Images").name == "WireImage"  # type: ignore[union-attr]
    assert reg.find("Getty Images Europe").name == "Getty Images"  # type: ignore[union-attr]
    assert reg.find("x/Bloomberg via Getty Images").name == "Getty Images partner"  # type: ignore[union-attr]
    assert reg.find("Paul Apfel") is None  # "Pa", "Ap" inside names are not agencies
    assert reg.find("Ho Pa") is None
    assert reg.find(None) is None


def test_get_is_case_insensitive_and_knows_aliases() -> None:
    reg = load_registry()
    assert reg.get("wireimage") is reg.get("WireImage")
    assert reg.get("Rex Features") is reg.get("Rex")
    assert reg.get("nope") is None
    assert "getty" in reg
    assert len(reg) == len(reg.names)


# -- user packs ---------------------------------------------------------------------------
def test_no_user_pack_means_bundled(tmp_path: Path) -> None:
    assert load_registry(tmp_path) is load_registry()


def test_user_pack_extends_and_overrides(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        """
        version = 1
        [[agency]]
        name = "FilmMagic"
        aliases = ["FilmMagic"]
        parent = "Getty Images"
        format = "{photographer}/FilmMagic"
        photographer_required = true
        restrictions = ["EDITORIAL USE ONLY"]

        [[agency]]
        name = "staff"
        aliases = []
        format = "{photographer}/{provider}"
        photographer_required = true
        provider_label = "Publication"
        providers = ["Daily Planet"]
        restrictions = []

        [[agency]]
        name = "Planet Syndication"
        aliases = ["Planet Syndication"]
        parent = "Getty Images"
        format = "{photographer}/Planet Syndication/Getty Images"
        photographer_required = true
        restrictions = ["NO ONLINE USE"]
        """,
    )
    reg = load_registry(tmp_path)
    assert reg is not load_registry()
    # override (same name, case-insensitive), in place
    assert format_credit("Jeff Kravitz", "FilmMagic", registry=reg) == "Jeff Kravitz/FilmMagic"
    assert reg.names.index("FilmMagic") == load_registry().names.index("FilmMagic")
    # the staff entry now recognises the desk's own title
    staff = parse_credit("Jane Doe/Daily Planet", registry=reg)
    assert (staff.agency, staff.photographer, staff.provider) == (
        "staff",
        "Jane Doe",
        "Daily Planet",
    )
    assert staff.matched_format
    # extend, under a bundled parent
    new = parse_credit("Jane Doe/Planet Syndication/Getty Images", registry=reg)
    assert (new.agency, new.parent, new.matched_format) == (
        "Planet Syndication",
        "Getty Images",
        True,
    )
    assert "Planet Syndication" in reg.brands_under("Getty Images")
    # the bundled registry is untouched
    assert parse_credit("Jane Doe/Daily Planet").agency is None


def test_user_pack_is_reloaded_when_edited(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "version = 1\n" + GOOD_ENTRY)
    first = load_registry(tmp_path)
    assert load_registry(tmp_path) is first
    path.write_text(path.read_text() + "\n# edited\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert load_registry(tmp_path) is not first


# -- malformed packs ----------------------------------------------------------------------
def refused(tmp_path: Path, body: str) -> RulePackError:
    path = write_pack(tmp_path, body)
    with pytest.raises(RulePackError) as info:
        load_registry(tmp_path)
    err = info.value
    assert isinstance(err, ArchiveError)
    assert err.path == path.resolve()
    assert str(path.resolve()) in str(err)
    return err


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    err = refused(tmp_path, 'version = 1\n\n[[agency]]\nname = "Broken\n')
    assert err.line == 4
    assert err.column is not None
    assert f":4:{err.column}: " in str(err)


def test_missing_key(tmp_path: Path) -> None:
    body = "version = 1\n" + GOOD_ENTRY.replace('format = "{photographer}/Daily Planet"\n', "")
    err = refused(tmp_path, body)
    assert err.line == 4  # the name = "Daily Planet" line
    assert "'Daily Planet': missing key 'format'" in err.reason


def test_wrong_type(tmp_path: Path) -> None:
    body = "version = 1\n" + GOOD_ENTRY.replace("= true", '= "yes"')
    err = refused(tmp_path, body)
    assert err.line == 4
    assert "'photographer_required' must be true or false" in err.reason


def test_unknown_parent(tmp_path: Path) -> None:
    body = "version = 1\n" + GOOD_ENTRY + 'parent = "Gety Images"\n'
    err = refused(tmp_path, body)
    assert err.line == 4
    assert "unknown parent 'Gety Images'" in err.reason


def test_duplicate_name(tmp_path: Path) -> None:
    again = GOOD_ENTRY.replace('aliases = ["Daily Planet"]', "aliases = []")
    body = "version = 1\n" + GOOD_ENTRY + "\n# again\n" + again
    err = refused(tmp_path, body)
    assert err.line == 13  # the second entry's name line
    assert "duplicate agency name 'Daily Planet'" in err.reason


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("{photog}/Daily Planet", "bad placeholder {photog}"),
        ("{}/Daily Planet", "bad placeholder {}"),
        ("{photographer:>10}/Daily Planet", "takes no format spec"),
        ("{photographer/Daily Planet", "bad pattern"),
        ("{photographer}{provider}", "need literal text between them"),
        ("{photographer}", "no literal text"),
    ],
)
def test_bad_format_placeholder(tmp_path: Path, pattern: str, reason: str) -> None:
    body = "version = 1\n" + GOOD_ENTRY.replace("{photographer}/Daily Planet", pattern)
    err = refused(tmp_path, body)
    assert err.line == 4
    assert reason in err.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (GOOD_ENTRY, "missing key 'version'"),
        ("version = 2\n" + GOOD_ENTRY, "pack version 2 is not supported"),
        ("version = 1\n" + GOOD_ENTRY + "colour = 'red'\n", "unknown key 'colour'"),
        ("version = 1\n" + GOOD_ENTRY.replace("= true", "= false").replace(
            "{photographer}/Daily Planet", "{photographer} for Daily Planet"),
         "no form without one can be derived"),
        ("version = 1\n" + GOOD_ENTRY + 'accept = ["{provider}/Daily Planet"]\n',
         "uses {provider} which 'format' lacks"),
        ("version = 1\n" + GOOD_ENTRY + 'providers = ["X"]\n', "'format' has no {provider}"),
        ("version = 1\n" + GOOD_ENTRY + "\n" + GOOD_ENTRY.replace("name = \"Daily Planet\"",
         'name = "Other"'), "alias 'Daily Planet' is already used by 'Daily Planet'"),
    ],
)  # fmt: skip
def test_schema_errors(tmp_path: Path, body: str, reason: str) -> None:
    assert reason in refused(tmp_path, body).reason


def test_parent_cycle(tmp_path: Path) -> None:
    body = (
        "version = 1\n"
        + GOOD_ENTRY + 'parent = "Other"\n'
        + GOOD_ENTRY.replace('"Daily Planet"', '"Other"') + 'parent = "Daily Planet"\n'
    )  # fmt: skip
    assert "loops back" in refused(tmp_path, body).reason


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "agencies.toml").write_bytes(b"version = 1\n# caf\xe9\n")
    with pytest.raises(RulePackError, match=r":2: not valid UTF-8"):
        load_registry(tmp_path)


def test_registry_is_hashable_by_identity() -> None:
    reg = load_registry()
    assert isinstance(reg, AgencyRegistry)
    assert {reg: 1}[reg] == 1
