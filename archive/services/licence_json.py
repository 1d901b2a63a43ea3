"""The JSON form of a licence (show --json, audit values): kept apart from the licence editor so
reading a photo does not load the compliance and importer stacks the editor needs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a Core row of the licence table reads the same (services/photo_reads.py)
    from sqlalchemy import Row

    from archive.db.licensing import Licence

__all__ = ["licence_json"]


def licence_json(lic: Licence | Row[Any] | None) -> dict[str, Any] | None:
    if lic is None:
        return None

    def iso(v: datetime | None) -> str | None:
        return v.replace(tzinfo=UTC).isoformat() if v else None

    return {
        "id": lic.id,
        "kind": lic.kind,
        "uses": list(lic.uses or []),
        "excluded_territories": list(lic.excluded_territories or []),
        "valid_from": iso(lic.valid_from),
        "valid_until": iso(lic.valid_until),
        "time_limit_days": lic.time_limit_days,
        "model_release": lic.model_release,
        "property_release": lic.property_release,
        "reference": lic.reference,
        "notes": lic.notes,
        "restrictions": list(lic.restrictions or []),
        "shared": lic.shared,
    }
