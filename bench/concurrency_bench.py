"""Concurrency benchmark: N editor processes edit the same photos at once; none is lost.

Each editor reads a photo's version, then saves a caption with that expected version
(like tests/archive/services/test_concurrent_edits.py). Every edit either lands or is
refused as a conflict. Afterwards: of the attempts made from one version of one photo at
most one landed (a second would be a silent overwrite, counted as lost), editors did collide
(else the run exits 1: it proved nothing), every landed edit is in the audit trail, and
each photo's caption is the trail's last edit. Last line:
concurrency engine=… editors=… edits=… landed=… conflicts=… lost=… seconds=…
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from archive.db.models import AuditEvent, Photo  # noqa: E402
from archive.errors import ConflictError  # noqa: E402
from archive.handle import Archive  # noqa: E402
from archive.services.edits import EditRequest, EditService  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_photos(folder: Path, n: int) -> None:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        im = Image.new("RGB", (48, 32), (i * 5 % 256, i * 11 % 256, i * 17 % 256))
        im.putpixel((i % 48, i % 32), (255 - i % 256, 0, 0))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=90)
        (folder / f"p{i:03d}.jpg").write_bytes(buf.getvalue())


def editor(folder: str, url: str | None, name: str, ids: list[int], edits: int,
           barrier: Any, out: Any) -> None:  # fmt: skip
    """Edits random photos; reports each attempt as (photo, version seen, caption, outcome)."""
    rng = random.Random(name)
    attempts: list[tuple[int, int, str, str]] = []
    with Archive.open(folder, url) as arc:
        service = EditService(arc.sessions)
        barrier.wait(timeout=120)
        for i in range(edits):
            pid = rng.choice(ids)
            with arc.sessions() as s:
                seen = s.scalar(select(Photo.version).where(Photo.id == pid))
            caption = f"{name} edit {i}"
            try:
                service.edit([pid], EditRequest(caption=caption,
                                                expected_versions={pid: seen}))  # fmt: skip
                attempts.append((pid, seen, caption, "landed"))
            except ConflictError:
                attempts.append((pid, seen, caption, "conflict"))
            except Exception as exc:  # neither landed nor reported as a conflict: lost
                attempts.append((pid, seen, caption, "error"))
                print(f"{name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    out.put(attempts)


def account(attempts: list[tuple[int, int, str, str]], final: dict[int, str | None],
            audited: dict[int, list[str]]) -> tuple[int, int]:  # fmt: skip
    """(collisions, lost) from every attempt and the catalogue afterwards.

    A collision is two or more attempts on one photo from the same version seen: at most one
    of them may land. Lost counts the edits that landed over another from the same version
    (an overwrite nobody was told about), errors, landed edits missing from the audit trail,
    and photos whose caption is not the audit trail's last edit. Collisions must happen, or
    the run proved nothing about the version check.
    """
    groups: dict[tuple[int, int], list[str]] = {}
    for pid, seen, _, outcome in attempts:
        groups.setdefault((pid, seen), []).append(outcome)
    collisions = sum(1 for g in groups.values() if len(g) > 1)
    lost = sum(max(0, g.count("landed") - 1) for g in groups.values())
    lost += sum(1 for *_, outcome in attempts if outcome == "error")
    landed = {(pid, cap) for pid, _, cap, outcome in attempts if outcome == "landed"}
    trail = {(pid, cap) for pid, caps in audited.items() for cap in caps}
    lost += len(landed ^ trail)
    lost += sum(1 for pid, caps in audited.items() if caps and final.get(pid) != caps[-1])
    return collisions, lost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--editors", type=int, default=20)
    ap.add_argument("--edits", type=int, default=10_000, help="edits in total, split over editors")
    ap.add_argument("--photos", type=int, default=50)
    ap.add_argument("--pg", default=PG_SERVER, help="PostgreSQL server URL (a schema is made)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cd-concurrency-"))
    url, schema = None, None
    admin = None
    if args.engine == "postgresql":
        schema = f"cd_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(args.pg)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{args.pg}?options=-csearch_path%3D{schema}"
    try:
        from archive.importer.session import ImportOptions, ImportSession

        make_photos(tmp / "src", args.photos)
        with Archive.open(tmp / "arc", url) as arc:
            session = ImportSession(arc, [tmp / "src"], ImportOptions(jobs=2, thumbnails=False))
            for _ in session.run():
                pass
            ids = sorted(session.report.photo_ids)
            with arc.sessions() as s:
                versions_before = s.scalar(select(func.sum(Photo.version))) or 0
                audit_mark = s.scalar(select(func.max(AuditEvent.id))) or 0
        assert len(ids) == args.photos, session.report.failed

        ctx = multiprocessing.get_context("fork")
        barrier, out = ctx.Barrier(args.editors + 1), ctx.Queue()
        share = [args.edits // args.editors + (i < args.edits % args.editors)
                 for i in range(args.editors)]  # fmt: skip
        procs = [
            ctx.Process(
                target=editor,
                args=(str(tmp / "arc"), url, f"editor{i}", ids, share[i], barrier, out),
            )
            for i in range(args.editors)
        ]
        for p in procs:
            p.start()
        barrier.wait(timeout=120)
        start = time.monotonic()
        attempts = [a for _ in procs for a in out.get(timeout=3600)]
        seconds = time.monotonic() - start
        for p in procs:
            p.join(timeout=60)
        landed = sum(1 for a in attempts if a[3] == "landed")
        conflicts = sum(1 for a in attempts if a[3] == "conflict")
        errors = sum(1 for a in attempts if a[3] == "error")
        with Archive.open(tmp / "arc", url) as arc, arc.sessions() as s:
            versions = (s.scalar(select(func.sum(Photo.version))) or 0) - versions_before
            final: dict[int, str | None] = {
                pid: cap for pid, cap in s.execute(select(Photo.id, Photo.caption))
            }
            audited: dict[int, list[str]] = {}
            rows = s.execute(
                select(AuditEvent.entity_id, AuditEvent.new)
                .where(AuditEvent.field == "caption", AuditEvent.id > audit_mark)
                .order_by(AuditEvent.id)
            ).all()
            for pid, new in rows:
                audited.setdefault(pid, []).append(new)
        collisions, lost = account(attempts, final, audited)
        lost += (args.edits - len(attempts)) + abs(landed - versions)
        print(f"editors done: landed={landed} conflicts={conflicts} errors={errors} "
              f"audit_rows={len(rows)} version_increments={versions} "
              f"collisions={collisions}")  # fmt: skip
        print(
            f"concurrency engine={args.engine} editors={args.editors} edits={args.edits} "
            f"landed={landed} conflicts={conflicts} lost={lost} seconds={seconds:.1f}"
        )
        if args.editors > 1 and (collisions == 0 or conflicts == 0):
            print("no editors collided: the run proves nothing (more edits, fewer photos)",
                  file=sys.stderr)  # fmt: skip
            return 1
        return 0 if lost == 0 else 1
    finally:
        if admin is not None:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
