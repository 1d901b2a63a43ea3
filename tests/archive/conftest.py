"""Archives on both engines: a real SQLite file, and a fresh schema on the local PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archive.handle import Archive
from tests.corpus import CORPUS

PG_SERVER = os.environ.get(
    "CREDITDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pg_available() -> bool:
    try:
        engine = create_engine(PG_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_ok() -> bool:
    return pg_available()


@pytest.fixture
def pg_url(pg_ok: bool) -> Iterator[str]:
    """A private schema per test, dropped afterwards, so tests never see each other's rows."""
    if not pg_ok:
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER} (CI starts it; see .ci/run)")
    schema = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_SERVER)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(engine_name: str, request: pytest.FixtureRequest) -> str | None:
    """None means the archive's own catalog.sqlite; otherwise a PostgreSQL URL."""
    if engine_name == "sqlite":
        return None
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def archive(tmp_path: Path, db_url: str | None) -> Iterator[Archive]:
    arc = Archive.open(tmp_path / "archive", db_url)
    try:
        yield arc
    finally:
        arc.close()


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "expected.json").exists():
        pytest.skip(f"the shared image corpus is not at {CORPUS}: corpus tests skipped")
    return CORPUS
