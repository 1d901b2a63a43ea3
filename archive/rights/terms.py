"""What an agency charges, kept in the archive (table agency_terms, shared by a team).

One record per agency (a parent's terms cover its brands: Getty Images' subscription
covers WireImage pictures unless WireImage has terms of its own). Three models:

- ``subscription``: ``quota`` uses included per ``period`` (month, quarter or year,
  calendar periods); each use beyond costs ``over_quota_fee`` (or the per-use ``fees``).
  ``quota_counts`` says what the quota counts: ``uses`` (each publication, the default) or
  ``pictures`` (a picture counts once per period however often it runs, and all versions
  of one picture — the Getty and the WireImage transmission — are one picture: deals
  that meter images used rather than placements);
- ``pay-per-use``: ``fees`` by use and size: ``{"web": {"default": 60, "gallery": 40},
  "print": {"quarter-page": 120, "full-page": 250, "default": 150}, "default": 80}``;
- ``free``: handouts, pool and PR pictures cost nothing.

Whatever the model, a picture whose licence kind is in ``free_kinds`` (default: handout,
pool, social-media) is free. A use is one publication record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import AgencyTerms
from archive.errors import NotFoundError, UsageError

MODELS = ("subscription", "pay-per-use", "free")
PERIODS = ("month", "quarter", "year")
QUOTA_COUNTS = ("uses", "pictures")
FREE_KINDS = ("handout", "pool", "social-media")


@dataclass(frozen=True)
class Terms:
    agency: str
    model: str
    currency: str = "GBP"
    quota: int | None = None
    period: str = "month"
    over_quota_fee: Decimal | None = None
    fees: dict[str, Any] = field(default_factory=dict)
    free_kinds: tuple[str, ...] = FREE_KINDS
    quota_counts: str = "uses"

    def as_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "model": self.model,
            "currency": self.currency,
            "quota": self.quota,
            "period": self.period,
            "over_quota_fee": None if self.over_quota_fee is None else str(self.over_quota_fee),
            "fees": self.fees,
            "free_kinds": list(self.free_kinds),
            "quota_counts": self.quota_counts,
        }

    def per_use_fee(self, use: str | None, size: str | None) -> Decimal | None:
        """The pay-per-use fee for this use and size, or None when the terms name none."""
        table = self.fees.get(use or "", {})
        if isinstance(table, dict):
            for key in (size, "default"):
                if key and key in table:
                    return Decimal(str(table[key]))
        elif table not in (None, ""):
            return Decimal(str(table))
        if "default" in self.fees and not isinstance(self.fees["default"], dict):
            return Decimal(str(self.fees["default"]))
        return None


def period_start(day: date, period: str) -> date:
    if period == "year":
        return date(day.year, 1, 1)
    if period == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def terms_from(agency: str, data: dict[str, Any]) -> Terms:
    model = str(data.get("model", "")).lower()
    if model not in MODELS:
        raise UsageError(f"terms model is one of {', '.join(MODELS)}, not {model!r}")
    period = str(data.get("period") or "month").lower()
    if period not in PERIODS:
        raise UsageError(f"a quota period is one of {', '.join(PERIODS)}, not {period!r}")
    quota = data.get("quota")
    if model == "subscription" and (not isinstance(quota, int) or quota < 0):
        raise UsageError("a subscription needs a quota: the uses included per period")
    counts = str(data.get("quota_counts") or "uses").lower()
    if counts not in QUOTA_COUNTS:
        raise UsageError(f"a quota counts {' or '.join(QUOTA_COUNTS)}, not {counts!r}")
    fees = data.get("fees") or {}
    if not isinstance(fees, dict):
        raise UsageError('fees are by use and size, e.g. {"web": {"default": 60}}')
    _check_amounts(fees)
    over = data.get("over_quota_fee")
    currency = str(data.get("currency") or "GBP").upper()
    if len(currency) != 3 or not currency.isalpha():
        raise UsageError(f"currency is an ISO 4217 code such as GBP, not {currency!r}")
    return Terms(
        agency=agency,
        model=model,
        currency=currency,
        quota=quota if model == "subscription" else None,
        period=period,
        over_quota_fee=None if over in (None, "") else _amount(over),
        fees=fees,
        free_kinds=tuple(data.get("free_kinds") or FREE_KINDS),
        quota_counts=counts,
    )


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise UsageError(f"not an amount: {value!r}") from None
    if amount < 0:
        raise UsageError(f"a fee cannot be negative: {value!r}")
    return amount


def _check_amounts(fees: dict[str, Any]) -> None:
    for value in fees.values():
        if isinstance(value, dict):
            _check_amounts(value)
        else:
            _amount(value)


class TermsService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def set(self, agency: str, data: dict[str, Any]) -> Terms:
        """Record *agency*'s terms, under the registry's name for it ("PA" → PA Images)."""
        from archive.credits import load_registry

        known = load_registry().get(agency.strip())
        terms = terms_from(known.name if known else agency.strip(), data)
        with self.sessions.begin() as s:
            row = s.scalars(select(AgencyTerms).where(AgencyTerms.agency == terms.agency)).first()
            stored = {k: v for k, v in terms.as_json().items() if k != "agency"}
            if row is None:
                s.add(AgencyTerms(agency=terms.agency, data=stored))
            else:
                row.data = stored
        return terms

    def listing(self) -> list[Terms]:
        with self.sessions() as s:
            return all_terms(s)

    def get(self, agency: str) -> Terms:
        from archive.credits import load_registry

        known = load_registry().get(agency.strip())
        name = (known.name if known else agency.strip()).lower()
        with self.sessions() as s:
            for t in all_terms(s):
                if t.agency.lower() == name:
                    return t
        raise NotFoundError(f"no terms recorded for {agency!r} (`creditdesk terms set`)")


def all_terms(s: Session) -> list[Terms]:
    rows = s.scalars(select(AgencyTerms).order_by(AgencyTerms.agency))
    return [terms_from(r.agency, r.data) for r in rows]


def terms_for(terms: list[Terms], agency: str | None, parent: str | None) -> Terms | None:
    """The agency's own terms, else its parent's (a brand billed by its parent)."""
    by_name = {t.agency.lower(): t for t in terms}
    for name in (agency, parent):
        if name and name.lower() in by_name:
            return by_name[name.lower()]
    return None


@dataclass(frozen=True)
class Cost:
    fee: Decimal | None  # None: the terms name no fee for this use (ask the agency)
    currency: str | None
    basis: str  # why: "included (12/500 this month)", "pay-per-use web/default", "free (pool)"
    quota: int | None = None
    quota_used: int | None = None  # this use is the n-th of its period
    over_quota: bool = False


def cost_of(
    terms: Terms | None,
    licence_kind: str | None,
    use: str | None,
    size: str | None,
    nth: int,
    repeat: bool = False,
) -> Cost:
    """What the *nth* use in its period of a picture under *terms* is expected to cost.

    *repeat*: a quota that counts pictures, and this picture (or a version of it) was
    already counted this period as the *nth*: it costs nothing more."""
    if terms is None:
        return Cost(None, None, "no terms recorded for this agency")
    if licence_kind and licence_kind in terms.free_kinds:
        return Cost(Decimal("0.00"), terms.currency, f"free ({licence_kind})")
    if terms.model == "free":
        return Cost(Decimal("0.00"), terms.currency, "free (agency terms)")
    if terms.model == "subscription":
        assert terms.quota is not None
        if repeat:
            return Cost(
                Decimal("0.00"),
                terms.currency,
                f"picture already counted this {terms.period} ({nth}/{terms.quota})",
                terms.quota,
                nth,
            )
        if nth <= terms.quota:
            return Cost(
                Decimal("0.00"),
                terms.currency,
                f"included ({nth}/{terms.quota} this {terms.period})",
                terms.quota,
                nth,
            )
        fee = terms.over_quota_fee
        if fee is None:
            fee = terms.per_use_fee(use, size)
        return Cost(
            fee,
            terms.currency,
            f"over quota ({nth}/{terms.quota} this {terms.period})",
            terms.quota,
            nth,
            over_quota=True,
        )
    fee = terms.per_use_fee(use, size)
    what = f"{use or '-'}/{size or 'default'}"
    if fee is None:
        return Cost(None, terms.currency, f"pay-per-use: no fee for {what} in the terms")
    return Cost(fee, terms.currency, f"pay-per-use {what}")
