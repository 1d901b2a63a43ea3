"""Every plan against brute force, on a generated catalogue, on both engines.

The catalogue is the search bench's own generator (bench/search_bench.py) at 600 photos:
realistic captions, popular and rare people, events, agencies with brands, dates. The
reference is computed in Python from each photo's indexed document (its words per
column, ``build_docs``) and its dates: no FTS, no SQL plan. Each query's ids, order,
total, every page and ``first_page()``/``count()`` must agree with it, whichever plan
the engine takes — the plans chosen for large catalogues are forced here on the small
one (SQLite: probing, walking the sort index; PostgreSQL: the steered index walk, the
hidden sort, the kept word counts or live counting).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from archive.db.models import Photo
from archive.handle import Archive
from archive.search import SearchService, reindex
from archive.search.document import Doc, build_docs
from archive.search.fts import FREE
from bench.search_bench import build

ROWS = 600

Row = tuple[int, Doc, datetime | None, datetime]  # id, document, taken, imported
Pred = Callable[[Row], bool]


def _words(doc: Doc, cols: tuple[str, ...]) -> list[list[str]]:
    return [doc[c].split() for c in cols]


def word(w: str, cols: tuple[str, ...] = FREE) -> Pred:
    return lambda r: any(w in ws for ws in _words(r[1], cols))


def prefix(w: str, cols: tuple[str, ...] = FREE) -> Pred:
    return lambda r: any(x.startswith(w) for ws in _words(r[1], cols) for x in ws)


def phrase(*ws: str, cols: tuple[str, ...] = FREE) -> Pred:
    n = len(ws)
    return lambda r: any(
        tuple(xs[i : i + n]) == ws for xs in _words(r[1], cols) for i in range(len(xs))
    )


def field(col: str, *ws: str) -> Pred:
    """``col:"w1 w2"``: consecutive words of that column, each starting with its word
    (README, "Fields match the start of the field's words")."""
    n = len(ws)
    return lambda r: any(
        all(xs[i + k].startswith(w) for k, w in enumerate(ws))
        for xs in [r[1][col].split()]
        for i in range(len(xs) - n + 1)
    )


def taken(lo: datetime | None, hi: datetime | None) -> Pred:
    return lambda r: r[2] is not None and (lo is None or r[2] >= lo) and (hi is None or r[2] < hi)


def recent(days: int) -> Pred:
    """``imported:-Nd..``: imported (UTC) on that day or later."""
    since = datetime.combine(datetime.now(UTC).date() - timedelta(days=days), time())
    return lambda r: r[3] >= since


def both(*ps: Pred) -> Pred:
    return lambda r: all(p(r) for p in ps)


def either(*ps: Pred) -> Pred:
    return lambda r: any(p(r) for p in ps)


def no(p: Pred) -> Pred:
    return lambda r: not p(r)


Y = datetime
CASES: list[tuple[str, Pred]] = [
    ("", lambda r: True),
    ("london", word("london")),
    ("getty", word("getty")),
    ("kierkegaard", word("kierkegaard")),
    ('"red carpet"', phrase("red", "carpet")),
    ('"royal albert hall"', phrase("royal", "albert", "hall")),
    ("k*", prefix("k")),
    ("kie*", prefix("kie")),
    ("person:kate", field("people", "kate")),
    ('person:"kate winslet"', field("people", "kate", "winslet")),
    ("event:bafta", field("event", "bafta")),
    ("agency:getty", field("agency", "getty")),  # brands carry their parent's name
    ("city:lodz", field("city", "lodz")),
    ("taken:2023", taken(Y(2023, 1, 1), Y(2024, 1, 1))),
    ("taken:2023-05", taken(Y(2023, 5, 1), Y(2023, 6, 1))),
    ("taken:2019..2020", taken(Y(2019, 1, 1), Y(2021, 1, 1))),
    ("taken:..2015", taken(None, Y(2016, 1, 1))),
    ("taken:2024-06..", taken(Y(2024, 6, 1), None)),
    ("kate taken:2022", both(word("kate"), taken(Y(2022, 1, 1), Y(2023, 1, 1)))),
    ("kate -winslet", both(word("kate"), no(word("winslet")))),
    (
        '(london OR paris) -"red carpet"',
        both(either(word("london"), word("paris")), no(phrase("red", "carpet"))),
    ),
    ("person:moss OR person:colman", either(field("people", "moss"), field("people", "colman"))),
    (
        "NOT event:bafta taken:2020",
        both(no(field("event", "bafta")), taken(Y(2020, 1, 1), Y(2021, 1, 1))),
    ),
    ("-london -paris", both(no(word("london")), no(word("paris")))),
    # PostgreSQL: two-word names are one lexeme (pg_pairs.py); a first word standing
    # for several names, a second that is a prefix, three words, a negation.
    ('person:"kate winslet"', field("people", "kate", "winslet")),
    ('person:"ka wins"', field("people", "ka", "wins")),
    ('person:"kate w"', field("people", "kate", "w")),
    ('person:"winslet mia"', field("people", "winslet", "mia")),
    ('person:"kate winslet f"', field("people", "kate", "winslet", "f")),
    (
        '-person:"kate winslet" event:bafta',
        both(no(field("people", "kate", "winslet")), field("event", "bafta")),
    ),
    ('photographer:"ben moss"', field("photographer", "ben", "moss")),
    # PostgreSQL counts these from kept counts and the overlap (pg_plans._either_apart).
    ("thompson OR kierkegaard", either(word("thompson"), word("kierkegaard"))),
    ("kate OR winslet", either(word("kate"), word("winslet"))),
    ("event:bafta OR winsl*", either(field("event", "bafta"), prefix("winsl"))),
    # PostgreSQL counts these as what they take away (pg_plans._negation_apart).
    ("-london", no(word("london"))),
    ("-event:bafta", no(field("event", "bafta"))),
    ('-"red carpet"', no(phrase("red", "carpet"))),
    (
        "-event:bafta taken:2019..2020",
        both(no(field("event", "bafta")), taken(Y(2019, 1, 1), Y(2021, 1, 1))),
    ),
    (
        "(kate OR olivia) (london OR cannes)",
        both(either(word("kate"), word("olivia")), either(word("london"), word("cannes"))),
    ),
    ("nosuchword", lambda r: False),
    ("zzq*", lambda r: False),
    ("person:zzq", lambda r: False),
    ("country:gb", word("gb", ("country",))),  # a code: the whole word, not gb* (gbr)
    ("country:gbr", word("gb", ("country",))),  # alpha-3: the same country
    ("country:uk", word("gb", ("country",))),  # the agencies' "UK" is GB, not Ukraine
    ("country:pol", word("pl", ("country",))),  # Poland's alpha-3
    ("city:lodz OR kate", either(field("city", "lodz"), word("kate"))),
    # Words beside date ranges: the ranges also stated as date tokens (service.py).
    ("london taken:2019..2020", both(word("london"), taken(Y(2019, 1, 1), Y(2021, 1, 1)))),
    ("kate taken:..2015", both(word("kate"), taken(None, Y(2016, 1, 1)))),
    ('"red carpet" taken:2024-06..', both(phrase("red", "carpet"), taken(Y(2024, 6, 1), None))),
    (
        "getty taken:2017-03-05..2018-02-10",
        both(word("getty"), taken(Y(2017, 3, 5), Y(2018, 2, 11))),
    ),
    ("kate taken:2030..", lambda r: False),  # past the last photo: no tokens to state
    ("-london taken:2021", both(no(word("london")), taken(Y(2021, 1, 1), Y(2022, 1, 1)))),
    ("(kate OR london) imported:-60d..", both(either(word("kate"), word("london")), recent(60))),
]
SORTS = ["", "sort:taken ", "sort:imported ", "sort:-imported "]  # first: OR binds wider


def _key(sort: str) -> Callable[[Row], tuple[Any, ...]]:
    """The expected order: the sort's date (undated last, both ways), then the id."""
    if sort.endswith("imported "):
        if sort == "sort:imported ":
            return lambda r: (r[3], r[0])
        return lambda r: (-r[3].timestamp(), -r[0])
    if sort == "sort:taken ":
        return lambda r: (r[2] is None, r[2] or Y.min, r[0])
    return lambda r: (r[2] is None, -(r[2] or Y.min).timestamp(), -r[0])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def catalogue(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Archive, list[Row]]]:
    from tests.archive.conftest import PG_SERVER, pg_available

    url = None
    admin = None
    name = f"cd_test_brute_{request.param}"
    if request.param == "postgresql":
        if not pg_available():
            pytest.skip("PostgreSQL not reachable")
        from sqlalchemy import create_engine

        admin = create_engine(PG_SERVER)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        url = f"{PG_SERVER}?options=-csearch_path%3D{name}"
    arc = Archive.open(Path(tmp_path_factory.mktemp("brute")) / "archive", url)
    try:
        build(arc, ROWS, seed=11)
        reindex(arc)
        with arc.engine.connect() as conn:
            ids = list(conn.scalars(select(Photo.id).order_by(Photo.id)))
            docs = build_docs(conn, ids)
            dates = {
                r.id: (r.taken_at, r.imported_at)
                for r in conn.execute(select(Photo.id, Photo.taken_at, Photo.imported_at))
            }
        rows = [(i, docs[i], *dates[i]) for i in ids]
        yield arc, rows
    finally:
        arc.close()
        if admin is not None:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            admin.dispose()


