"""Near-duplicate benchmark: precision/recall per variant kind, and lookup latency at 1M.

1. Quality: ``--scenes`` generated originals (bench/similar_scenes.py), each with its
   variants (resize 50 %, JPEG q=60, brightness +15 %, crop 5 %, 10-px border) and a
   negative (another frame of the same scene), fingerprinted exactly as import does (the
   320 px thumbnail, archive.importer.stages) and filed with the product's index
   (archive.similar.index.record) in a real catalogue. Every link it makes is judged:
   true when both photos are renders of the same original. Prints recall per kind
   (original ↔ variant found), the negative's false-link rate, and precision over all links.
2. Latency: the index filled to ``--photos`` fingerprints (the real ones, plus synthetic
   ones: half uniform, half real ones with 12–24 bits flipped per hash, so the bands
   collide as a real archive's do), then ``lookup`` timed for every real fingerprint.

Last line: similar photos=N precision=… recall=… lookup_p95_ms=…
``--engine postgresql`` runs both on the local server (schema similar_bench_<N>).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, insert, select, text  # noqa: E402

from archive.db.models import FingerprintBand, Photo, PhotoFingerprint, PhotoSimilar  # noqa: E402
from archive.handle import Archive  # noqa: E402
from archive.importer.stages import thumbnail_and_hashes  # noqa: E402
from archive.similar.fingerprint import Fingerprint, signed  # noqa: E402
from archive.similar.index import codes, lookup, record  # noqa: E402
from bench.similar_scenes import NEGATIVE, VARIANTS, originals_and_variants  # noqa: E402

OUT = ROOT / "bench" / "out"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def fingerprints(scenes: int, seed: int) -> list[tuple[int, str, Fingerprint]]:
    """(scene, kind, fingerprint) for every original, variant and negative."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for s in range(seed, seed + scenes):
            original, variants = originals_and_variants(s)
            for kind, data in (("original", original), *variants.items()):
                problem, _, fp = thumbnail_and_hashes(data, f"{tmp}/t.jpg")
                assert problem is None and fp is not None, problem
                out.append((s, kind, Fingerprint(*fp)))
    return out


def open_archive(engine: str, name: str, fresh: bool) -> Archive:
    folder = OUT / name
    if engine == "sqlite":
        if fresh and folder.exists():
            shutil.rmtree(folder)
        return Archive.open(folder)
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        if fresh:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{name}"'))
    admin.dispose()
    folder.mkdir(parents=True, exist_ok=True)
    return Archive.open(folder, f"{PG_URL}?options=-csearch_path%3D{name}")


def add_photos(arc: Archive, first: int, count: int) -> list[int]:
    """Bare photo rows (the fingerprint tables refer to them)."""
    rows = [
        {
            "id": first + i,
            "sha256": f"{first + i:064x}",
            "format": "JPEG",
            "file_size": 1,
            "stored_path": "x",
            "managed": False,
            "version": 1,
        }
        for i in range(count)
    ]
    with arc.engine.begin() as conn:
        conn.execute(insert(Photo.__table__), rows)  # type: ignore[arg-type]
    return [r["id"] for r in rows]


def quality(arc: Archive, prints: list[tuple[int, str, Fingerprint]]) -> tuple[float, float]:
    ids = add_photos(arc, 1, len(prints))
    who = {pid: (scene, kind) for pid, (scene, kind, _) in zip(ids, prints, strict=True)}
    with arc.engine.begin() as conn:
        record(conn, [(pid, fp) for pid, (_, _, fp) in zip(ids, prints, strict=True)])
        links = conn.execute(select(PhotoSimilar.photo_id, PhotoSimilar.other_id)).all()
    linked = {(a, b) for a, b in links}
    true_links = sum(
        1 for a, b in linked if who[a][0] == who[b][0] and NEGATIVE not in (who[a][1], who[b][1])
    )
    precision = true_links / len(linked) if linked else 1.0
    originals = {who[p][0]: p for p in ids if who[p][1] == "original"}
    found_all = 0
    for kind in (*VARIANTS, NEGATIVE):
        found = sum(1 for p in ids if who[p][1] == kind and (originals[who[p][0]], p) in linked)
        n = len(originals)
        if kind == NEGATIVE:
            print(f"  {kind:<12} falsely linked {found}/{n} ({found / n:.3f})")
        else:
            found_all += found
            print(f"  {kind:<12} recall {found}/{n} ({found / n:.3f})")
    recall = found_all / (len(originals) * len(VARIANTS))
    print(f"  links={len(linked) // 2} pairs, precision={precision:.4f} recall={recall:.4f}")
    return precision, recall


