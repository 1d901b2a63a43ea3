from __future__ import annotations

from dataclasses import replace

from tests.archive.compliance.rules.facts import GETTY, fires, found, quiet


def test_duplicate_with_another_credit() -> None:
    photo = replace(
        GETTY, duplicates=((7, "Joe Maher/Getty Images"), (8, "PA Wire"), (9, "pa wire"))
    )
    f = fires("duplicate-credit", "warning", photo)
    assert "#8, #9" in f.message and "PA Wire" in f.message
    assert len(found("duplicate-credit", photo)) == 1  # one finding per other credit


def test_duplicate_with_the_same_credit_or_none() -> None:
    quiet("duplicate-credit", replace(GETTY, duplicates=((7, "JOE MAHER/GETTY IMAGES"), (8, None))))
    quiet("duplicate-credit", replace(GETTY, duplicates=((1, "Someone Else"),)))  # itself
    quiet("duplicate-credit", GETTY)