def _expected(rows: list[Row], pred: Pred, sort: str) -> list[int]:
    return [r[0] for r in sorted((r for r in rows if pred(r)), key=_key(sort))]


def check_all(arc: Archive, rows: list[Row]) -> None:
    svc = SearchService(arc)
    wrong: list[str] = []
    for query, pred in CASES:
        for sort in SORTS:
            q = (sort + query).strip()
            want = _expected(rows, pred, sort)
            whole = svc.search(q, limit=None)
            if list(whole.ids) != want or whole.total != len(want):
                wrong.append(
                    f"{q!r}: {whole.total} {list(whole.ids)[:8]} != {len(want)} {want[:8]}"
                )
                continue
            if svc.count(q) != len(want):
                wrong.append(f"{q!r}: count() {svc.count(q)} != {len(want)}")
            for offset in (0, 7, len(want) - 3, len(want), len(want) + 10):
                offset = max(0, offset)
                page = svc.search(q, limit=5, offset=offset)
                first = svc.first_page(q, limit=5, offset=offset)
                if list(page.ids) != want[offset : offset + 5] or page.total != len(want):
                    wrong.append(f"{q!r} @{offset}: {page.ids} != {want[offset : offset + 5]}")
                if first.ids != page.ids or (first.exact and first.total != len(want)):
                    wrong.append(f"{q!r} @{offset}: first_page {first} disagrees")
        relevance = svc.search(f"sort:relevance {query}", limit=None)
        if query and sorted(relevance.ids) != sorted(_expected(rows, pred, "")):
            wrong.append(f"{query!r} sort:relevance: not the same photos")
    assert not wrong, "\n".join(wrong[:20])