def fill(arc: Archive, prints: list[Fingerprint], photos: int, seed: int) -> None:
    """Grow the index to *photos* fingerprints (cached between runs)."""
    with arc.engine.connect() as conn:
        have = conn.scalar(select(func.count()).select_from(PhotoFingerprint)) or 0
    rng = random.Random(seed)

    def flip(value: int) -> int:
        for b in rng.sample(range(64), rng.randint(12, 24)):
            value ^= 1 << b
        return signed(value & 0xFFFFFFFFFFFFFFFF)

    start = time.perf_counter()
    next_id = 10_000_000
    with arc.engine.connect() as conn:
        next_id = max(next_id, (conn.scalar(select(func.max(Photo.id))) or 0) + 1)
    while have < photos:
        n = min(50_000, photos - have)
        ids = add_photos(arc, next_id, n)
        next_id += n
        fps = []
        for _ in range(n):
            if rng.random() < 0.5:
                base = rng.choice(prints)
                fps.append(Fingerprint(flip(base.whole), flip(base.centre)))
            else:
                fps.append(Fingerprint(signed(rng.getrandbits(64)), signed(rng.getrandbits(64))))
        with arc.engine.begin() as conn:
            conn.execute(
                insert(PhotoFingerprint.__table__),  # type: ignore[arg-type]
                [
                    {"photo_id": p, "whole": f.whole, "centre": f.centre}
                    for p, f in zip(ids, fps, strict=True)
                ],
            )
            conn.execute(
                insert(FingerprintBand.__table__),  # type: ignore[arg-type]
                [
                    {"code": c, "photo_id": p, "whole": f.whole, "centre": f.centre}
                    for p, f in zip(ids, fps, strict=True)
                    for c in set(codes(f))
                ],
            )
        have += n
        print(f"  filled {have:,} fingerprints ({time.perf_counter() - start:.0f} s)", flush=True)
    if arc.engine.dialect.name == "postgresql":
        with arc.engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def latency(arc: Archive, queries: list[Fingerprint], rounds: int) -> list[float]:
    times: list[float] = []
    with arc.engine.connect() as conn:
        for fp in queries[:20]:
            lookup(conn, fp)  # warm the cache as a running desk has it
        for _ in range(rounds):
            for fp in queries:
                t = time.perf_counter()
                lookup(conn, fp)
                times.append((time.perf_counter() - t) * 1000)
    return times


def versions(arc: Archive, seed: int) -> str:
    """One cell per picture at scale: 5 % of the photos made versions of each other (groups
    of 2–4, as re-sends and brand copies are), then the same-picture groups built from the
    links, their signature checked (what every grid page costs while nothing changed) and
    every photo's id collapsed in id order (what the collapsed count costs at 1M)."""
    from archive.similar.collapse import collapse, links_signature, version_groups

    with arc.engine.connect() as conn:
        have = conn.scalar(select(func.count()).select_from(PhotoSimilar)) or 0
        ids = [int(i) for i in conn.scalars(select(Photo.id).order_by(Photo.id))]
    if have < len(ids) // 40:
        rng = random.Random(seed)
        chosen = rng.sample(ids, len(ids) // 20)
        rows, i = [], 0
        while i < len(chosen) - 1:
            group = chosen[i : i + rng.randint(2, 4)]
            i += len(group)
            rows += [{"photo_id": a, "other_id": b, "distance": 9} for a in group for b in group]
        rows = [r for r in rows if r["photo_id"] != r["other_id"]]
        with arc.engine.begin() as conn:
            conn.execute(insert(PhotoSimilar.__table__), rows)  # type: ignore[arg-type]
    t = time.perf_counter()
    known = version_groups(arc.sessions)
    groups_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    with arc.sessions() as s:
        links = links_signature(s)[0]
    signature_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    kept = collapse(ids, known[1])
    collapse_ms = (time.perf_counter() - t) * 1000
    return (
        f"  versions: {links // 2:,} links, {len(ids) - len(kept):,} photos folded; groups built "
        f"in {groups_ms:.0f} ms, links signature {signature_ms:.1f} ms, "
        f"{len(ids):,} ids collapsed in {collapse_ms:.0f} ms"
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenes", type=int, default=200)
    ap.add_argument("--photos", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    args = ap.parse_args()
    t = time.perf_counter()
    prints = fingerprints(args.scenes, args.seed)
    per = (time.perf_counter() - t) / len(prints) * 1000
    print(f"{len(prints)} pictures decoded and fingerprinted, {per:.1f} ms each (incl. render)")
    with open_archive(args.engine, f"similar_quality_{args.engine}", fresh=True) as arc:
        precision, recall = quality(arc, prints)
    name = f"similar_bench_{args.photos}_{args.engine}"
    with open_archive(args.engine, name, fresh=False) as arc:
        fill(arc, [fp for _, _, fp in prints], args.photos, args.seed)
        times = latency(arc, [fp for _, _, fp in prints], args.rounds)
        print(versions(arc, args.seed))
    p50, p95, worst = statistics.median(times), pct(times, 0.95), max(times)
    print(f"  lookup over {args.photos:,}: p50={p50:.1f} ms p95={p95:.1f} ms max={worst:.1f} ms")
    print(
        f"similar photos={args.photos} precision={precision:.4f} recall={recall:.4f} "
        f"lookup_p95_ms={p95:.1f}"
    )


if __name__ == "__main__":
    main()
