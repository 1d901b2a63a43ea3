"""Kill -9 an import mid-way, run it again: everything lands once, nothing half-written stays."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.factories import Agency, write_photo

ROOT = Path(__file__).resolve().parents[3]


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("select count(*) from photo").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_killed_import_is_completed_by_running_it_again(tmp_path: Path) -> None:
    src = tmp_path / "event"
    n = 150
    for i in range(n):
        write_photo(
            src / f"img_{i:03d}.jpg",
            Agency(caption=f"Picture {i}", credit="Getty Images"),
            seed=1000 + i,
            size=(900, 600),
        )
    arc = tmp_path / "arc"
    cmd = [
        sys.executable,
        str(ROOT / "main.py"),
        "--archive",
        str(arc),
        "import",
        str(src),
        "--json",
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    db = arc / "catalog.sqlite"
    originals = arc / "originals"

    def copied() -> int:
        return sum(1 for _ in originals.rglob("*.jpg")) if originals.exists() else 0

    # Mid-way: a third of the originals copied, some batches committed, most not.
    while copied() < n // 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    # Kill the whole group (workers too), hard, at whatever point it reached.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # Right after the kill: every catalogued row points at a file that exists (the source
    # until its copy is durable), and the import had not finished.
    con = sqlite3.connect(db)
    rows = con.execute("select stored_path, managed from photo").fetchall()
    con.close()
    assert sum(managed for _, managed in rows) < n, "finished before the kill: use more files"
    for stored, managed in rows:
        assert (arc / stored if managed else Path(stored)).is_file()

    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["imported"] + report["duplicates"] == n
    assert report["failed"] == []
    assert _count(db) == n
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from photo where managed").fetchone()[0] == n
    con.close()

    con = sqlite3.connect(db)
    stored = {row[0] for row in con.execute("select stored_path from photo")}
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()
    on_disk = {str(p.relative_to(arc)) for p in (arc / "originals").rglob("*") if p.is_file()}
    assert on_disk == stored, (
        f"orphans/temp files: {sorted(on_disk - stored)}; missing: {sorted(stored - on_disk)}"
    )
