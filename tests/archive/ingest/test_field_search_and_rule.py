"""Search keys for the wire desk's fields (both engines) and the alt-text-missing rule.

The rule follows the IPTC Photo Metadata Standard 2021.1 ("Alt Text (Accessibility)":
a short text for screen readers, "no more than 250 characters") and WCAG 2.1 success
criterion 1.1.1 (non-text content needs a text alternative) for web destinations.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from archive.compliance.engine import check_photo
from archive.handle import Archive
from archive.search import SearchService
from archive.services.edits import EditRequest, EditService
from tests.archive.compliance.rules.facts import EDITORIAL_WEB_GB, GETTY
from tests.archive.services.helpers import import_example


def test_field_keys_find_the_field_and_only_it(archive: Archive, tmp_path: Path) -> None:
    getty, wire, bare = import_example(archive, tmp_path / "in")
    edits = EditService(archive.sessions)
    request = EditRequest(
        alt_text="A smiling woman in green",
        copyright="© PA Wire",
        source="PA",
        usage_terms="No archive",
        job_id="LDN-77",
    )
    edits.edit([bare], request)
    edits.edit([wire], EditRequest(headline="Smiling in green", creator_job_title="Staff"))
    search = SearchService(archive)

    def ids(query: str) -> set[int]:
        return set(search.search(query, limit=None).ids)

    assert ids("alt:smiling") == {bare}
    assert ids('alt:"woman in green"') == {bare}
    assert ids("headline:smiling") == {wire}  # not the alt text of the other picture
    assert ids("caption:threapleton") == {getty}
    assert ids("copyright:pa") == {bare}
    assert ids("copyright:getty") == {getty}
    assert ids("source:europe") == {getty}
    assert ids('source:"getty images europe"') == {getty}
    assert ids("usage:archive") == {bare}
    assert ids("jobid:ldn-77") == {bare}
    assert ids("jobtitle:staff") == {wire}
    assert ids("alt:smiling -headline:smiling") == {bare}
    assert ids("alt:100%") == set()  # % and _ are text, not wildcards
    # Provenance classes (issue 19), not Source text: none of these pictures states a type.
    assert ids("source:ai") == set() and ids("source:capture") == set()


def test_alt_text_missing_warns_for_the_web_only() -> None:
    plain = replace(
        GETTY, text_fields={k: v for k, v in GETTY.text_fields.items() if k != "alt_text"}
    )
    findings = check_photo(plain, EDITORIAL_WEB_GB, {})
    [alt] = [f for f in findings if f.rule == "alt-text-missing"]
    assert alt.severity == "warning"
    print_only = replace(EDITORIAL_WEB_GB, name="print-GB", uses=("editorial", "print"))
    assert not [f for f in check_photo(plain, print_only, {}) if f.rule == "alt-text-missing"]
    described = replace(GETTY, text_fields={**GETTY.text_fields, "alt_text": "Two women smile"})
    assert not [
        f for f in check_photo(described, EDITORIAL_WEB_GB, {}) if f.rule == "alt-text-missing"
    ]
    long = replace(GETTY, text_fields={**GETTY.text_fields, "alt_text": "word " * 60})
    [too_long] = [
        f for f in check_photo(long, EDITORIAL_WEB_GB, {}) if f.rule == "alt-text-missing"
    ]
    assert "250" in too_long.message
    off = replace(EDITORIAL_WEB_GB, severities={"alt-text-missing": "off"})
    assert not [f for f in check_photo(plain, off, {}) if f.rule == "alt-text-missing"]
