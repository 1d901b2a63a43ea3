"""Hamming lookup of fingerprints at a million photos: banded exact lookups.

Each 64-bit hash is cut into four 16-bit bands; a photo has one ``fingerprint_band`` row
per band of each of its two hashes (8 rows), keyed ``code = slot << 16 | band value``.
A query probes every band value within ``RADIUS`` bits of its own (1 + 16 codes per band
with radius 1: 136 exact lookups) and checks the candidates exactly. With 8 bands and
radius 1, any pair whose combined distance is at most 15 shares a band within 1 bit
(pigeonhole: 8 × 2 > 15); beyond that, up to NEAR, a pair is found when its flipped bits
bunch in a band, which near copies' do: on the bench's variant set radius 1 finds 2,985
of the 2,991 pairs radius 2 finds, with 8x fewer lookups (p95 at 1M: bench/similar_bench.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select

from archive.db.models import FingerprintBand, PhotoFingerprint, PhotoSimilar
from archive.similar.fingerprint import Fingerprint, distance

BANDS = 4
BAND_BITS = 16
RADIUS = 1
# Combined distance (whole + centre, 0–128) at or under which two photos are the same
# picture. Measured on the bench's variant set: a 5 % crop scores up to ~24, another
# frame of the same scene 30 and more (see README, "Rights desk").
NEAR = 26


def combined(a: Fingerprint, b: Fingerprint) -> int:
    return distance(a.whole, b.whole) + distance(a.centre, b.centre)


def _bands(value: int) -> list[int]:
    u = value & 0xFFFFFFFFFFFFFFFF
    return [(u >> (BAND_BITS * i)) & 0xFFFF for i in range(BANDS)]


def codes(fp: Fingerprint) -> list[int]:
    """The 8 band codes a photo is filed under."""
    out = []
    for h, value in enumerate((fp.whole, fp.centre)):
        for i, band in enumerate(_bands(value)):
            out.append(((h * BANDS + i) << BAND_BITS) | band)
    return out


@cache
def _masks(radius: int) -> tuple[int, ...]:
    masks = [0]
    for r in range(1, radius + 1):
        for bits in combinations(range(BAND_BITS), r):
            masks.append(sum(1 << b for b in bits))
    return tuple(masks)


def probe_codes(fp: Fingerprint, radius: int = RADIUS) -> list[int]:
    """Every code within *radius* bits of each of the photo's band codes."""
    masks = _masks(radius)
    out: list[int] = []
    for code in codes(fp):
        slot, band = code >> BAND_BITS, code & 0xFFFF
        out.extend((slot << BAND_BITS) | (band ^ m) for m in masks)
    return out


_CANDIDATES = select(FingerprintBand.photo_id, FingerprintBand.whole, FingerprintBand.centre).where(
    FingerprintBand.code.in_(bindparam("codes", expanding=True))
)


def lookup(
    conn: Connection, fp: Fingerprint, near: int = NEAR, radius: int = RADIUS
) -> list[tuple[int, int]]:
    """(photo id, combined distance) of every filed photo within *near*, nearest first."""
    rows = conn.execute(_CANDIDATES, {"codes": probe_codes(fp, radius)})
    found: dict[int, int] = {}
    w, c, mask = fp.whole, fp.centre, 0xFFFFFFFFFFFFFFFF
    for pid, whole, centre in rows:  # a photo can come back once per band it shares
        d = ((w ^ whole) & mask).bit_count() + ((c ^ centre) & mask).bit_count()
        if d <= near:
            found[pid] = d
    return sorted(found.items(), key=lambda r: (r[1], r[0]))


def record(conn: Connection, rows: Sequence[tuple[int, Fingerprint]]) -> int:
    """File fingerprints (replacing any earlier one of the photo) and link each to its near
    copies, both ways. Returns how many links were made. One transaction: the caller's."""
    # One file imported from two paths in one batch is one photo: its fingerprint once.
    rows = list(dict(rows).items())
    if not rows:
        return 0
    ids = [pid for pid, _ in rows]
    fp_table: Any = PhotoFingerprint.__table__
    band_table: Any = FingerprintBand.__table__
    sim_table: Any = PhotoSimilar.__table__
    for chunk in _chunks(ids, 500):
        conn.execute(delete(band_table).where(band_table.c.photo_id.in_(chunk)))
        conn.execute(delete(fp_table).where(fp_table.c.photo_id.in_(chunk)))
        conn.execute(delete(sim_table).where(sim_table.c.photo_id.in_(chunk)))
        conn.execute(delete(sim_table).where(sim_table.c.other_id.in_(chunk)))
    conn.execute(
        insert(fp_table), [{"photo_id": p, "whole": f.whole, "centre": f.centre} for p, f in rows]
    )
    conn.execute(
        insert(band_table),
        [
            {"code": c, "photo_id": p, "whole": f.whole, "centre": f.centre}
            for p, f in rows
            for c in set(codes(f))
        ],
    )
    links: dict[tuple[int, int], int] = {}
    for pid, fp in rows:
        for other, d in lookup(conn, fp):
            if other != pid:
                links[(pid, other)] = d
                links[(other, pid)] = d
    if links:
        conn.execute(
            insert(sim_table),
            [{"photo_id": a, "other_id": b, "distance": d} for (a, b), d in links.items()],
        )
    return len(links) // 2


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
