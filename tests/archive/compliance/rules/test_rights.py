from __future__ import annotations

from dataclasses import replace

from archive.compliance.facts import LicenceFacts
from tests.archive.compliance.rules.facts import (
    COMMERCIAL_GB,
    EDITORIAL_WEB_GB,
    EDITORIAL_WEB_US,
    GETTY,
    fires,
    licence,
    quiet,
)


def test_territory_from_restriction() -> None:
    photo = replace(GETTY, licence=licence("EDITORIAL USE ONLY. UK OUT"))
    f = fires("territory", "error", photo)
    assert "UK OUT" in f.message and "GB" in f.message
    quiet("territory", photo, EDITORIAL_WEB_US)


def test_territory_from_licence() -> None:
    photo = replace(GETTY, licence=LicenceFacts(excluded_territories=("FR", "GB")))
    fires("territory", "error", photo)
    quiet("territory", photo, EDITORIAL_WEB_US)
    quiet("territory", GETTY)


def test_editorial_only_forbids_commercial_use() -> None:
    f = fires("use-not-allowed", "error", GETTY, COMMERCIAL_GB)
    assert "EDITORIAL USE ONLY" in f.message and "commercial" in f.message
    quiet("use-not-allowed", GETTY)


def test_editorial_only_licence_kind() -> None:
    photo = replace(GETTY, licence=LicenceFacts(kind="editorial-only"))
    fires("use-not-allowed", "error", photo, COMMERCIAL_GB)
    quiet("use-not-allowed", photo)


def test_no_marketing_no_sales_no_archive() -> None:
    advertising = replace(EDITORIAL_WEB_GB, uses=("advertising",))
    fires("use-not-allowed", "error", replace(GETTY, licence=licence("NO MARKETING")), advertising)
    syndication = replace(EDITORIAL_WEB_GB, uses=("editorial", "syndication"))
    fires("use-not-allowed", "error", replace(GETTY, licence=licence("NO SALES")), syndication)
    archive = replace(EDITORIAL_WEB_GB, uses=("editorial", "archive"))
    fires("use-not-allowed", "error", replace(GETTY, licence=licence("NO ARCHIVE")), archive)
    for text in ("NO MARKETING", "NO SALES", "NO ARCHIVE"):
        quiet("use-not-allowed", replace(GETTY, licence=licence(text)))


def test_media_out() -> None:
    fires("use-not-allowed", "error", replace(GETTY, licence=licence("NO INTERNET")))
    magazines = replace(GETTY, licence=licence("NO USE IN MAGAZINES"))
    fires("use-not-allowed", "error", magazines, replace(EDITORIAL_WEB_GB, uses=("print",)))
    quiet("use-not-allowed", magazines)
    social = replace(GETTY, licence=licence("NO SOCIAL MEDIA"))
    fires("use-not-allowed", "error", social, replace(EDITORIAL_WEB_GB, uses=("social",)))
    quiet("use-not-allowed", replace(GETTY, licence=licence("NO TV")))


def test_licence_uses_must_cover_the_profile() -> None:
    print_only = replace(GETTY, licence=LicenceFacts(uses=("editorial", "print")))
    f = fires("use-not-allowed", "error", print_only)
    assert "web" in f.message
    quiet("use-not-allowed", replace(GETTY, licence=LicenceFacts(uses=("editorial", "web"))))
    # A licence that names only purposes says nothing about media, and the reverse.
    quiet("use-not-allowed", replace(GETTY, licence=LicenceFacts(uses=("editorial",))))
    quiet("use-not-allowed", replace(GETTY, licence=LicenceFacts(uses=("web", "print"))))


def test_model_release() -> None:
    for release in (None, "none", "limited"):
        photo = replace(GETTY, licence=LicenceFacts(model_release=release))
        fires("model-release", "error", photo, COMMERCIAL_GB)
        quiet("model-release", photo)  # editorial use needs no release
    for release in ("unlimited", "not-applicable"):
        quiet(
            "model-release",
            replace(GETTY, licence=LicenceFacts(model_release=release)),
            COMMERCIAL_GB,
        )


def test_model_release_restriction_beats_the_licence_field() -> None:
    photo = replace(GETTY, licence=licence("NO MODEL RELEASE", model_release="unlimited"))
    f = fires("model-release", "error", photo, COMMERCIAL_GB)
    assert "NO MODEL RELEASE" in f.message
