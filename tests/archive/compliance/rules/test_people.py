from __future__ import annotations

from dataclasses import replace

from tests.archive.compliance.rules.facts import EDITORIAL_WEB_GB, GETTY, fires, quiet


def test_person_not_in_caption() -> None:
    photo = replace(GETTY, people=(*GETTY.people, "Emma Thompson"))
    f = fires("person-not-in-caption", "warning", photo)
    assert "Emma Thompson" in f.message
    quiet("person-not-in-caption", GETTY)


def test_person_named_by_alias_or_without_accents() -> None:
    photo = replace(
        GETTY,
        caption="Kate Elizabeth Winslet and Mia Threapleton attend the awards in London.",
        person_aliases={"Kate Winslet": ("Kate Elizabeth Winslet",)},
    )
    quiet("person-not-in-caption", photo)
    accented = replace(
        GETTY, caption="Zoe Ball arrives in London for the awards.", people=("Zoë Ball",)
    )
    quiet("person-not-in-caption", accented)


def test_person_name_must_be_whole_words() -> None:
    photo = replace(
        GETTY, caption="Annabel Croft arrives at the awards in London.", people=("Ann",)
    )
    fires("person-not-in-caption", "warning", photo)


def test_person_not_in_caption_off_when_profile_does_not_ask() -> None:
    photo = replace(GETTY, people=(*GETTY.people, "Emma Thompson"))
    quiet("person-not-in-caption", photo, replace(EDITORIAL_WEB_GB, people_must_be_named=False))


def test_person_not_tagged() -> None:
    photo = replace(GETTY, people=("Kate Winslet",))
    f = fires("person-not-tagged", "warning", photo)
    assert "Mia Threapleton" in f.message
    quiet("person-not-tagged", GETTY)
    # Tagged under an alias counts.
    aliased = replace(
        GETTY,
        people=("Kate Winslet", "Mia Honey Threapleton"),
        person_aliases={"Mia Honey Threapleton": ("Mia Threapleton",)},
    )
    quiet("person-not-tagged", aliased)
