"""Every version of a picture: its near copies with their credits and licences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from archive.db.models import Agency, Licence, Photo, PhotoFingerprint, PhotoSimilar
from archive.errors import NotFoundError


@dataclass(frozen=True)
class NearCopy:
    id: int
    distance: int  # combined Hamming distance, 0 = the same fingerprint
    credit_line: str | None
    agency: str | None
    licence_kind: str | None
    licence_until: str | None  # ISO date (UTC) the licence ends, if it does
    sha256: str
    width: int | None
    height: int | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def copies_of(
    session: Session, photos: Sequence[Photo]
) -> dict[int, tuple[list[tuple[int, str | None]], dict[int, str]]]:
    """For the compliance facts: photo id → ([(other id, credit)], {other id: agency}).

    The same picture is an exact dHash twin or a near copy of the fingerprint index.
    """
    ids = [p.id for p in photos]
    out: dict[int, tuple[list[tuple[int, str | None]], dict[int, str]]] = {i: ([], {}) for i in ids}
    pairs: set[tuple[int, int]] = set()
    by_hash: dict[int, list[int]] = {}
    for p in photos:
        if p.dhash is not None:
            by_hash.setdefault(p.dhash, []).append(p.id)
    # Plain rows through the connection: a batch of versions of one picture has
    # group-size² pairs (the export bench's 1,000 photos of 8 pictures: 125,000), and
    # the ORM's result machinery cost more per row than the rest of this function.
    conn = session.connection()
    if by_hash:
        groups: dict[int, list[int]] = {}
        for dhash, other in conn.execute(
            select(Photo.dhash, Photo.id).where(Photo.dhash.in_(by_hash))
        ):
            if dhash is not None:
                groups.setdefault(dhash, []).append(other)
        for dhash, members in groups.items():
            for pid in by_hash.get(dhash, ()):
                pairs.update(zip(repeat(pid), members, strict=False))
                pairs.discard((pid, pid))
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        near = conn.execute(
            select(PhotoSimilar.photo_id, PhotoSimilar.other_id).where(
                PhotoSimilar.photo_id.in_(part)
            )
        )
        pairs.update((a, b) for a, b in near)
    others = sorted({b for _, b in pairs})
    info: dict[int, tuple[str | None, str | None]] = {}
    for chunk in range(0, len(others), 500):
        rows = conn.execute(
            select(Photo.id, Photo.credit_line, Agency.name)
            .outerjoin(Agency, Photo.agency_id == Agency.id)
            .where(Photo.id.in_(others[chunk : chunk + 500]))
        )
        info.update({pid: (credit, agency) for pid, credit, agency in rows})
    for pid, other in sorted(pairs):
        if other not in info:
            continue
        credit, agency = info[other]
        out[pid][0].append((other, credit))
        if agency:
            out[pid][1][other] = agency
    return out


class SimilarService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def similar(self, photo_id: int) -> list[NearCopy]:
        """The other versions of *photo_id*, nearest first."""
        with self.sessions() as s:
            if s.get(Photo, photo_id) is None:
                raise NotFoundError(f"no photo with id {photo_id}")
            rows = s.execute(
                select(Photo, PhotoSimilar.distance, Agency.name, Licence)
                .join(PhotoSimilar, PhotoSimilar.other_id == Photo.id)
                .outerjoin(Agency, Photo.agency_id == Agency.id)
                .outerjoin(Licence, Photo.licence_id == Licence.id)
                .where(PhotoSimilar.photo_id == photo_id)
                .order_by(PhotoSimilar.distance, Photo.id)
            ).all()
            return [_copy(p, d, agency, lic) for p, d, agency, lic in rows]

    def versions(self, ids: Sequence[int]) -> dict[int, int]:
        """Group *ids* (a page of the grid) into same-picture groups: id → the smallest id
        of its group among *ids* (links through photos outside *ids* do not join)."""
        from archive.similar.collapse import build_groups

        wanted = set(ids)
        pairs: list[tuple[int, int]] = []
        with self.sessions() as s:
            for chunk in range(0, len(ids), 500):
                part = list(ids[chunk : chunk + 500])
                rows = s.execute(
                    select(PhotoSimilar.photo_id, PhotoSimilar.other_id).where(
                        PhotoSimilar.photo_id.in_(part), PhotoSimilar.other_id.in_(wanted)
                    )
                )
                pairs.extend((int(a), int(b)) for a, b in rows)
        root = build_groups(pairs).root
        return {i: root.get(i, i) for i in ids}

    def missing(self) -> list[tuple[int, str]]:
        """Photos with no fingerprint yet (imported before 0022): (id, sha256)."""
        with self.sessions() as s:
            filed = select(PhotoFingerprint.photo_id)
            rows = s.execute(
                select(Photo.id, Photo.sha256).where(Photo.id.not_in(filed)).order_by(Photo.id)
            )
            return [(pid, sha) for pid, sha in rows]

    def rebuild(self, thumbnail_of: Any, batch: int = 200) -> tuple[int, int]:
        """Fingerprint every photo that has none, from its thumbnail on disk.

        *thumbnail_of*: sha256 → Path. Returns (fingerprinted, without a thumbnail).
        """
        from PIL import Image

        from archive.similar.fingerprint import fingerprint
        from archive.similar.index import record

        todo = self.missing()
        done = skipped = 0
        for start in range(0, len(todo), batch):
            rows = []
            for pid, sha in todo[start : start + batch]:
                path: Path = thumbnail_of(sha)
                try:
                    with Image.open(path) as im:
                        rows.append((pid, fingerprint(im.convert("RGB"))))
                except (OSError, ValueError):
                    skipped += 1
            with self.sessions.begin() as s:
                record(s.connection(), rows)
            done += len(rows)
        return done, skipped


def _copy(p: Photo, distance: int, agency: str | None, lic: Licence | None) -> NearCopy:
    until = lic.valid_until.replace(tzinfo=UTC) if lic and lic.valid_until else None
    return NearCopy(
        id=p.id,
        distance=distance,
        credit_line=p.credit_line,
        agency=agency,
        licence_kind=lic.kind if lic else None,
        licence_until=until.date().isoformat() if isinstance(until, datetime) else None,
        sha256=p.sha256,
        width=p.width,
        height=p.height,
    )
