from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from archive.compliance.facts import LicenceFacts
from tests.archive.compliance.rules.facts import (
    AT,
    EDITORIAL_WEB_GB,
    GETTY,
    SENT,
    fires,
    licence,
    quiet,
)

MINUTE = timedelta(minutes=1)


def test_embargo_from_licence_start() -> None:
    photo = replace(GETTY, licence=LicenceFacts(valid_from=AT + MINUTE))
    f = fires("embargo", "error", photo)
    assert "1 June 2024 12:01 UTC" in f.message and "2024-06-01T12:01:00+00:00" in f.message
    quiet("embargo", replace(GETTY, licence=LicenceFacts(valid_from=AT)))


def test_embargo_restriction_lifts_at_its_time() -> None:
    photo = replace(GETTY, licence=licence("EMBARGOED UNTIL 12:00 GMT 1 JUNE 2024"))
    quiet("embargo", photo)  # profile.at is exactly the lift time
    f = fires("embargo", "error", photo, replace(EDITORIAL_WEB_GB, at=AT - MINUTE))
    assert "2024-06-01T12:00:00+00:00" in f.message and "EMBARGOED" in f.message


def test_embargo_in_another_zone_is_shown_in_utc() -> None:
    photo = replace(GETTY, licence=licence("EMBARGOED UNTIL 22:00 BST 1 June 2024"))
    f = fires("embargo", "error", photo)
    assert "21:00 UTC" in f.message


def test_media_embargo_applies_only_to_those_media() -> None:
    online = replace(GETTY, licence=licence("NO ONLINE USE BEFORE 21:00 GMT 3 June 2024"))
    fires("embargo", "error", online)  # editorial + web
    print_only = replace(EDITORIAL_WEB_GB, uses=("editorial", "print"))
    quiet("embargo", online, print_only)
    papers = replace(
        GETTY, licence=licence("NO NEWSPAPERS OR MAGAZINES BEFORE 00:01 BST 2 JUNE 2024")
    )
    fires("embargo", "error", papers, print_only)
    quiet("embargo", papers)


def test_media_embargo_binds_a_profile_naming_no_medium() -> None:
    online = replace(GETTY, licence=licence("NO ONLINE USE BEFORE 21:00 GMT 3 June 2024"))
    fires("embargo", "error", online, replace(EDITORIAL_WEB_GB, uses=("editorial",)))


def test_licence_expired() -> None:
    f = fires("licence-expired", "error", replace(GETTY, licence=LicenceFacts(valid_until=AT)))
    assert "2024-06-01T12:00:00+00:00" in f.message
    quiet("licence-expired", replace(GETTY, licence=LicenceFacts(valid_until=AT + MINUTE)))
    quiet("licence-expired", GETTY)


def test_licence_expiring() -> None:
    soon = replace(GETTY, licence=LicenceFacts(valid_until=AT + timedelta(days=7)))
    fires("licence-expiring", "warning", soon)
    later = replace(GETTY, licence=LicenceFacts(valid_until=AT + timedelta(days=7, minutes=1)))
    quiet("licence-expiring", later)
    quiet("licence-expiring", soon, replace(EDITORIAL_WEB_GB, expiring_days=3))
    quiet("licence-expiring", replace(GETTY, licence=LicenceFacts(valid_until=AT)))  # expired


def test_time_limit_from_restriction() -> None:
    text = "This image may only be used for 14 days from transmission"
    photo = replace(
        GETTY, licence=licence(text), transmitted_at=datetime(2024, 5, 18, 12, tzinfo=UTC)
    )
    f = fires("time-limit", "error", photo)
    assert "14 days" in f.message and "2024-06-01T12:00:00+00:00" in f.message
    quiet("time-limit", replace(photo, transmitted_at=datetime(2024, 5, 18, 12, 1, tzinfo=UTC)))


def test_time_limit_from_licence_falls_back_to_import_time() -> None:
    photo = replace(GETTY, licence=LicenceFacts(time_limit_days=3), transmitted_at=None)
    fires("time-limit", "error", replace(photo, imported_at=AT - timedelta(days=3)))
    quiet("time-limit", replace(photo, imported_at=AT - timedelta(days=2)))
    quiet("time-limit", replace(GETTY, transmitted_at=SENT))  # no limit at all


def test_time_limit_without_any_start_fails_closed() -> None:
    photo = replace(
        GETTY, licence=LicenceFacts(time_limit_days=3), transmitted_at=None, imported_at=None
    )
    f = fires("time-limit", "error", photo)
    assert "not known" in f.message
