"""The index follows the catalogue inside the same transactions: import, edit, rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from archive.db.models import Agency, Event, Person, PersonAlias, Photo, PhotoPerson
from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.search import SearchService, reindex
from archive.search.sync import mark_dirty
from tests.factories import Agency as Embedded
from tests.factories import winslet_getty, winslet_wireimage, write_photo


def ids(archive: Archive, query: str) -> set[int]:
    return set(SearchService(archive).search(query, limit=1000).ids)


def test_imported_photos_are_findable(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_photo(folder / "getty.jpg", winslet_getty(), seed=31)
    write_photo(folder / "wire.jpg", winslet_wireimage(), seed=32)
    write_photo(
        folder / "moss.jpg",
        Embedded(
            caption="Kate Moss at the Met Gala",
            people=["Kate Moss"],
            credit="Evan Agostini/Invision/AP",
            taken="2023:05:01 20:00:00",
        ),
        seed=33,
    )
    write_photo(
        folder / "lodz.jpg",
        Embedded(caption="Camerimage", city="Łódź", people=["Łukasz Żal"]),
        seed=34,
    )
    list(ImportSession(archive, [folder], ImportOptions(jobs=1)).run())
    svc = SearchService(archive)
    assert svc.search("").total == 4
    both = ids(archive, 'person:"kate winslet" event:bafta taken:2023-05-14')
    assert len(both) == 2
    assert ids(archive, "agency:getty") == both  # WireImage is a Getty brand
    # The IIM credit was cut at 32 bytes ("…/Getty Im"); the full credit is indexed.
    assert len(ids(archive, 'credit:"wireimage/getty images"')) == 1
    assert len(ids(archive, "person:kate")) == 3
    assert len(ids(archive, "lodz")) == 1 and ids(archive, "city:lodz") == ids(archive, "zal")
    assert len(ids(archive, "-kate")) == 1
    # Importing the same files again changes nothing in the index.
    list(ImportSession(archive, [folder], ImportOptions(jobs=1)).run())
    assert svc.search("").total == 4 and len(ids(archive, "person:kate")) == 3


def test_caption_edit_is_indexed_on_commit(built: tuple[Archive, dict[str, int]]) -> None:
    archive, photo = built
    with archive.sessions() as s:
        p = s.get(Photo, photo["moss"])
        assert p is not None
        p.caption = "Kate Moss in Kraków"
        s.flush()
        s.rollback()  # a rolled-back edit leaves the index as it was
    assert ids(archive, "krakow") == set()
    with archive.sessions.begin() as s:
        p = s.get(Photo, photo["moss"])
        assert p is not None
        p.caption = "Kate Moss in Kraków"
    assert ids(archive, "krakow") == {photo["moss"]}
    assert photo["moss"] not in ids(archive, "carpet")  # the old caption's words are gone
    assert ids(archive, "event:met") == {photo["moss"]}  # the rest of the document stayed


def test_renames_reach_every_photo(built: tuple[Archive, dict[str, int]]) -> None:
    archive, photo = built
    with archive.sessions.begin() as s:
        kate = s.scalars(select(Person).where(Person.name == "Kate Winslet")).one()
        kate.name = "Kate E. Winslet"
        kate.aliases.append(PersonAlias(alias="Katie", folded="katie"))
        s.scalars(select(Event).where(Event.name.like("2023 BAFTA%"))).one().name = "TV BAFTAs 2023"
        s.scalars(select(Agency).where(Agency.name == "Getty Images")).one().name = "Getty"
    assert ids(archive, 'person:"kate e winslet"') == {photo["getty"], photo["wire"]}
    assert ids(archive, "person:katie") == {photo["getty"], photo["wire"]}
    assert ids(archive, "event:tv") == {photo["getty"], photo["wire"]}
    assert ids(archive, 'event:"p&o"') == set()
    # The parent was renamed: the WireImage photo follows too.
    assert ids(archive, "agency:getty") == {photo["getty"], photo["wire"], photo["bafta22"]}
    assert ids(archive, 'agency:"getty images"') == set()


def test_links_and_deletes(built: tuple[Archive, dict[str, int]]) -> None:
    archive, photo = built
    with archive.sessions.begin() as s:
        p = s.get(Photo, photo["getty"])
        assert p is not None
        p.person_links = [link for link in p.person_links if link.person.name != "Mia Threapleton"]
        s.delete(s.get(Photo, photo["lodz"]))
    assert ids(archive, "person:mia") == set()
    assert ids(archive, "lodz") == set()
    assert SearchService(archive).search("").total == 5
    with archive.sessions.begin() as s:  # a Core delete: the trigger / cascade cleans up
        s.execute(delete(PhotoPerson).where(PhotoPerson.photo_id == photo["undated"]))
        s.execute(delete(Photo).where(Photo.id == photo["undated"]))
    assert SearchService(archive).search("").total == 4
    assert SearchService(archive).search("no:caption").total == 0


def test_bulk_updates_marked_dirty_and_reindex(built: tuple[Archive, dict[str, int]]) -> None:
    from sqlalchemy import update

    archive, photo = built
    with archive.sessions.begin() as s:
        s.execute(update(Photo).where(Photo.id == photo["lodz"]).values(caption="Gdańsk"))
        mark_dirty(s, [photo["lodz"]])
    assert ids(archive, "gdansk") == {photo["lodz"]}
    with archive.engine.begin() as conn:  # behind the session's back
        conn.execute(update(Photo).where(Photo.id == photo["bafta22"]).values(caption="Sopot"))
    assert ids(archive, "sopot") == set()
    assert reindex(archive) == 6
    assert ids(archive, "sopot") == {photo["bafta22"]}
    assert ids(archive, 'person:"kate winslet"') == {photo["getty"], photo["wire"]}


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_migration_backfills_existing_photos(tmp_path: Path, engine_name: str) -> None:
    from sqlalchemy import text

    from archive.db.engine import make_engine
    from archive.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = make_engine(url)
    upgrade(engine, "0001_core")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO photo (id, sha256, format, file_size, stored_path, managed, "
                "imported_at, updated_at, version, caption) VALUES (7, 'ab', 'jpeg', 1, 'x', 1, "
                "'2024-01-01', '2024-01-01', 1, 'Łódź at night')"
            )
        )
    engine.dispose()
    archive = Archive.open(tmp_path / "arc", url)
    try:
        assert SearchService(archive).search("lodz").ids == (7,)
    finally:
        archive.close()


def test_every_session_factory_gets_the_index_hooks(archive: Archive) -> None:
    """SQLAlchemy's event registry is keyed by id(): a new session factory that reuses the
    id of a collected one must still be hooked (the GUI reopens archives in one process)."""
    import gc

    from sqlalchemy import func
    from sqlalchemy.orm import sessionmaker

    from archive.search.schema import id_column
    from archive.search.sync import install

    for i in range(60):
        factory = sessionmaker(archive.engine, expire_on_commit=False)
        install(factory)
        with factory.begin() as s:
            s.add(
                Photo(
                    sha256=f"{i:064d}",
                    format="JPEG",
                    file_size=1,
                    caption=f"n{i}",
                    stored_path="x.jpg",
                )
            )
        with archive.engine.connect() as conn:
            indexed = conn.scalar(
                select(func.count()).select_from(id_column(conn.dialect.name).table)
            )
        assert indexed == i + 1, f"factory {i} was not hooked"
        del factory
        gc.collect()
