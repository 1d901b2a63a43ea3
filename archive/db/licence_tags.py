"""Keep each licence's search tags in step with its restrictions, in the same flush."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, event, insert
from sqlalchemy.orm import Session, sessionmaker

from archive.db.licensing import Licence, LicenceTag


def tags_for(restrictions: list[Any], excluded: list[Any], kind: str | None) -> set[str]:
    # Imported here: the restriction parser is only needed when a licence is written,
    # not to open an archive (the desktop app's start-up).
    from archive.compliance import Restriction, RestrictionError

    tags: set[str] = set()
    for raw in restrictions or ():
        try:
            tags.update(Restriction.from_json(raw).slugs())
        except RestrictionError:
            tags.add("unparsed")
    for code in excluded or ():
        tags.add(f"{str(code).lower()}-out")
        if code == "GB":
            tags.add("uk-out")
    if kind:
        tags.add(kind)
    return {t[:60] for t in tags}


def tag_rows(lic: Licence) -> list[dict[str, Any]]:
    """The LicenceTag rows of one licence (its id already known)."""
    tags = tags_for(lic.restrictions, lic.excluded_territories, lic.kind)
    return [{"licence_id": lic.id, "tag": tag} for tag in sorted(tags)]


def write_tags(session: Session, licences: list[Licence]) -> None:
    """Rewrite the tags of these licences: one DELETE and one INSERT for the whole flush."""
    if not licences:
        return
    conn = session.connection()
    ids = [lic.id for lic in licences]
    conn.execute(delete(LicenceTag).where(LicenceTag.licence_id.in_(ids)))
    rows = [row for lic in licences for row in tag_rows(lic)]
    if rows:
        conn.execute(insert(LicenceTag), rows)


def _after_flush(session: Session, _ctx: Any) -> None:
    changed = {
        id(obj): obj
        for obj in list(session.new) + list(session.dirty)
        if isinstance(obj, Licence) and obj.id is not None
    }
    write_tags(session, list(changed.values()))


def install(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "after_flush", _after_flush)
