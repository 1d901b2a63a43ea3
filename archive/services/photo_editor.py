"""Applies changes to one photo and writes an audit row for each field that really changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from archive.captions import render
from archive.credits import format_credit, load_registry
from archive.credits.errors import UnknownAgencyError
from archive.credits.evidence import Evidence, read_credit
from archive.db.base import utcnow
from archive.db.models import AuditEvent, Person, Photo, PhotoKeyword, PhotoPerson
from archive.errors import NotFoundError
from archive.ratings import normalise_label, parse_rating
from archive.services.context import caption_context
from archive.services.entities import EntityResolver
from archive.services.field_edits import IPTC_TEXT_FIELDS, apply_fields

if TYPE_CHECKING:
    from archive.services.edits import EditRequest, EditResult

TEXT_FIELDS = ("caption", "headline", "title", "special_instructions")
# Fields handed to field_edits.apply_fields (EditRequest attributes of the same name).
FIELD_NAMES = (
    *IPTC_TEXT_FIELDS,
    "creator",
    "country",
    "country_code",
    "date_created",
    "source_type",
)


def credit_line_for(photographer: str | None, agency: str) -> str:
    """The agency's canonical line; for an agency the rule pack does not know, 'Name/Agency'."""
    try:
        return format_credit(photographer, agency)
    except UnknownAgencyError:
        return f"{photographer}/{agency}" if photographer else agency


class PhotoEditor:
    def __init__(
        self,
        session: Session,
        photo: Photo,
        result: EditResult,
        user: str,
        create: bool = False,
        action: str = "edit",
    ) -> None:
        self.session = session
        self.photo = photo
        self.result = result
        self.user = user
        self.create = create
        self.action = action
        self.resolver = EntityResolver(session)
        self.changed = False

    # -- the whole request -------------------------------------------------------------
    def apply(self, req: EditRequest) -> bool:
        photo = self.photo
        if req.add_people or req.remove_people:
            names = [link.person.name for link in photo.person_links]
            for name in req.remove_people:
                person = self.resolver.person(name, create=False)
                if person is None:
                    raise NotFoundError(f"no person called {name!r}")
                names = [n for n in names if self.resolver.person(n, create=False) is not person]
            self.set_people(names + list(req.add_people))
        if req.event is not None:
            self.set_event(req.event.strip() or None)
        self._credit(req)
        if req.add_keywords or req.remove_keywords:
            drop = {w.strip() for w in req.remove_keywords}
            words = [
                link.keyword.name for link in photo.keyword_links if link.keyword.name not in drop
            ]
            self.set_keywords(words + [w.strip() for w in req.add_keywords])
        for name in TEXT_FIELDS:
            value = getattr(req, name)
            if value is not None:
                self.set_text(name, value)
        apply_fields(self, {name: getattr(req, name) for name in FIELD_NAMES})
        if req.template is not None:
            self.set_text("caption", render(req.template, caption_context(photo)))
        if req.rating is not None:
            self.set_rating(parse_rating(req.rating))
        if req.label is not None:
            self.set_label(req.label)
        return self.changed

    def _credit(self, req: EditRequest) -> None:
        if req.credit is None and req.photographer is None and req.agency is None:
            return
        photo = self.photo
        photographer = photo.photographer.name if photo.photographer else None
        agency = photo.agency.name if photo.agency else None
        line = photo.credit_line
        if req.credit is not None:
            line = req.credit.strip() or None
            parsed = read_credit(Evidence(credit=line)) if line else None
            if parsed and parsed.agency:
                agency = parsed.agency
            if parsed and parsed.photographer:
                photographer = parsed.photographer
        if req.photographer is not None:
            photographer = req.photographer.strip() or None
        if req.agency is not None:
            agency = req.agency.strip() or None
        if req.credit is None and agency:
            # Naming a photographer or an agency rewrites the credit line in the agency's form.
            line = credit_line_for(photographer, agency)
        self.set_photographer(photographer)
        self.set_agency(agency)
        self.set_text("credit_line", line or "")

    # -- one field at a time (also used by undo) ----------------------------------------
    def audit(self, name: str, old: Any, new: Any) -> None:
        if old == new:
            return
        if not self.changed:
            # Touch the row itself so its version counter moves even when only linked
            # rows (people, keywords) changed: a concurrent editor must see the conflict.
            self.photo.updated_at = utcnow()
        self.changed = True
        self.result.changes += 1
        self.session.add(
            AuditEvent(
                user=self.user,
                batch=self.result.batch,
                action=self.action,
                entity="photo",
                entity_id=self.photo.id,
                field=name,
                old=old,
                new=new,
            )
        )

    def set_text(self, name: str, value: str | None) -> None:
        old = getattr(self.photo, name)
        new = (value or "").strip() or None
        if old != new:
            setattr(self.photo, name, new)
            self.audit(name, old, new)

    def set_rating(self, rating: int | None) -> None:
        old = self.photo.rating
        if old != rating:
            self.photo.rating = rating
            self.audit("rating", old, rating)

    def set_label(self, label: str | None) -> None:
        old, new = self.photo.label, normalise_label(label)
        if old != new:
            self.photo.label = new
            self.audit("label", old, new)

    def set_people(self, names: list[str]) -> None:
        links = self.photo.person_links
        old = [link.person.name for link in links]
        people: list[Person] = []
        for name in names:
            person = self.resolver.person(name, create=self.create)
            if person is None:
                raise NotFoundError(f"no person called {name!r}: add them, or pass --create")
            if all(p is not person for p in people):
                people.append(person)
        keep = {id(link.person): link for link in links}
        links[:] = [keep.get(id(p)) or PhotoPerson(person=p) for p in people]
        for pos, link in enumerate(links):
            link.position = pos
        self.audit("people", old, [p.name for p in people])

    def set_keywords(self, words: list[str]) -> None:
        links = self.photo.keyword_links
        old = [link.keyword.name for link in links]
        wanted = list(dict.fromkeys(w for w in words if w))
        keep = {link.keyword.name: link for link in links}
        links[:] = [keep.get(w) or PhotoKeyword(keyword=self.resolver.keyword(w)) for w in wanted]
        for pos, link in enumerate(links):
            link.position = pos
        self.audit("keywords", old, wanted)

    def set_event(self, name: str | None) -> None:
        old = self.photo.event.name if self.photo.event else None
        if name is None:
            self.photo.event = None
        else:
            event = self.resolver.event(name, create=self.create)
            if event is None:
                raise NotFoundError(f"no event called {name!r}: add it, or pass --create")
            self.photo.event = event
        self.audit("event", old, self.photo.event.name if self.photo.event else None)

    def set_photographer(self, name: str | None) -> None:
        old = self.photo.photographer.name if self.photo.photographer else None
        self.photo.photographer = self.resolver.photographer(name) if name else None
        self.audit(
            "photographer", old, self.photo.photographer.name if self.photo.photographer else None
        )

    def set_agency(self, name: str | None) -> None:
        old = self.photo.agency.name if self.photo.agency else None
        if name:
            known = load_registry().get(name)
            if known is not None:
                name = known.name  # the rule pack's spelling: "wireimage" → "WireImage"
            self.photo.agency = self.resolver.agency(name, known.parent if known else None)
        else:
            self.photo.agency = None
        self.audit("agency", old, self.photo.agency.name if self.photo.agency else None)
