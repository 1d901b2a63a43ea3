"""Helpers for the maintenance tests: a second private PostgreSQL schema, a populated archive."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from archive.cli import main
from archive.handle import Archive
from archive.services.edits import EditRequest, EditService
from tests.archive.conftest import PG_SERVER
from tests.archive.services.helpers import import_example


@pytest.fixture(autouse=True)
def _no_env_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """$CREDITDESK_DB would override every folder's own catalogue."""
    monkeypatch.delenv("CREDITDESK_DB", raising=False)
    monkeypatch.delenv("CREDITDESK_ARCHIVE", raising=False)


@pytest.fixture
def new_pg_url(pg_ok: bool) -> Iterator[object]:
    """A factory of further private schemas (restore targets, migrate destinations)."""
    if not pg_ok:
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER}")
    made: list[str] = []

    def make(create: bool = True) -> str:
        schema = f"cd_test_{uuid.uuid4().hex[:12]}"
        made.append(schema)
        if create:
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        return f"{PG_SERVER}?options=-csearch_path%3D{schema}"

    admin = create_engine(PG_SERVER)
    try:
        yield make
    finally:
        with admin.begin() as conn:
            for schema in made:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def populate(archive: Archive, tmp_path: Path) -> list[int]:
    """The three example photos, plus edits (audit rows with JSON old/new) and a keyword."""
    ids = import_example(archive, tmp_path / "src")
    edits = EditService(archive.sessions)
    edits.edit(ids[:2], EditRequest(add_keywords=("Łódź",), headline="Héadline ✓"))
    edits.edit([ids[2]], EditRequest(caption="Guests arrive at the Royal Festival Hall"))
    return ids


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict | str, str]:
    """Run the CLI in-process; JSON output parsed when the command printed JSON."""
    code = main(list(args))
    out, err = capsys.readouterr()
    try:
        return code, json.loads(out), err
    except ValueError:
        return code, out, err


def arc_args(archive: Archive) -> list[str]:
    args = ["--archive", str(archive.folder)]
    if archive.engine.dialect.name != "sqlite":
        args += ["--db", archive.db_url]
    return args
