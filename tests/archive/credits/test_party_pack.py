"""The party keys of the rule pack: bundled files by distributor family, user packs override,
malformed party forms are refused with file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.credits import RulePackError, load_registry
from archive.credits.evidence import Evidence, read_credit

RESOURCES = Path(__file__).resolve().parents[3] / "resources"


def test_bundled_pack_is_split_by_family_and_packaged() -> None:
    files = sorted(p.name for p in (RESOURCES / "agencies").glob("*.toml"))
    assert "10-getty.toml" in files and "40-shutterstock.toml" in files and len(files) >= 8
    assert not (RESOURCES / "agencies.toml").exists()
    pyproject = (RESOURCES.parent / "pyproject.toml").read_text()
    assert '"agencies/*.toml"' in pyproject  # installed with the package, not only in a checkout


def test_a_user_pack_overrides_a_distributors_party_form(tmp_path: Path) -> None:
    (tmp_path / "agencies.toml").write_text(
        """version = 1
[[agency]]
name = "Shutterstock"
aliases = ["Shutterstock"]
format = "{photographer}/Shutterstock"
parties = "[{creator}/][{collection} via ]Shutterstock"
photographer_required = false
restrictions = []
source = "our house style"
""",
        encoding="utf-8",
    )
    line = "Jose Breton/NurPhoto/Shutterstock"
    assert read_credit(Evidence(credit=line)).proposed == line
    mine = read_credit(Evidence(credit=line), registry=load_registry(tmp_path))
    # NurPhoto's own form still names Shutterstock as its distributor; the house form applies
    # to lines of several parties (here with a client as well).
    assert mine.proposed == line
    three = Evidence(credit="Jose Breton/Netflix/NurPhoto/Shutterstock")
    two = read_credit(three, registry=load_registry(tmp_path))
    assert two.proposed == "Jose Breton/Netflix/NurPhoto via Shutterstock"


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('role = "photographer"', "'role' must be one of"),
        ('parties = "[{creator}/][{brand}/]X"', "unknown slot {brand}"),
        ('parties = "{creator}/X"', "inside [brackets]"),
        ('parties = "[{creator}/X"', "unbalanced brackets"),
    ],
)
def test_malformed_party_keys_are_refused(tmp_path: Path, extra: str, reason: str) -> None:
    (tmp_path / "agencies.toml").write_text(
        f"""version = 1
[[agency]]
name = "Daily Planet"
aliases = ["Daily Planet"]
format = "{{photographer}}/Daily Planet"
photographer_required = false
restrictions = []
{extra}
""",
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as err:
        load_registry(tmp_path)
    assert reason in str(err.value) and "agencies.toml:3" in str(err.value)