def test_the_catalogue_is_varied(catalogue: tuple[Archive, list[Row]]) -> None:
    """Popular, rare and empty answers alike (else the comparisons prove little)."""
    _arc, rows = catalogue
    sizes = [len(_expected(rows, p, "")) for _q, p in CASES]
    assert max(sizes) == ROWS and 0 in sizes
    assert sum(1 for n in sizes if 0 < n < 30) >= 3 and sum(1 for n in sizes if n > 100) >= 5


def test_the_default_plans(catalogue: tuple[Archive, list[Row]]) -> None:
    check_all(*catalogue)


@pytest.mark.parametrize(
    "plan",
    ["walk", "sort", "live-counts", "small-cap", "deep", "bounded-probe"],
    ids=lambda p: f"forced-{p}",
)
def test_every_forced_plan(
    catalogue: tuple[Archive, list[Row]], monkeypatch: pytest.MonkeyPatch, plan: str
) -> None:
    """The plans chosen for large catalogues, forced on the small one."""
    from archive.search import date_pages, deep, pg_deep, pg_lexemes, pg_plans, service

    if plan == "walk":  # SQLite: probe row by row; PostgreSQL: walk the sort index
        monkeypatch.setattr(service, "WALK_INDEX_ABOVE", 0)
        monkeypatch.setattr(service, "PROBE_COST", 0)
        monkeypatch.setattr(pg_plans.PgRun, "_steer", lambda *_a: True)
    elif plan == "sort":  # SQLite: materialize and walk; PostgreSQL: hidden sort keys
        monkeypatch.setattr(service, "WALK_INDEX_ABOVE", 0)
        monkeypatch.setattr(service, "PROBE_COST", 10**12)
        monkeypatch.setattr(pg_plans.PgRun, "_steer", lambda *_a: False)
    elif plan == "deep":  # SQLite: every page counts its way to its month (deep.py);
        # PostgreSQL: every page of one word starts at its year (pg_deep.py)
        monkeypatch.setattr(service, "WALK_INDEX_ABOVE", 0)
        monkeypatch.setattr(deep, "DEEP_FROM", 0)
        monkeypatch.setattr(pg_deep, "DEEP_FROM", 0)
    elif plan == "bounded-probe":  # SQLite: probe the first 30 photos, else count months
        if catalogue[0].engine.dialect.name != "sqlite":
            pytest.skip("SQLite's plan")
        monkeypatch.setattr(service, "WALK_INDEX_ABOVE", 0)
        monkeypatch.setattr(service, "PROBE_COST", 0)
        monkeypatch.setattr(date_pages, "MAX_PROBES", 30)
    elif plan == "live-counts":  # PostgreSQL: count the matches, not the kept counts
        monkeypatch.setattr(pg_lexemes, "single_word", lambda _e: None)
    else:  # first_page's estimate capped low: totals come from count()
        monkeypatch.setattr(service, "ESTIMATE_CAP", 3)
        monkeypatch.setattr(service, "RANK_WINDOW", 5)
        monkeypatch.setattr(pg_plans, "RANK_WINDOW", 5)
    check_all(*catalogue)


