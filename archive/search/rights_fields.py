"""Search fields over rights and usage: status:, restriction:, licence:, exported:.

Registered on import of archive.search; exported: reads the export records.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, or_, select

from archive.db.read_tables import check_result, export_item, licence, licence_tag, photo
from archive.search.fields import Context, Predicate, register_field
from archive.search.nodes import Field

STATUSES = ("blocked", "warning", "clear", "unchecked")
LICENCE_STATES = ("expired", "expiring", "embargoed", "none", "any")
EXPIRING_DAYS = 7


def _status(node: Field, _ctx: Context) -> Predicate:
    value = node.value.lower()
    if value not in STATUSES:
        raise node.error(f"status: is one of {', '.join(STATUSES)}")
    checked = select(check_result.c.photo_id)
    if value == "unchecked":
        return photo.c.id.not_in(checked)
    return photo.c.id.in_(checked.where(check_result.c.status == value))


def _restriction(node: Field, _ctx: Context) -> Predicate:
    value = node.value.strip().lower().replace(" ", "-").replace("_", "-")
    if not value:
        raise node.error("restriction: needs a tag such as uk-out, editorial-only or embargo")
    return photo.c.licence_id.in_(
        select(licence_tag.c.licence_id).where(licence_tag.c.tag == value)
    )


def _licence(node: Field, _ctx: Context) -> Predicate:
    value = node.value.lower()
    now = datetime.now(UTC).replace(tzinfo=None)
    if value == "none":
        return photo.c.licence_id.is_(None)
    if value == "any":
        return photo.c.licence_id.is_not(None)
    if value == "expired":
        cond = and_(licence.c.valid_until.is_not(None), licence.c.valid_until <= now)
    elif value == "expiring":
        soon = now + timedelta(days=EXPIRING_DAYS)
        cond = and_(licence.c.valid_until > now, licence.c.valid_until <= soon)
    elif value == "embargoed":
        cond = and_(licence.c.valid_from.is_not(None), licence.c.valid_from > now)
    else:
        raise node.error(f"licence: is one of {', '.join(LICENCE_STATES)}")
    return photo.c.licence_id.in_(select(licence.c.id).where(cond))


register_field("status", _status)
register_field("restriction", _restriction)
register_field("licence", _licence)


def _exported(node: Field, _ctx: Context) -> Predicate:
    value = node.value.lower()
    if value not in ("yes", "no"):
        raise node.error("exported: is yes or no")
    exported = photo.c.id.in_(select(export_item.c.photo_id))
    return exported if value == "yes" else ~exported


register_field("exported", _exported)


def _similar(node: Field, _ctx: Context) -> Predicate:
    """``similar:ID``: the photo itself and its near copies (found when they were imported)."""
    from archive.db.read_tables import photo_similar

    value = node.value.strip().lstrip("#")
    if not value.isdigit() or int(value) > 2**31 - 1:
        raise node.error("similar: takes a photo id, e.g. similar:42")
    photo_id = int(value)
    near = select(photo_similar.c.other_id).where(photo_similar.c.photo_id == photo_id)
    return or_(photo.c.id == photo_id, photo.c.id.in_(near))


register_field("similar", _similar)


def _used(node: Field, ctx: Context) -> Predicate:
    """``used:yes|no``, ``used:-7d`` (published in the last 7 days: a relative value alone
    means "since then"), ``used:2026-11``, ``used:2026-11-01..2026-11-15``."""
    from archive.db.read_tables import publication
    from archive.search.dates import parse_span

    value = node.value.strip().lower()
    published = select(publication.c.photo_id)
    if value in ("yes", "no"):
        used = photo.c.id.in_(published)
        return used if value == "yes" else ~used
    span = parse_span(value, ctx.today_utc, node.value_pos)
    start, end = span.start, span.end
    if value.startswith("-") and ".." not in value:
        end = ctx.today_utc + timedelta(days=1)
    conds = []
    if start is not None:
        conds.append(publication.c.published_on >= start)
    if end is not None:
        conds.append(publication.c.published_on < end)
    return photo.c.id.in_(published.where(*conds))


register_field("used", _used)
