"""Several desks import overlapping folders into one catalogue at the same moment (issue 13.1).

Each round makes fresh pictures that share *new* vocabulary — keywords, people, an event, a
photographer and an agency, with non-ASCII names like "Björn Halvorsen" — and starts 2–4
`creditdesk import` processes released together by a start barrier, over folders that
overlap. Every process must exit 0; the counters the processes print must add up to the rows;
no name may exist twice in any vocabulary; `verify` must be clean. The race is a matter of
timing, so it is repeated: CREDITDESK_RACE_ROUNDS rounds (default 20) on each engine.
PITFALLS.md ("Vocabulary rows under concurrency") says why.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from archive.db.models import Agency, Event, Keyword, Person, Photo, Photographer, PhotoPerson
from archive.handle import Archive
from archive.maintenance.verify import verify
from archive.text import fold
from tests.factories import Agency as Embedded
from tests.factories import write_photo
from tests.faults.conftest import ROOT, arc_args

ROUNDS = int(os.environ.get("CREDITDESK_RACE_ROUNDS", "20"))
FILES_PER_FOLDER = 4

# Imports its stack first, then waits for the barrier file, so every process reaches the
# catalogue at the same instant instead of a Python start-up apart.
RUNNER = textwrap.dedent(
    """
    import os, sys, time
    barrier = sys.argv[1]
    import main
    import archive.importer.session, archive.importer.persist  # noqa: F401  (warm imports)
    print("ready", flush=True)
    while not os.path.exists(barrier):
        time.sleep(0.002)
    sys.exit(main.main(sys.argv[2:]))
    """
)


def _metadata(r: int, i: int) -> Embedded:
    """Round *r*'s shared new names; each picture also names a person of its own."""
    return Embedded(
        caption=f"Björn Halvorsen and guests at the Nordic Awards night {r}, picture {i}.",
        byline=f"Åsa Lindqvist {r}",
        # Known agencies, so agency rows (and WireImage's parent) are created in the race too.
        credit=f"Åsa Lindqvist {r}/WireImage/Getty Images"
        if r % 2
        else f"Åsa Lindqvist {r}/Getty Images",
        people=[f"Björn Halvorsen {r}", f"Zoë Ångström {r}", f"Guest {r}-{i % 3}"],
        event=f"Nordic Awards {r} – Göteborg",
        keywords=[f"Björn Halvorsen {r}", f"red carpet {r}", f"Łódź {r}", "Björn Halvorsen"],
    )


def _round_folders(base: Path, r: int, n_folders: int) -> list[Path]:
    folders = []
    for f in range(n_folders):
        folder = base / f"r{r:02d}" / f"f{f}"
        for k in range(FILES_PER_FOLDER):
            i = f * FILES_PER_FOLDER + k
            write_photo(folder / f"p{k}.jpg", _metadata(r, i), seed=10_000 * (r + 1) + i)
        folders.append(folder)
    return folders


def _duplicates(session, column) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return list(
        session.execute(
            select(column, func.count()).group_by(column).having(func.count() > 1)
        ).all()
    )


def _check_vocabulary(arc: Archive) -> None:
    with arc.sessions() as s:
        for column in (
            Keyword.name,
            Person.folded,
            Event.folded,
            Photographer.folded,
            Agency.name,
        ):
            assert _duplicates(s, column) == [], f"duplicate {column}"
        # The folded key really is the fold of the name (what the importer matches on).
        for name, folded in s.execute(select(Person.name, Person.folded)):
            assert fold(name) == folded


def _race(folder: Path, db_url: str | None, plans: list[list[str]], barrier: Path) -> list[Any]:
    """Start one import per plan, release them together; every one must exit 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = arc_args(folder, db_url)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                RUNNER,
                str(barrier),
                *args,
                "import",
                *paths,
                "--jobs",
                "1",
                "--json",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for paths in plans
    ]
    for p in procs:  # every runner has imported its stack and is polling the barrier
        assert p.stdout is not None and p.stdout.readline() == b"ready\n"
    barrier.touch()
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, f"exit {p.returncode}\n{err.decode()[-3000:]}"
    return [json.loads(out) for out, _ in outs]


def test_concurrent_imports_share_new_vocabulary(tmp_path: Path, db_url: str | None) -> None:
    folder = tmp_path / "arc"
    Archive.open(folder, db_url).close()
    rng = random.Random(13)
    expected_photos = 0
    for r in range(ROUNDS):
        n_proc = rng.randint(2, 4)
        folders = _round_folders(tmp_path / "src", r, n_proc + 1)
        # Process k imports folders k and k+1: each folder is shared by two desks, and the
        # names are shared by all of them.
        plans = [[str(folders[k]), str(folders[k + 1])] for k in range(n_proc)]
        reports = _race(folder, db_url, plans, tmp_path / f"go-{r}")
        files = len(folders) * FILES_PER_FOLDER
        expected_photos += files
        for rep, paths in zip(reports, plans, strict=True):
            assert rep["failed"] == [], (r, rep["failed"])
            assert rep["imported"] + rep["duplicates"] == FILES_PER_FOLDER * len(paths)
        # Each picture was catalogued once, by exactly one desk; the others saw a duplicate.
        assert sum(rep["imported"] for rep in reports) == files, (r, reports)
        with Archive.open(folder, db_url) as arc:
            with arc.sessions() as s:
                assert s.scalar(select(func.count()).select_from(Photo)) == expected_photos
                ids = {pid for rep in reports for pid in rep["photo_ids"]}
                assert set(s.scalars(select(Photo.id).where(Photo.id.in_(ids)))) == ids
                # One person row per name, linked from every picture of the round.
                shared = s.scalars(
                    select(Person.id).where(Person.folded == fold(f"Björn Halvorsen {r}"))
                ).all()
                assert len(shared) == 1, r
                links = select(func.count()).where(PhotoPerson.person_id == shared[0])
                assert s.scalar(links) == files
            _check_vocabulary(arc)
            report = verify(arc)
            assert report.ok, (r, report.problems)
            assert report.photos == expected_photos
