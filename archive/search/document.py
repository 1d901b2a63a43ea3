"""The searchable document of a photo: its words per column, read with Core queries.

One builder serves the session hooks (a few photos, inside the writer's transaction),
``reindex`` and the migration backfill (thousands per chunk), so what is indexed is
defined once. Five set-based queries per chunk, never one query per photo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, select

from archive.db.models import (
    Agency,
    Event,
    Keyword,
    Person,
    PersonAlias,
    Photo,
    Photographer,
    PhotoKeyword,
    PhotoPerson,
)
from archive.search.country_iso import iso_words
from archive.search.dates import day_tokens
from archive.search.fts import ANY, CODES, COLUMNS, FREE, PAIRED
from archive.search.words import words_of

Doc = dict[str, str]  # column → space-separated words

_P = Photo.__table__.c


def _words(*texts: str | None) -> list[str]:
    out: list[str] = []
    for t in texts:
        out.extend(words_of(t))
    return out


def _agency_chains(conn: Connection) -> dict[int, list[str]]:
    """Agency id → its name and every parent's (WireImage → Getty Images): few rows."""
    rows = {
        r.id: (r.name, r.parent_id)
        for r in conn.execute(select(Agency.id, Agency.name, Agency.parent_id))
    }
    chains: dict[int, list[str]] = {}
    for aid in rows:
        names, seen, cur = [], set(), aid
        while cur is not None and cur in rows and cur not in seen:  # cycles: stop, not hang
            seen.add(cur)
            names.append(rows[cur][0])
            cur = rows[cur][1]
        chains[aid] = names
    return chains


def build_docs(conn: Connection, ids: Sequence[int]) -> dict[int, Doc]:
    """The documents of the photos *ids* (ids that do not exist are left out)."""
    if not ids:
        return {}
    photos = conn.execute(
        select(
            _P.id, _P.title, _P.headline, _P.caption, _P.creator, _P.credit_line, _P.source,
            _P.city, _P.sublocation, _P.state, _P.country, _P.country_code,
            _P.camera_make, _P.camera_model, _P.taken_at, _P.imported_at,
            _P.photographer_id, _P.agency_id, _P.event_id,
        ).where(_P.id.in_(ids))
    ).all()  # fmt: skip
    if not photos:
        return {}
    people: dict[int, list[str]] = defaultdict(list)
    links: list[tuple[int, int]] = []
    for r in conn.execute(
        select(PhotoPerson.photo_id, PhotoPerson.person_id, Person.name)
        .join(Person, Person.id == PhotoPerson.person_id)
        .where(PhotoPerson.photo_id.in_(ids))
        .order_by(PhotoPerson.photo_id, PhotoPerson.position)
    ):
        people[r.photo_id].append(r.name)
        links.append((r.photo_id, r.person_id))
    if links:
        # Aliases after the names: "person:kasia" finds Katarzyna's pictures.
        aliases: dict[int, list[str]] = defaultdict(list)
        for person_id, alias in conn.execute(
            select(PersonAlias.person_id, PersonAlias.alias)
            .where(PersonAlias.person_id.in_({pid for _, pid in links}))
            .order_by(PersonAlias.id)
        ):
            aliases[person_id].append(alias)
        for photo_id, person_id in links:
            people[photo_id].extend(aliases.get(person_id, ()))
    keywords: dict[int, list[str]] = defaultdict(list)
    for photo_id, word in conn.execute(
        select(PhotoKeyword.photo_id, Keyword.name)
        .join(Keyword, Keyword.id == PhotoKeyword.keyword_id)
        .where(PhotoKeyword.photo_id.in_(ids))
        .order_by(PhotoKeyword.photo_id, PhotoKeyword.position)
    ):
        keywords[photo_id].append(word)
    events = _by_id(conn, Event, {p.event_id for p in photos})
    photographers = _by_id(conn, Photographer, {p.photographer_id for p in photos})
    chains = _agency_chains(conn) if any(p.agency_id for p in photos) else {}
    return {
        p.id: _doc(p, people[p.id], keywords[p.id], events, photographers, chains) for p in photos
    }


