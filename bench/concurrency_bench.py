"""Concurrency benchmark: N editor processes edit the same photos at once; none is lost.

Each editor reads a photo's version, then saves a caption with that expected version
(like tests/archive/services/test_concurrent_edits.py). Every edit either lands or is
refused as a conflict; afterwards the audit trail and the version counters must account
for exactly the edits that landed. Last line:
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
    rng = random.Random(name)
    landed = conflicts = errors = 0
    with Archive.open(folder, url) as arc:
        service = EditService(arc.sessions)
        barrier.wait(timeout=120)
        for i in range(edits):
            pid = rng.choice(ids)
            with arc.sessions() as s:
                seen = s.scalar(select(Photo.version).where(Photo.id == pid))
            try:
                service.edit([pid], EditRequest(caption=f"{name} edit {i}",
                                                expected_versions={pid: seen}))  # fmt: skip
                landed += 1
            except ConflictError:
                conflicts += 1
            except Exception as exc:  # neither landed nor reported as a conflict: lost
                errors += 1
                print(f"{name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    out.put((landed, conflicts, errors))


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
                audits_before = s.scalar(select(func.count()).where(AuditEvent.field == "caption"))
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
        results = [out.get(timeout=3600) for _ in procs]
        seconds = time.monotonic() - start
        for p in procs:
            p.join(timeout=60)
        landed = sum(r[0] for r in results)
        conflicts = sum(r[1] for r in results)
        errors = sum(r[2] for r in results)
        with Archive.open(tmp / "arc", url) as arc, arc.sessions() as s:
            versions = (s.scalar(select(func.sum(Photo.version))) or 0) - versions_before
            audits = (s.scalar(select(func.count()).where(AuditEvent.field == "caption")) or 0) - (
                audits_before or 0
            )
        lost = (args.edits - landed - conflicts) + abs(landed - audits) + abs(landed - versions)
        print(f"editors done: landed={landed} conflicts={conflicts} errors={errors} "
              f"audit_rows={audits} version_increments={versions}")  # fmt: skip
        print(
            f"concurrency engine={args.engine} editors={args.editors} edits={args.edits} "
            f"landed={landed} conflicts={conflicts} lost={lost} seconds={seconds:.1f}"
        )
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
