"""Usage rules: a picture published lately, a subscription quota used up, and what a pay
picture is expected to cost, all judged at the profile's publication time."""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.rights.terms import Cost, cost_of, period_start

# The use a destination is billed as: its first medium among these (agency rate cards).
BILLED_USES = ("print", "web", "social")


def billed_use(profile: ProfileFacts) -> str | None:
    return next((u for u in BILLED_USES if u in profile.uses), None)


def next_use_cost(photo: PhotoFacts, profile: ProfileFacts) -> Cost | None:
    """What publishing the picture for *profile* would cost, or None without terms."""
    terms = photo.cost.terms
    if terms is None:
        return None
    nth, repeat = 0, False
    if terms.model == "subscription":
        day = profile.at.date()
        start = period_start(day, terms.period)
        if terms.quota_counts == "pictures" and photo.cost.picture is not None:
            # Each picture counts once a period: is this one (a version of it) counted yet?
            order: dict[int, int] = {}
            for d, pic in zip(photo.cost.pool_uses, photo.cost.pool_pictures, strict=True):
                if start <= d <= day:
                    order.setdefault(pic, len(order) + 1)
            repeat = photo.cost.picture in order
            nth = order[photo.cost.picture] if repeat else len(order) + 1
        else:
            nth = 1 + sum(1 for d in photo.cost.pool_uses if start <= d <= day)
    return cost_of(terms, photo.licence.kind, billed_use(profile), None, nth, repeat)


@rule("used-recently", severity="warning", title="Published recently")
def used_recently(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    last = photo.last_published
    if last is None or profile.used_recently_days <= 0:
        return
    ago = (profile.at.date() - last).days
    if 0 <= ago <= profile.used_recently_days:
        when = "today" if ago == 0 else f"{ago} day{'s' if ago != 1 else ''} ago"
        yield Issue(
            f"the picture was published {when} ({last.isoformat()}; window "
            f"{profile.used_recently_days} days)",
            "Check `creditdesk usage ID` that running it again is intended, or pick another.",
        )


@rule("over-quota", severity="warning", title="Over the subscription quota")
def over_quota(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    cost = next_use_cost(photo, profile)
    if cost is None or not cost.over_quota:
        return
    assert photo.cost.terms is not None
    fee = f"{cost.currency} {cost.fee:.2f}" if cost.fee is not None else "a fee the terms omit"
    unit = "picture" if photo.cost.terms.quota_counts == "pictures" else "use"
    yield Issue(
        f"{photo.cost.terms.agency}'s quota is used up: this would be {unit} {cost.quota_used} "
        f"of {cost.quota} this {photo.cost.terms.period}, charged {fee}",
        "Use a picture already paid for, or accept the charge.",
    )


@rule("expected-fee", severity="info", title="Expected fee")
def expected_fee(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    cost = next_use_cost(photo, profile)
    if cost is None or cost.over_quota or not cost.fee:
        return  # free, included, unpriced, or said by over-quota already
    yield Issue(
        f"publishing this picture is expected to cost {cost.currency} {cost.fee:.2f} "
        f"({cost.basis})",
        "Nothing to fix: the fee goes on the agency's invoice.",
    )
