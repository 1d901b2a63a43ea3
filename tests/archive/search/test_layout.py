"""Layout 2: prefix expansion over the vocabulary, and facets from the narrow table.

Both are shortcuts that must never change an answer: the query table is run with
expansion off, and facets are compared between every way of computing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from archive.db.models import Event, Person, Photo
from archive.handle import Archive
from archive.search import SearchService, reindex, schema, vocab
from archive.search import service as search_service
from archive.search.fts import FOr, Match, Tok, has_prefix, to_fts5
from tests.archive.search import test_queries as table

FACET_QUERIES = ["kate", "", "event:bafta", "kate OR id:{lodz}", "-id:1..", "taken:2023"]


def _lookup(words: dict[str, list[str]]) -> vocab.Lookup:
    def lookup(columns: tuple[str, ...], prefix: str) -> list[str]:
        return [w for w in words.get(columns[0], []) if w.startswith(prefix)]

    return lookup


def test_expand_rewrites_prefixes_into_exact_phrases() -> None:
    lookup = _lookup({"people": ["kate", "katie", "winslet"]})
    one = Match(("people",), (Tok("wins", prefix=True),))
    assert vocab.expand(one, lookup) == Match(("people",), (Tok("winslet"),))
    phrase = Match(("people",), (Tok("kat", prefix=True), Tok("winslet")))
    assert vocab.expand(phrase, lookup) == FOr(
        (
            Match(("people",), (Tok("kate"), Tok("winslet"))),
            Match(("people",), (Tok("katie"), Tok("winslet"))),
        )
    )
    unknown = Match(("people",), (Tok("zz", prefix=True),))
    assert vocab.expand(unknown, lookup) == unknown  # the prefix query finds nothing, cheaply
    assert to_fts5(vocab.expand(phrase, lookup)).count('"kate" + "winslet"') == 1


def test_expand_keeps_the_prefix_when_it_stands_for_many_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vocab, "MAX_EXPANSION", 1)
    lookup = _lookup({"people": ["kate", "katie"]})
    m = Match(("people",), (Tok("kat", prefix=True),))
    assert has_prefix(vocab.expand(m, lookup))


def test_vocabulary_follows_the_index(built: tuple[Archive, dict[str, int]]) -> None:
    archive, photo = built
    if archive.engine.dialect.name != "sqlite":
        pytest.skip("the vocabulary is SQLite's (PostgreSQL's GIN answers prefixes itself)")

    def words(prefix: str) -> list[str]:
        with archive.engine.connect() as conn:
            return vocab.lookup_in(conn)(("people",), prefix)

    assert words("kat") == ["kate"]
    with archive.sessions.begin() as s:
        s.scalars(select(Person).where(Person.name == "Kate Moss")).one().name = "Katarzyna Moss"
    assert words("kat") == ["katarzyna", "kate"]
    assert set(SearchService(archive).search("person:katarz").ids) == {photo["moss"]}
    assert reindex(archive) == 6  # a rebuild drops words no longer indexed
    assert words("k") == ["katarzyna", "kate"]


@pytest.mark.parametrize("cap", [0, 1, 100])
def test_query_table_with_and_without_expansion(
    built: tuple[Archive, dict[str, int]], monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    monkeypatch.setattr(vocab, "MAX_EXPANSION", cap)
    table.test_query_table(built)
    table.test_sort_orders(built)
    table.test_paging(built)


def _facets(archive: Archive, query: str) -> dict[str, list[tuple[object, str, int]]]:
    found = SearchService(archive).facets(query)
    return {k: [(f["id"], f["name"], f["count"]) for f in v] for k, v in found.as_dict().items()}


def test_facets_agree_across_plans(
    built: tuple[Archive, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few matches (a known id list), many (the index joined to the facet table), and a
    GROUP BY over the photo rows (as PostgreSQL does) give the same counts."""
    archive, photo = built
    queries = [q.format(**photo) for q in FACET_QUERIES]
    few = {q: _facets(archive, q) for q in queries}
    monkeypatch.setattr(search_service, "WALK_INDEX_ABOVE", 0)
    assert {q: _facets(archive, q) for q in queries} == few
    from archive.search import facets as search_facets

    def grouped(s: object, source: search_facets.Source) -> object:
        ids = source.ids
        if source.fts is not None:
            ids = select(schema.fts5_table.c.rowid).where(source.fts)
        return search_facets._grouped(s, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(search_facets, "_concatenated", grouped)
    monkeypatch.setattr(search_service, "WALK_INDEX_ABOVE", 10**6)
    assert {q: _facets(archive, q) for q in queries} == few
    assert few["kate"]["years"] == [(2023, "2023", 3)]
    assert few[""]["agencies"][0][1:] == ("Getty Images", 2)


def test_facets_follow_edits_and_deletes(built: tuple[Archive, dict[str, int]]) -> None:
    archive, photo = built
    with archive.sessions.begin() as s:
        moss = s.get(Photo, photo["moss"])
        assert moss is not None
        moss.event = s.scalars(
            select(Event).where(Event.name == "2022 BAFTA Television Awards")
        ).one()
    events = {name: n for _, name, n in _facets(archive, "kate")["events"]}
    assert events == {
        "2023 BAFTA Television Awards with P&O Cruises": 2,
        "2022 BAFTA Television Awards": 1,
    }
    with archive.sessions.begin() as s:  # Core: the trigger (SQLite) / cascade cleans up
        s.execute(delete(Photo).where(Photo.id == photo["moss"]))
    assert _facets(archive, "kate")["years"] == [(2023, "2023", 2)]
    assert _facets(archive, "")["years"] == [
        (2023, "2023", 2),
        (2022, "2022", 1),
        (2019, "2019", 1),
    ]


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_migration_records_the_layout(tmp_path: Path, engine_name: str) -> None:
    from sqlalchemy import text

    from archive.db.engine import make_engine
    from archive.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = make_engine(url)
    upgrade(engine, "0005_exports")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO photo (id, sha256, format, file_size, stored_path, managed, "
                "imported_at, updated_at, version, caption, taken_at) VALUES (7, 'ab', 'jpeg', "
                "1, 'x', 1, '2024-01-01', '2024-01-01', 1, 'Łódź at night', '2021-05-01')"
            )
        )
        schema.drop(conn)  # as 0002..0005 left it, give or take: no layout-2 tables
        schema.ensure(conn)
        conn.execute(text("DROP TABLE photo_fts_layout"))
    upgrade(engine, "head")
    with engine.connect() as conn:
        assert schema.layout(conn) == schema.LAYOUT
    engine.dispose()
    archive = Archive.open(tmp_path / "arc", url)
    try:
        assert SearchService(archive).search("lod*").ids == (7,)
        assert [y.id for y in SearchService(archive).facets("lodz").years] == [2021]
    finally:
        archive.close()
