"""`creditdesk init` and `creditdesk migrate`: a personal archive moves to a team catalogue and
back with every table identical (counts and row hashes), ids kept, sequences fixed, the
search index rebuilt, files re-hashed; a password never reaches the shared folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from archive.db.migrate import head_revision
from archive.errors import CatalogueError
from archive.handle import Archive, default_db_url
from archive.maintenance.safety import write_team_file
from archive.maintenance.tables import digest_all
from tests.archive.maintenance.conftest import cli, populate
from tests.factories import Agency, write_photo


def _digests(archive: Archive) -> dict[str, object]:
    with archive.engine.connect() as conn:
        return {k: v.as_json() for k, v in digest_all(conn).items()}


def test_init_creates_a_team_archive_found_without_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_pg_url: Callable[..., str]
) -> None:
    url = new_pg_url(create=False)  # init creates the schema the URL names
    library = tmp_path / "shared"
    # The password (trust auth ignores it) is used to connect, never written down.
    secret = make_url(url).set(password="s3cret-pw").render_as_string(hide_password=False)
    code, data, _ = cli(capsys, "init", "--db", secret, "--library", str(library), "--json")
    assert code == 0, data
    assert isinstance(data, dict) and data["password_removed"] is True
    body = json.loads((library / "archive.json").read_text())
    assert set(body) == {"format", "catalogue", "schema_version", "created_at"}
    assert body["catalogue"] == url and body["schema_version"] == head_revision()
    assert "s3cret" not in (library / "archive.json").read_text()
    assert (library / "originals").is_dir() and (library / "thumbnails").is_dir()
    assert default_db_url(library) == url

    write_photo(tmp_path / "in" / "a.jpg", Agency(caption="Team photo", credit="Getty Images"))
    code, data, _ = cli(capsys, "--archive", str(library), "import", str(tmp_path / "in"), "--json")
    assert code == 0 and isinstance(data, dict) and data["imported"] == 1
    with Archive.open(library) as team:
        assert team.engine.dialect.name == "postgresql"
    code, data, _ = cli(capsys, "--archive", str(library), "list", "--json")
    assert isinstance(data, dict) and data["total"] == 1

    code, _, err = cli(capsys, "init", "--db", url, "--library", str(library))
    assert code == 2 and "already a team archive" in err
    code, _, err = cli(
        capsys, "init", "--db", "sqlite:///x.sqlite", "--library", str(tmp_path / "y")
    )
    assert code == 2 and "PostgreSQL" in err


def test_init_refuses_a_personal_archive_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_pg_url: Callable[..., str]
) -> None:
    Archive.open(tmp_path / "mine").close()
    code, _, err = cli(capsys, "init", "--db", new_pg_url(), "--library", str(tmp_path / "mine"))
    assert code == 2 and "creditdesk migrate --from" in err


def test_team_file_never_holds_a_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://desk:hunter2@db.example/photos"
    with pytest.raises(CatalogueError, match="PGPASSWORD"):
        write_team_file(tmp_path, url, "x", "now")
    with pytest.raises(CatalogueError, match="password"):
        write_team_file(tmp_path, "postgresql+psycopg://desk@db/p?password=hunter2", "x", "now")
    assert not (tmp_path / "archive.json").exists()


def test_migrate_sqlite_to_postgresql_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_pg_url: Callable[..., str]
) -> None:
    personal = Archive.open(tmp_path / "personal")
    ids = populate(personal, tmp_path)
    before = _digests(personal)
    personal.close()

    team_url, library = new_pg_url(), tmp_path / "team"
    code, data, _ = cli(capsys, "migrate", "--from", str(tmp_path / "personal"), "--to", team_url,
                        "--library", str(library), "--json")  # fmt: skip
    assert code == 0, data
    assert isinstance(data, dict) and data["ok"] and data["photos_checked"] == 3
    assert data["files_copied"] == 6 and data["indexed"] == 3
    assert all(t["ok"] for t in data["tables"].values())
    assert data["tables"]["photo"]["rows"] == 3 and data["tables"]["audit_event"]["rows"] >= 6
    with Archive.open(library) as team:  # archive.json leads to the team catalogue
        assert team.engine.dialect.name == "postgresql"
        assert _digests(team) == before  # identical rows, ids included
    code, data, _ = cli(capsys, "--archive", str(library), "search", "lodz", "--json")
    assert isinstance(data, dict) and sorted(data["ids"]) == sorted(ids[:2])
    # Sequences were moved past the copied ids: a new import gets a fresh id.
    write_photo(tmp_path / "more" / "n.jpg", Agency(caption="New"), seed=999)
    code, data, _ = cli(
        capsys, "--archive", str(library), "import", str(tmp_path / "more"), "--json"
    )
    assert code == 0 and isinstance(data, dict) and data["photo_ids"][0] > max(ids)
    code, data, _ = cli(capsys, "--archive", str(library), "verify", "--json")
    assert code == 0, data

    # A non-empty destination is refused without --force.
    code, _, err = cli(capsys, "migrate", "--from", str(tmp_path / "personal"), "--to", team_url,
                       "--library", str(library))  # fmt: skip
    assert code == 2 and "not empty" in err

    # And back: the team archive into a new personal folder.
    code, data, _ = cli(capsys, "migrate", "--from", str(library), "--to", str(tmp_path / "back"),
                        "--json")  # fmt: skip
    assert code == 0 and isinstance(data, dict) and data["ok"], data
    assert data["tables"]["photo"]["rows"] == 4
    with Archive.open(tmp_path / "back") as back:
        assert back.engine.dialect.name == "sqlite"
        digests = _digests(back)
    with Archive.open(library) as team:
        assert digests == _digests(team)
    code, data, _ = cli(capsys, "--archive", str(tmp_path / "back"), "verify", "--json")
    assert code == 0, data

    # --force replaces a non-empty destination (here: the original personal catalogue).
    code, data, _ = cli(capsys, "migrate", "--from", str(library), "--to",
                        str(tmp_path / "personal"), "--force", "--json")  # fmt: skip
    assert code == 0 and isinstance(data, dict) and data["tables"]["photo"]["rows"] == 4


def test_migrate_refuses_the_same_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Archive.open(tmp_path / "a").close()
    code, _, err = cli(
        capsys, "migrate", "--from", str(tmp_path / "a"), "--to", str(tmp_path / "a")
    )
    assert code == 2 and "same catalogue" in err
