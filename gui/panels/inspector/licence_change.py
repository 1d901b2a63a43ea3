"""The licence dialog's rules, in plain Python (no Qt): what the selection's licences have
in common, which typed values the core refuses, and the one LicenceChange to send.

The error texts are the core's own (the UsageError of `uses()`, `territory()`,
`parse_when()`), so the dialog says exactly what `creditdesk licence` would. Only the
fields the user changed go into the change; LicenceChange leaves the others alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archive.compliance.countries import ISO_3166
from archive.compliance.facts import LICENCE_KINDS
from archive.errors import ArchiveError
from archive.services.licences import LicenceChange
from archive.services.profiles import parse_when, territory, uses
from gui.panels.inspector.selection import SelectionData

ALL_CODES = tuple(code for code, _alpha3, _names in ISO_3166)
DATES_REVERSED = "The licence would end before it starts: “valid until” is before “valid from”"


@dataclass(frozen=True)
class ShownLicence:
    """Each field's value on every selected photo, or MULTIPLE where they differ."""

    kind: Any  # str | None
    uses: Any  # list[str]
    territories: Any  # list[str]
    valid_from: Any  # ISO text | None
    valid_until: Any
    restrictions: Any  # list[str]: the texts as the agency wrote them


def shown_licence(data: SelectionData) -> ShownLicence:
    def common(key: str, empty: Any = None) -> Any:
        return data.common(lambda d: (d.get("licence") or {}).get(key) or empty)

    def texts(detail: dict[str, Any]) -> list[str]:
        raw = (detail.get("licence") or {}).get("restrictions") or []
        return [r.get("text", "") if isinstance(r, dict) else str(r) for r in raw]

    return ShownLicence(
        kind=common("kind"),
        uses=common("uses", []),
        territories=common("excluded_territories", []),
        valid_from=common("valid_from"),
        valid_until=common("valid_until"),
        restrictions=data.common(texts),
    )


@dataclass(frozen=True)
class LicenceEdits:
    """What the user changed in the dialog; None leaves a field as it is."""

    kind: str | None = None
    uses: str | None = None  # comma list; "" clears
    territories: str | None = None  # comma list of codes or names; "" clears
    valid_from: str | None = None  # ISO; "" clears
    valid_until: str | None = None
    restrictions: str | None = None  # one restriction a line; "" clears them all

    @property
    def empty(self) -> bool:
        return self == LicenceEdits()


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def uses_error(text: str) -> str | None:
    if not text.strip():
        return None  # no uses stated
    try:
        uses(text)
    except ArchiveError as exc:
        return str(exc)
    return None


def territory_codes(text: str) -> list[str]:
    """ISO codes for a typed list ("GB, france" → GB, FR); UsageError names the first
    entry the core does not know."""
    return list(dict.fromkeys(territory(name) for name in split_list(text)))


def territories_error(text: str) -> str | None:
    try:
        territory_codes(text)
    except ArchiveError as exc:
        return str(exc)
    return None


def dates_error(valid_from: Any, valid_until: Any) -> str | None:
    """Only when both ends are known (a field showing ‹multiple values› is not)."""
    start, end = _when(valid_from), _when(valid_until)
    if start is not None and end is not None and end < start:
        return DATES_REVERSED
    return None


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_when(value)
    except ArchiveError:
        return None


def errors(edits: LicenceEdits, shown: ShownLicence) -> dict[str, str]:
    """Field name → the core's complaint, for every changed field it would refuse."""
    found: dict[str, str] = {}
    if edits.kind is not None and edits.kind not in LICENCE_KINDS:
        found["kind"] = f"unknown licence kind {edits.kind!r}: {', '.join(LICENCE_KINDS)}"
    if edits.uses is not None and (message := uses_error(edits.uses)):
        found["uses"] = message
    if edits.territories is not None and (message := territories_error(edits.territories)):
        found["territories"] = message
    start = shown.valid_from if edits.valid_from is None else edits.valid_from
    end = shown.valid_until if edits.valid_until is None else edits.valid_until
    if message := dates_error(start, end):
        found["dates"] = message
    return found


def build_change(edits: LicenceEdits) -> LicenceChange:
    """The change to send; raises the core's UsageError for a value it refuses."""
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    if edits.territories is not None:
        codes = territory_codes(edits.territories)
        # The typed list is what every selected photo gets: the core adds the excluded
        # codes and drops the included ones, so everything else is "included".
        exclude = tuple(codes)
        include = tuple(code for code in ALL_CODES if code not in codes)
    lines = [] if edits.restrictions is None else edits.restrictions.splitlines()
    return LicenceChange(
        kind=edits.kind,
        uses=None if edits.uses is None else ",".join(split_list(edits.uses)),
        exclude_territories=exclude,
        include_territories=include,
        valid_from=edits.valid_from,
        valid_until=edits.valid_until,
        add_restrictions=tuple(line.strip() for line in lines if line.strip()),
        clear_restrictions=edits.restrictions is not None,
    )
