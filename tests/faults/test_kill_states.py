"""A Hypothesis state machine over import → kill -9 → reopen → verify, on both engines.

Hypothesis chooses the order: new pictures arrive (sharing new people and keywords), an
import is killed after a chosen delay, the archive is reopened and verified, an import runs
to the end. After every step the catalogue must be consistent (nothing missing, changed or
failing a database check; no name twice in a vocabulary); after a completed import `verify`
must be clean and every picture catalogued exactly once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import create_engine, func, select, text

from archive.db.models import Keyword, Person, Photo
from archive.handle import Archive
from archive.maintenance.verify import verify
from tests.archive.conftest import PG_SERVER, pg_available
from tests.factories import Agency, write_photo
from tests.faults.conftest import arc_args, creditdesk, kill_after, start
from tests.faults.test_kill import _assert_consistent


class ImportKillMachine(RuleBasedStateMachine):
    engine = "sqlite"

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="cd-states-"))
        self.src = self.tmp / "src"
        self.folder = self.tmp / "arc"
        self.url: str | None = None
        self.schema: str | None = None
        self.files = 0
        if self.engine == "postgresql":
            self.schema = f"cd_states_{uuid.uuid4().hex[:10]}"
            admin = create_engine(PG_SERVER)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            admin.dispose()
            self.url = f"{PG_SERVER}?options=-csearch_path%3D{self.schema}"

    @initialize()
    def create(self) -> None:
        Archive.open(self.folder, self.url).close()
        self.add_pictures(3)

    @rule(n=st.integers(1, 6))
    def add_pictures(self, n: int) -> None:
        for _ in range(n):
            i = self.files
            meta = Agency(
                caption=f"Björn Halvorsen at the awards, picture {i}.",
                people=["Björn Halvorsen", f"Guest {i % 4}"],
                keywords=["Björn Halvorsen", f"night {i % 3}", "Łódź"],
            )
            write_photo(self.src / f"p{i:03d}.jpg", meta, seed=7_000 + i)
            self.files += 1

    @rule(delay=st.floats(0.3, 2.5))
    def import_then_kill(self, delay: float) -> None:
        proc = start(creditdesk(*arc_args(self.folder, self.url), "import", str(self.src)))
        kill_after(proc, delay)  # it may also have finished: both states must be consistent

    @rule()
    def import_to_the_end(self) -> None:
        done = subprocess.run(
            creditdesk(*arc_args(self.folder, self.url), "import", str(self.src), "--json"),
            capture_output=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        with Archive.open(self.folder, self.url) as arc:
            report = verify(arc)
            assert report.ok, report.problems
            assert report.photos == self.files

    @rule()
    def reopen_and_verify(self) -> None:
        _assert_consistent(self.folder, self.url)

    @invariant()
    def consistent(self) -> None:
        _assert_consistent(self.folder, self.url)
        with Archive.open(self.folder, self.url) as arc, arc.sessions() as s:
            for column in (Keyword.name, Person.folded):
                dupes = s.execute(select(column).group_by(column).having(func.count() > 1)).all()
                assert dupes == [], dupes
            assert (s.scalar(select(func.count()).select_from(Photo)) or 0) <= self.files

    def teardown(self) -> None:
        try:
            if (self.folder / "catalog.sqlite").exists() or self.url:
                self.import_to_the_end()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            if self.schema is not None:
                admin = create_engine(PG_SERVER)
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
                admin.dispose()


SETTINGS = settings(
    # More for a longer hunt: CREDITDESK_STATE_EXAMPLES=50.
    max_examples=int(os.environ.get("CREDITDESK_STATE_EXAMPLES", "4")),
    stateful_step_count=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class SqliteStates(ImportKillMachine):
    engine = "sqlite"


class PostgresStates(ImportKillMachine):
    engine = "postgresql"


TestSqliteStates = SqliteStates.TestCase
TestSqliteStates.settings = SETTINGS


@pytest.mark.skipif(not pg_available(), reason=f"PostgreSQL not reachable at {PG_SERVER}")
class TestPostgresStates(PostgresStates.TestCase):  # type: ignore[name-defined,misc]
    settings = SETTINGS
