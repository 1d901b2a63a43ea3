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


def test_near_copy_with_the_same_credit_from_another_agency() -> None:
    # A pool picture through two wires: the line reads the same, the supplier differs.
    photo = replace(
        GETTY,
        duplicates=((7, GETTY.credit_line), (8, GETTY.credit_line)),
        duplicate_agencies={7: "Reuters", 8: GETTY.agency or ""},
    )
    f = fires("duplicate-credit", "warning", photo)
    assert "#7" in f.message and "Reuters" in f.message and "#8" not in f.message
    quiet("duplicate-credit", replace(photo, duplicate_agencies={8: GETTY.agency or ""}))