def test_kept_word_counts_follow_every_write(catalogue: tuple[Archive, list[Row]]) -> None:
    """PostgreSQL's kept counts (pg_lexemes.py) against live counts after an ORM edit, a
    Core delete cascading past the session hooks, and new photos; SQLite: the same
    totals from its own plans."""
    arc, rows = catalogue
    svc = SearchService(arc)
    words = ["london", "getty", "kate", "kierkegaard", "paris"]
    before = {w: svc.count(w) for w in words}
    assert before == {w: len(_expected(rows, word(w), "")) for w in words}
    victims = [r[0] for r in rows if word("london")(r)][:3]
    with arc.engine.begin() as conn:
        conn.execute(text("DELETE FROM photo_person WHERE photo_id = :i"), {"i": victims[0]})
        conn.execute(text("DELETE FROM photo_keyword WHERE photo_id = :i"), {"i": victims[0]})
        conn.execute(text("DELETE FROM photo WHERE id = :i"), {"i": victims[0]})
    with arc.sessions.begin() as s:
        photo = s.get(Photo, victims[1])
        assert photo is not None
        photo.caption = "Renamed in Paris"
        photo.city = "Paris"
        photo.country = "France"
        photo.headline = "Paris"
        photo.event_id = None
        photo.updated_at = photo.updated_at + timedelta(seconds=1)
    # Every photo: PostgreSQL reads the kept count of the word every document holds.
    assert svc.count("") == len(rows) - 1
    assert svc.search("", limit=0).total == len(rows) - 1
    assert sum(y.count for y in svc.facets("").years) == len(
        [r for r in rows if r[0] != victims[0] and r[2] is not None]
    )
    if arc.engine.dialect.name == "postgresql":  # the kept years agree with live counts
        with arc.engine.connect() as conn:
            for w in words:
                kept = conn.execute(
                    text(
                        "SELECT year, n FROM photo_fts_lexeme_years "
                        "WHERE word = :w AND n > 0 ORDER BY year"
                    ),
                    {"w": w},
                ).all()
                live_years = conn.execute(
                    text(
                        "SELECT coalesce(year, 0), count(*) FROM photo_fts "
                        "WHERE tsv @@ CAST(:q AS tsquery) GROUP BY 1 ORDER BY 1"
                    ),
                    {"q": f"'{w}'"},
                ).all()
                assert [tuple(r) for r in kept] == [tuple(r) for r in live_years], w
    for w in words:
        live = svc.search(f"({w} OR nosuchword)", limit=0).total  # never a kept count
        assert svc.count(w) == live, w
    assert svc.count("london") < before["london"]
