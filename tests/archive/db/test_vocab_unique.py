"""Migration 0018: people duplicated by concurrent imports are merged, then kept unique.

Both engines: a catalogue at 0017 holding two "Björn Halvorsen" rows (as two racing imports
left them) is opened; the duplicate's photos, aliases and name end on the oldest row, a
photo tagged with both keeps one link, the merge is in the audit trail, and the unique index
then refuses a third row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from archive.db.migrate import current_revision, head_revision, upgrade
from archive.handle import Archive
from archive.services.people import PeopleService

PHOTO = (
    "INSERT INTO photo (id, sha256, format, file_size, stored_path, managed, imported_at,"
    " updated_at, version) VALUES (:id, :sha, 'JPEG', 10, 'x.jpg', :t, CURRENT_TIMESTAMP,"
    " CURRENT_TIMESTAMP, 1)"
)


def _catalogue_with_duplicates(url: str) -> None:
    engine = create_engine(url)
    upgrade(engine, "0017_wire_desk")
    with engine.begin() as conn:
        for pid in (1, 2, 3):
            conn.execute(text(PHOTO), {"id": pid, "sha": f"{pid:064d}", "t": True})
        conn.execute(
            text(
                "INSERT INTO person (id, name, folded) VALUES (1, 'Björn Halvorsen', "
                "'bjorn halvorsen'), (2, 'Bjorn Halvorsen', 'bjorn halvorsen'), "
                "(3, 'Zoë Ångström', 'zoe angstrom')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO person_alias (person_id, alias, folded) VALUES "
                "(2, 'B. Halvorsen', 'b. halvorsen')"
            )
        )
        # Photo 1 names both rows, photo 2 only the duplicate, photo 3 the other person.
        conn.execute(
            text(
                "INSERT INTO photo_person (photo_id, person_id, position) VALUES "
                "(1, 1, 0), (1, 2, 1), (2, 2, 0), (3, 3, 0)"
            )
        )
    engine.dispose()


@pytest.fixture
def catalogue(tmp_path: Path, db_url: str | None) -> tuple[Path, str | None]:
    folder = tmp_path / "arc"
    folder.mkdir()
    _catalogue_with_duplicates(db_url or f"sqlite:///{folder / 'catalog.sqlite'}")
    return folder, db_url


def test_duplicates_are_merged_into_the_oldest_row(catalogue: tuple[Path, str | None]) -> None:
    folder, url = catalogue
    with Archive.open(folder, url) as archive:
        assert current_revision(archive.engine) == head_revision()
        people = {p.name: p for p in PeopleService(archive.sessions).listing()}
        assert set(people) == {"Björn Halvorsen", "Zoë Ångström"}
        bjorn = people["Björn Halvorsen"]
        assert bjorn.id == 1 and bjorn.photos == 2 and bjorn.aliases == ("B. Halvorsen",)
        with archive.engine.connect() as conn:
            links = conn.execute(
                text("SELECT photo_id, person_id FROM photo_person ORDER BY photo_id")
            ).all()
            assert [tuple(r) for r in links] == [(1, 1), (2, 1), (3, 3)]
            audit = conn.execute(
                text("SELECT entity_id, action FROM audit_event WHERE entity = 'person'")
            ).all()
            assert [tuple(r) for r in audit] == [(1, "merge")]
            # The index is unique now: a second row of a name cannot come back.
            with pytest.raises(IntegrityError):
                conn.execute(
                    text("INSERT INTO person (name, folded) VALUES ('BJÖRN', 'bjorn halvorsen')")
                )
