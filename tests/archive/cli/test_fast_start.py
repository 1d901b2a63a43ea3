"""Fast start (issue 16): `list`, `show` and `search` load only what they use.

Each command runs in a fresh interpreter against a real archive (one real import of generated
agency JPEGs) and reports which modules it loaded; the heavy ones it never needs must be absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli import main
from tests.factories import winslet_getty, winslet_wireimage, write_photo

ROOT = Path(__file__).resolve().parents[3]

# Pixels, metadata writers, Qt, the import and export pipelines: none is needed to read the
# catalogue and print it.
NEVER = ("exiv2", "PIL", "PySide6", "pillow_heif", "exifread", "fpdf", "watchdog")
NEVER_ARCHIVE = ("archive.importer", "archive.export", "archive.ingest", "archive.metadata")

PROBE = """
import json, sys
from archive.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\nMODULES=" + json.dumps(sorted(sys.modules)))
sys.exit(code)
"""


def loaded_by(*args: str) -> tuple[str, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out, _, mods = proc.stdout.rpartition("\nMODULES=")
    return out, set(json.loads(mods))


def heavy(modules: set[str]) -> set[str]:
    return {
        m
        for m in modules
        if m.partition(".")[0] in NEVER
        or m.startswith(tuple(p + "." for p in NEVER_ARCHIVE))
        or m in NEVER_ARCHIVE
    }


def commands_parsed(modules: set[str]) -> set[str]:
    """The command modules loaded: each registers its commands' parsers."""
    return {m for m in modules if m.startswith("archive.cli.") and m.endswith("_cmd")}


@pytest.fixture(scope="module")
def archive_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp = tmp_path_factory.mktemp("fast")
    src = tmp / "in"
    write_photo(src / "getty.jpg", winslet_getty(), seed=31)
    write_photo(src / "wire.jpg", winslet_wireimage(), seed=32)
    arc = ["--archive", str(tmp / "arc")]
    assert main([*arc, "import", str(src), "--jobs", "1"]) == 0
    return arc


def test_list_loads_no_heavy_module(archive_args: list[str]) -> None:
    out, modules = loaded_by(*archive_args, "list", "--json")
    assert json.loads(out)["total"] == 2  # it did its work…
    assert heavy(modules) == set()  # …without exiv2, Pillow, Qt or the importer
    # Nor the search index and compliance stacks the write hooks use (archive/db/hooks.py).
    assert not {m for m in modules if m.startswith(("archive.search", "archive.compliance"))}
    assert commands_parsed(modules) == {"archive.cli.show_cmd"}  # only its own parser
    assert not {m for m in modules if m.startswith("sqlalchemy.dialects.postgresql")}
    assert not orm(modules)  # Core reads (services/photo_reads.py): no ORM, no models
    # The archive's own SQLite catalogue is read with the standard library alone: importing
    # SQLAlchemy was most of this command's start (archive/db/sqlite_direct.py).
    assert not sqlalchemy(modules)


def sqlalchemy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.partition(".")[0] == "sqlalchemy"}


def test_list_through_sqlalchemy_where_the_direct_path_cannot_go(
    archive_args: list[str],
) -> None:
    db = f"sqlite:///{archive_args[1]}/catalog.sqlite"
    out, modules = loaded_by(*archive_args, "--db", db, "list", "--json")
    assert json.loads(out)["total"] == 2
    assert sqlalchemy(modules) and not orm(modules)  # Core on the engine, still no ORM


def orm(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith(("sqlalchemy.orm", "archive.db.models"))}


def test_show_loads_no_heavy_module(archive_args: list[str]) -> None:
    out, modules = loaded_by(*archive_args, "show", "1", "--json")
    assert json.loads(out)["id"] == 1
    assert heavy(modules) == set()
    assert not sqlalchemy(modules)


def test_search_loads_no_heavy_module(archive_args: list[str]) -> None:
    out, modules = loaded_by(*archive_args, "search", "winslet", "--json")
    assert json.loads(out)["total"] == 2
    assert heavy(modules) == set()
    # Nor what only rebuilding the index (documents: compliance's country names) or a
    # PostgreSQL catalogue (its dialect's types, pg_plans) needs.
    assert not {
        m
        for m in modules
        if m.startswith(("archive.compliance", "sqlalchemy.dialects.postgresql"))
        or m in {"archive.search.index", "archive.search.document", "archive.search.pg_plans"}
    }
    assert commands_parsed(modules) == {"archive.cli.search_cmd"}
    assert not orm(modules)  # searching is Core throughout (read_tables.py)


def test_import_loads_the_readers_in_its_workers(archive_args: list[str]) -> None:
    out, modules = loaded_by(
        *archive_args, "import", str(ROOT / "resources" / "sample"), "--jobs", "1", "--json"
    )
    assert json.loads(out)["imported"] > 0  # the workers read them, with exiv2 and Pillow…
    assert not {"exiv2", "PIL", "pillow_heif"} & modules  # …which the parent never loaded
    # Nor, on a SQLite archive, PostgreSQL's dialect (db/upsert.py imports the one it uses).
    assert not {m for m in modules if m.startswith("sqlalchemy.dialects.postgresql")}


def test_the_probe_sees_a_heavy_module(archive_args: list[str]) -> None:
    # The probe can fail: a command that reads pixels in this process does load Pillow.
    proc = subprocess.run(
        [sys.executable, "-c", "import archive.metadata.reader\n" + PROBE, *archive_args, "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert heavy(set(json.loads(proc.stdout.rpartition("\nMODULES=")[2])))