def _by_id(conn: Connection, model: Any, ids: Iterable[int | None]) -> dict[int, Any]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {r.id: r for r in conn.execute(select(model.__table__).where(model.id.in_(wanted)))}


def _doc(
    p: Any,
    people: list[str],
    keywords: list[str],
    events: dict[int, Any],
    photographers: dict[int, Any],
    chains: dict[int, list[str]],
) -> Doc:
    event = events.get(p.event_id)
    grapher = photographers.get(p.photographer_id)
    by = _words(grapher.name if grapher else None)
    creator = _words(p.creator)
    if creator != by:  # the by-line as embedded, when it says more than the parsed name
        by += creator
    dates = day_tokens("t", p.taken_at) + day_tokens("i", p.imported_at)
    flags = [ANY]
    present = {
        "caption": p.caption, "credit": p.credit_line, "people": people,
        "event": event, "keywords": keywords, "photographer": grapher or p.creator,
        "agency": p.agency_id, "taken": p.taken_at,
    }  # fmt: skip
    flags += [name for name, value in present.items() if value]
    words = {
        "body": _words(
            p.title, p.headline, p.caption, p.sublocation, p.state, p.source,
            event.venue if event else None,
        ),
        "people": _words(*people),
        "event": _words(event.name) if event else [],
        "photographer": by,
        "agency": _words(*chains.get(p.agency_id, [])),
        "credit": _words(p.credit_line),
        "keyword": _words(*keywords),
        "city": _words(p.city, event.city if event else None),
        "country": _country(p.country, p.country_code, event.country if event else None),
        "camera": _words(p.camera_make, p.camera_model),
        "dates": dates,
        "flags": flags,
    }  # fmt: skip
    return {col: " ".join(words[col]) for col in COLUMNS}


def _country(name: str | None, code: str | None, event_country: str | None) -> list[str]:
    """The embedded name and code as words, then the ISO codes they stand for (the
    photo's own code first, then its name, then its event's country)."""
    words = _words(name, code, event_country)
    return words + [w for w in iso_words(code, name, event_country) if w not in words]


# Columns PostgreSQL never searches by name (layout 4): body words are only ever free
# words (the plain lexemes), and dates are ranges over photo_fts's own date columns (the
# date tokens serve SQLite's FTS5 plans). Their ``.<code>.`` lexemes were a third of the
# tsvector (1,760 → 1,163 bytes a row, bench catalogue), and a third more rows per heap
# page is a third fewer pages for every count to visit (pg_lexemes.py says why it must).
PG_UNNAMED = frozenset(("body", "dates"))


def tsvector_literal(doc: Doc) -> str:
    """The document as tsvector input: positions follow the FTS5 tokens column by column,
    with a one-position gap between columns so a phrase never spans two fields (as in
    FTS5). Free columns give plain lexemes; the columns a field searches (all but
    ``PG_UNNAMED``) also give ``.<code>.<word>``, and the ``PAIRED`` ones each two
    adjacent words as ``.<CODE>.<word>.<word>``."""
    positions: dict[str, list[int]] = defaultdict(list)
    pairs: set[str] = set()
    pos = 1
    for col in COLUMNS:
        free = col in FREE
        named = col not in PG_UNNAMED
        for word in doc[col].split():
            at = min(pos, 16383)  # PostgreSQL's limit: later words share the last position
            if free:
                positions[word].append(at)
            if named:
                positions[f".{CODES[col]}.{word}"].append(at)
            pos += 1
        pos += 1
        if col in PAIRED:  # without positions: a pair is matched as a word (pg_pairs.py)
            words = doc[col].split()
            for a, b in pairwise(words):
                pairs.add(f".{CODES[PAIRED[col]]}.{a}.{b}")
    literal = " ".join(
        f"'{lex}':{','.join(str(p) for p in sorted(set(ps))[:256])}"
        for lex, ps in positions.items()
    )
    return literal + "".join(f" '{lex}'" for lex in sorted(pairs - positions.keys()))
