"""Licence-window rules: embargoes, expiry, and "may only be used for N days" limits, all judged
at the profile's publication time (profile.at), never at the time the check happens to run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.model import Kind, Restriction
from archive.compliance.rules.base import Issue, listing, profile_media, rule, when


def embargo_applies(restriction: Restriction, profile: ProfileFacts) -> bool:
    """A media-only embargo ("NO ONLINE USE BEFORE …") binds only destinations in those media.

    A profile that names no medium at all (uses=("editorial",)) could publish anywhere, so
    every embargo binds it: fail closed rather than guess where the picture will appear.
    """
    if not restriction.media:
        return True
    media = profile_media(profile)
    return not media or bool(media & set(restriction.media))


@rule("embargo", severity="error", title="Embargoed")
def embargo(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    licence = photo.licence
    # The agency's wording first; the licence's start date read from it is the same
    # embargo (same instant: one key), reported once by the engine.
    for r in licence.restrictions:
        if r.kind is not Kind.EMBARGO or r.until is None or r.until <= profile.at:
            continue
        if not embargo_applies(r, profile):
            continue
        scope = f" for {listing(r.media)}" if r.media else ""
        yield Issue(
            f"the picture is embargoed{scope} until {when(r.until)} ('{r.text}')",
            f"Do not publish before {when(r.until)}.",
            key=None if r.media else r.until.isoformat(),
        )
    if licence.valid_from is not None and licence.valid_from > profile.at:
        yield Issue(
            f"the picture is embargoed: the licence starts {when(licence.valid_from)}",
            f"Do not publish before {when(licence.valid_from)}.",
            key=licence.valid_from.isoformat(),
        )


@rule("licence-expired", severity="error", title="Licence expired")
def licence_expired(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    until = photo.licence.valid_until
    if until is not None and until <= profile.at:
        yield Issue(
            f"the licence for this picture expired {when(until)}",
            "Do not publish it; ask the agency to renew the licence, or choose another picture.",
        )


@rule("licence-expiring", severity="warning", title="Licence expiring soon")
def licence_expiring(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    until = photo.licence.valid_until
    if until is None or until <= profile.at:
        return  # licence-expired
    if until - profile.at <= timedelta(days=profile.expiring_days):
        yield Issue(
            f"the licence for this picture expires {when(until)}, within "
            f"{profile.expiring_days} days of publication",
            "Publish before then and plan to take it down (or renew) when it expires.",
        )


@rule("time-limit", severity="error", title="Time limit passed")
def time_limit(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    limits = [r.days for r in photo.licence.restrictions if r.kind is Kind.TIME_LIMIT and r.days]
    if photo.licence.time_limit_days:
        limits.append(photo.licence.time_limit_days)
    if not limits:
        return
    days = min(limits)  # the strictest limit is the one that binds
    start = photo.transmitted_at or photo.imported_at
    if start is None:
        # Fail closed: without a start the limit cannot be shown to still be running.
        yield Issue(
            f"the picture may only be used for {days} days from transmission, and when it was "
            "sent is not known",
            "Find out when the agency sent it (or treat the picture as out of time).",
        )
        return
    deadline = start + timedelta(days=days)
    if profile.at >= deadline:
        yield Issue(
            f"the picture may only be used for {days} days from transmission ({when(start)}); "
            f"that ended {when(deadline)}",
            "Do not publish it; ask the agency for an extension, or choose another picture.",
        )
