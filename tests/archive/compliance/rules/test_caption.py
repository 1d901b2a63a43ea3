from __future__ import annotations

from dataclasses import replace

from tests.archive.compliance.rules.facts import EDITORIAL_WEB_GB, GETTY, fires, quiet


def test_caption_missing() -> None:
    fires("caption-missing", "error", replace(GETTY, caption=None))
    fires("caption-missing", "error", replace(GETTY, caption=" \x00 "))
    quiet("caption-missing", GETTY)


def test_caption_short() -> None:
    f = fires("caption-short", "warning", replace(GETTY, caption="Kate Winslet at the BAFTAs"))
    assert "26 characters" in f.message and "40" in f.message
    quiet("caption-short", GETTY)
    quiet("caption-short", replace(GETTY, caption=None))  # caption-missing's finding


def test_caption_short_threshold_is_the_profiles() -> None:
    profile = replace(EDITORIAL_WEB_GB, caption_min_length=10)
    quiet("caption-short", replace(GETTY, caption="Kate Winslet at the BAFTAs"), profile)


def test_caption_unresolved_variable() -> None:
    photo = replace(GETTY, caption="Kate Winslet attends the {event} at {venue}.")
    f = fires("caption-unresolved", "error", photo)
    assert "{event}, {venue}" in f.message


def test_caption_unresolved_variable_among_stray_braces() -> None:
    photo = replace(GETTY, caption="Kate Winslet {at} the {event:x} } awards")
    f = fires("caption-unresolved", "error", photo)
    assert "{at}" in f.message and "{event}" in f.message


def test_caption_unresolved_code_in_headline_and_title() -> None:
    photo = replace(GETTY, headline="=kw= at the BAFTAs", title="=kw#2= =mt=")
    hits = [fires("caption-unresolved", "error", photo)]
    assert "=kw=" in hits[0].message and "headline" in hits[0].message


def test_caption_resolved() -> None:
    quiet("caption-unresolved", GETTY)
    # Braces and equals signs in ordinary prose are not leftovers.
    photo = replace(GETTY, caption="Score: 2 = 2 after extra time {sic", headline="a == b")
    quiet("caption-unresolved", photo)
