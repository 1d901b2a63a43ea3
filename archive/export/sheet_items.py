"""What a contact sheet shows of each exported photo, and in which order (issue 22 item 4).

A sheet is what an editor or a client reads: each tile names its file in full and its photo
id, and carries the rights (restrictions such as UK OUT, the usage terms, the reasons of any
override) beside the credit; the sheet is titled with the event and runs in taken-time
order, as the day happened."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archive.export.sheets import SheetItem


def taken_order(detail: dict[str, Any]) -> tuple[int, datetime, int]:
    """Sort key: taken time, oldest first (a zone-less time counts as UTC), unknown last."""
    text = detail.get("taken_at")
    when = datetime.min.replace(tzinfo=UTC)
    if text:
        when = datetime.fromisoformat(text)
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return (0 if text else 1, when, int(detail.get("id") or 0))


def sheet_title(items: list[dict[str, Any]], fallback: str) -> str:
    """The event, or the events ("A, B and 2 more"); the bundle's name when none is known."""
    events = list(dict.fromkeys(i["event"] for i in items if i.get("event")))
    if not events:
        return fallback
    if len(events) <= 2:
        return " · ".join(events)
    return f"{events[0]} · {events[1]} and {len(events) - 2} more"


def sheet_item(item: dict[str, Any], thumbnail: bytes | None) -> SheetItem:
    """A sheet tile from a manifest item (services/exports builds both from one detail)."""
    return SheetItem(
        file_name=item["file"],
        caption=item.get("caption"),
        credit=item.get("credit_line") or "",
        presentation_credit=item.get("presentation_credit") or "",
        people=tuple(item.get("people") or ()),
        event=item.get("event"),
        thumbnail_jpeg=thumbnail,
        warnings=tuple(item.get("warnings") or ()),
        photo_id=item.get("photo_id"),
        restrictions=tuple(r for r in item.get("restrictions") or () if r),
        usage_terms=item.get("usage_terms"),
        overrides=tuple(f"{o['rule']}: {o['reason']}" for o in item.get("overrides") or ()),
        taken_at=item.get("taken_at"),
    )
