"""Search benchmark: a fixed query mix over N synthetic photos, beside a naive LIKE scan.

Builds (once, cached as bench/out/search_<N>/catalog.sqlite) a catalogue of N photos
written straight into the database with executemany — realistic captions, 20k people,
5k events, 40 agencies, one star in ~8% of photos, "red carpet" in ~36% — then indexes
it with the product's own `reindex`. Measures, in the same run on the same rows:
  p50/p95: the query mix (people, events, phrases, prefixes, fields + text + dates +
           sort), page of 50 with the exact total, no facets;
  facets:  median of the same call with facets;
  like:    median of a naive `LIKE '%…%'` count + page for the mix's free-text words.
Last line: search rows=N p50_ms=… p95_ms=… facets_ms=… like_ms=… db_mb=…

A cached index of another layout (schema.LAYOUT, recorded in the catalogue) is rebuilt
first. ``--engine postgresql``: the same in the schema ``search_bench_<N>`` of --pg-url
(the cache there; rebuilt unless all N photos are indexed).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from archive.handle import Archive  # noqa: E402
from archive.search import SearchService, reindex, schema  # noqa: E402
from archive.text import fold  # noqa: E402

OUT = ROOT / "bench" / "out"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STAR = "Kate Winslet"
FIRST = """Kate Olivia Jodie Mia Ben Ncuti Zoë Łukasz Sophie Emma James Daniel Florence Idris
Helena Colin Tilda Benedict Cate Rami Saoirse Paul Andrew Lupita Riz Dev Aimee Gemma Ruth
Sheridan Vicky Sarah Michael Bartosz Agnieszka Renée Chloé Søren Ana Joaquín""".split()  # noqa: SIM905
LAST = """Moss Colman Comer Threapleton Whishaw Gatwa Wanamaker Żal Turner Thompson Corden Radcliffe
Pugh Elba Bonham Firth Swinton Cumberbatch Blanchett Malek Ronan Mescal Scott Nyong'o Ahmed
Patel Lou Arterton Wilson Smith McIntosh Lancashire Sheen Bielenia Holland Zellweger Sevigny
Kierkegaard Armas Phoenix Adeyemi Brennan Kowalski Nakamura""".split()  # noqa: SIM905
SERIES = """BAFTA Television Awards|BAFTA Film Awards|Cannes Film Festival|Met Gala|Brit Awards
|Olivier Awards|London Film Festival|Venice Film Festival|Berlin International Film Festival
|Golden Globe Awards|Academy Awards|Premiere|Gala Screening|Fashion Week|Film Festival
|Charity Gala""".replace("\n", "").split("|")
CITIES = [
    ("London", "United Kingdom", "GB"), ("Paris", "France", "FR"), ("Cannes", "France", "FR"),
    ("New York", "United States", "US"), ("Los Angeles", "United States", "US"),
    ("Venice", "Italy", "IT"), ("Berlin", "Germany", "DE"), ("Łódź", "Poland", "PL"),
    ("Kraków", "Poland", "PL"), ("Málaga", "Spain", "ES"),
]  # fmt: skip
VENUES = """The Royal Festival Hall|Palais des Festivals|Royal Albert Hall|Dolby Theatre
|Odeon Luxe Leicester Square|The O2 Arena|Metropolitan Museum of Art""".replace("\n", "").split("|")
PARENTS = """Getty Images|Associated Press|Reuters|AFP|PA Images|Shutterstock|Alamy|EPA
|Camera Press|Avalon""".replace("\n", "").split("|")
BRANDS = {
    "Getty Images": ["WireImage", "FilmMagic", "Getty Images Entertainment",
                     "Getty Images for BAFTA", "Dave M. Benett", "Hulton Archive"],
    "Shutterstock": ["Rex Features", "BEI", "Variety"],
    "Avalon": ["Retna", "Famous"],
    "PA Images": ["PA Wire", "Empics"],
}  # fmt: skip
CAMERAS = [("Canon", "Canon EOS R5"), ("Canon", "Canon EOS-1D X Mark III"), ("Nikon", "NIKON Z 9"),
           ("Sony", "ILCE-1"), ("Nikon", "NIKON D6")]  # fmt: skip
KEYWORDS = """Arts Culture and Entertainment|Premiere Night|Celebrities|Film Industry|Award
|Television Show|Attending|Arrival|Portrait|Fashion""".replace("\n", "").split("|")
MIX = [  # the README's original ten; their figures are the first line
    'person:"kate winslet"',
    "event:bafta",
    '"red carpet"',
    "winsl*",
    'person:kate "red carpet" taken:2019-01..2019-06 sort:-taken',
    'person:"kate winslet" event:bafta agency:getty taken:2023',
    "lodz premiere",
    'person:nyong* -"red carpet"',
    "credit:wireimage taken:2021-03..2021-04 sort:imported",
    "thompson OR kierkegaard",
]
# Every class a desk types, popular and rare: (class, query, offset).
CLASSES: list[tuple[str, str, int]] = [
    ("empty+sort", "", 0),
    ("empty+sort", "sort:taken", 0),
    ("empty+sort", "sort:imported", 0),
    ("empty+sort", "sort:-imported", 0),
    ("words", "london", 0),
    ("words", "getty", 0),
    ("words", "kierkegaard", 0),
    ("words", '"red carpet"', 0),
    ("words", '"royal albert hall"', 0),
    ("relevance", '"red carpet" sort:relevance', 0),
    ("relevance", "kate sort:relevance", 0),
    ("relevance", "lodz sort:relevance", 0),
    ("prefix", "k*", 0),
    ("prefix", "kie*", 0),
    ("prefix", "winsl*", 0),
    ("fields", "person:kate", 0),
    ("fields", "event:bafta", 0),
    ("fields", "agency:getty", 0),
    ("fields", "agency:wireimage", 0),
    ("fields", "credit:shutterstock", 0),
    ("fields", "keyword:portrait", 0),
    ("fields", "city:lodz", 0),
    ("fields", "country:gb", 0),
    ("fields", "country:pl sort:taken", 0),
    ("dates", "taken:2023", 0),
    ("dates", "taken:2023-05", 0),
    ("dates", "taken:2023-05-14", 0),
    ("dates", "taken:2019..2020", 0),
    ("dates", "taken:..2015", 0),
    ("dates", "taken:2024-06..", 0),
    ("dates", "imported:-7d..", 0),
    ("dates", "kate taken:2022 sort:imported", 0),
    ("boolean", "kate -winslet", 0),
    ("boolean", '(london OR paris) -"red carpet"', 0),
    ("boolean", "person:moss OR person:colman", 0),
    ("boolean", "NOT event:bafta taken:2020", 0),
    ("deep", "", 500_000),
    ("deep", "event:bafta", 50_000),
    ("deep", "london", 50_000),
    ("deep", "sort:taken", 500_000),
]
FACET_QUERIES = ['person:"kate winslet"', "event:bafta", '"red carpet"', "lodz premiere"]
# The LIKE reference searches the same text fields as free words, accent-folded as ours
# are (Łódź → lodz), with the same warm-up: a fair ratio.
LIKE_FIELDS = ("caption", "headline", "credit_line", "city", "country", "source")
LIKE_WORDS = ["%winslet%", "%red carpet%", "%lodz%", "%kierkegaard%"]


class _Cursor:
    """The DB-API cursor, taking SQLite's ``?`` placeholders on PostgreSQL too."""

    def __init__(self, cur: Any, pg: bool) -> None:
        self.cur, self.pg = cur, pg

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.pg else sql

    def execute(self, sql: str, params: Sequence[Any]) -> None:
        self.cur.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.cur.executemany(self._sql(sql), rows)


def build(arc: Archive, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    raw = arc.engine.raw_connection()
    cur = _Cursor(raw.cursor(), arc.engine.dialect.name == "postgresql")
    agencies: list[tuple[int, str]] = []
    for i, name in enumerate(PARENTS, 1):
        cur.execute("INSERT INTO agency (id, name) VALUES (?, ?)", (i, name))
        agencies.append((i, name))
    n = len(PARENTS)
    for parent, brands in BRANDS.items():
        pid = PARENTS.index(parent) + 1
        for b in brands:
            n += 1
            cur.execute("INSERT INTO agency (id, name, parent_id) VALUES (?, ?, ?)", (n, b, pid))
            agencies.append((n, b))
    while len(agencies) < 40:
        n += 1
        cur.execute("INSERT INTO agency (id, name) VALUES (?, ?)", (n, f"Agency {n}"))
        agencies.append((n, f"Agency {n}"))
    names = {STAR}
    while len(names) < 20_000:
        suffix = rng.choice(["", "", " Jr", f" {chr(65 + rng.randrange(26))}."])
        names.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}{suffix}")
    people = [STAR, *sorted(names - {STAR})]
    cur.executemany(
        "INSERT INTO person (id, name, folded) VALUES (?, ?, ?)",
        [(i, p, fold(p)) for i, p in enumerate(people, 1)],
    )
    grapher_names = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3000)})
    cur.executemany(
        "INSERT INTO photographer (id, name, folded) VALUES (?, ?, ?)",
        [(i, p, fold(p)) for i, p in enumerate(grapher_names, 1)],
    )
    events: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    while len(events) < 5000:
        year = rng.randrange(2014, 2025)
        city = rng.choice(CITIES)
        name = f"{year} {rng.choice(SERIES)} {city[0]} {rng.randrange(1, 400)}"
        if fold(name) in seen:
            continue
        seen.add(fold(name))
        day = datetime(year, 1, 1) + timedelta(days=rng.randrange(365), hours=18)
        events.append(
            (
                len(events) + 1,
                name,
                fold(name),
                day.date(),
                day.date(),
                rng.choice(VENUES),
                *city,
            )
        )
    cur.executemany(
        "INSERT INTO event (id, name, folded, start_date, end_date, venue, city, country) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [e[:8] for e in events],
    )
    cur.executemany("INSERT INTO keyword (id, name) VALUES (?, ?)", list(enumerate(KEYWORDS, 1)))
    photos, links, kws = [], [], []
    recent = datetime.now().replace(microsecond=0)
    cols = (
        "id, sha256, format, file_size, width, height, taken_at, camera_make, camera_model, "
        "headline, caption, creator, credit_line, photographer_id, agency_id, source, city, "
        "country, country_code, event_id, stored_path, managed, imported_at, updated_at, "
        "version"
    )
    insert = f"INSERT INTO photo ({cols}) VALUES ({', '.join('?' * 25)})"
    for pid in range(1, rows + 1):
        ev = events[rng.randrange(len(events))]
        taken = datetime.combine(ev[3], datetime.min.time()) + timedelta(
            hours=17, seconds=rng.randrange(4 * 3600)
        )
        count = rng.choice((1, 1, 1, 2, 2, 3))
        who = [STAR] if rng.random() < 0.081 else []
        while len(who) < count:
            p = people[min(int(rng.paretovariate(0.9)), len(people) - 1)]
            if p not in who:
                who.append(p)
        aid, agency = agencies[rng.randrange(len(agencies))]
        gid = rng.randrange(1, len(grapher_names) + 1)
        grapher = grapher_names[gid - 1]
        carpet = rng.random() < 0.362
        verb = "arrives on the red carpet at" if carpet else "attends"
        if len(who) > 1:
            verb = "arrive on the red carpet at" if carpet else "attend"
        caption = (
            f"{', '.join(who[:-1]) + ' and ' if len(who) > 1 else ''}{who[-1]} {verb} the "
            f"{ev[1]} at {ev[5]} on {taken:%B %d, %Y} in {ev[6]}, {ev[7]}. "
            f"(Photo by {grapher}/{agency})"
        )
        make, model = rng.choice(CAMERAS)
        imported = taken + timedelta(days=rng.randrange(0, 30), seconds=rng.randrange(86400))
        if pid > rows * 0.99:  # the desk's latest work: imported in the last 60 days
            imported = recent - timedelta(seconds=rng.randrange(60 * 86400))
        sha = hashlib.sha256(f"{seed}:{pid}".encode()).hexdigest()
        photos.append(
            (
                pid,
                sha,
                "jpeg",
                6_000_000,
                6000,
                4000,
                taken,
                make,
                model,
                f"{ev[1]} - {'Red Carpet Arrivals' if carpet else 'Inside'}",
                caption,
                grapher,
                f"{grapher}/{agency}",
                gid,
                aid,
                agency,
                ev[6],
                ev[7],
                ev[8],
                ev[0],
                f"originals/{sha[:2]}/{sha}.jpg",
                True,
                imported,
                imported,
                1,
            )
        )
        links += [
            (pid, people.index(p) + 1 if p == STAR else _pid(people, p), i)
            for i, p in enumerate(who)
        ]
        kws += [(pid, k, i) for i, k in enumerate(rng.sample(range(1, len(KEYWORDS) + 1), 2))]
        if len(photos) >= 20_000 or pid == rows:
            cur.executemany(insert, photos)
            cur.executemany(
                "INSERT INTO photo_person (photo_id, person_id, position) VALUES (?, ?, ?)", links
            )
            cur.executemany(
                "INSERT INTO photo_keyword (photo_id, keyword_id, position) VALUES (?, ?, ?)", kws
            )
            photos, links, kws = [], [], []
            print(f"  wrote {pid:,} photos", file=sys.stderr, end="\r")
    raw.commit()
    raw.close()
    print(file=sys.stderr)


_PID: dict[str, int] = {}


def _pid(people: list[str], name: str) -> int:
    if not _PID:
        _PID.update({p: i for i, p in enumerate(people, 1)})
    return _PID[name]


def index(arc: Archive) -> None:
    t = time.perf_counter()
    reindex(arc, lambda d, n: print(f"  indexed {d:,}/{n:,}", file=sys.stderr, end="\r"))
    print(f"\nindexed in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    if arc.engine.dialect.name == "postgresql":
        # As after any bulk import: VACUUM sets the visibility map (index-only counts),
        # ANALYZE the statistics the planner picks plans by. Not inside a transaction.
        with arc.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with arc.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def timed(fn: object, *args: object, **kw: object) -> float:
    t = time.perf_counter()
    fn(*args, **kw)  # type: ignore[operator]
    return (time.perf_counter() - t) * 1000


def open_sqlite(rows: int, seed: int, out: Path) -> tuple[Archive, Path]:
    folder = out / f"search_{rows}"
    if not (folder / "catalog.sqlite").exists():
        # Built aside and renamed when complete: an interrupted build is never reused.
        # The index is made by main() (it is rebuilt whenever its layout changes).
        tmp = out / f"search_{rows}.part"
        shutil.rmtree(tmp, ignore_errors=True)
        with Archive.open(tmp) as arc:
            t = time.perf_counter()
            build(arc, rows, seed)
            print(f"built {rows:,} photos in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        tmp.rename(folder)
    return Archive.open(folder), folder


def open_postgresql(rows: int, seed: int, server: str, out: Path) -> tuple[Archive, Path]:
    folder = out / f"search_pg_{rows}"  # the archive folder; the catalogue is on the server
    name = f"search_bench_{rows}"
    url = f"{server}?options=-csearch_path%3D{name}"
    admin = create_engine(server)
    try:
        with admin.begin() as conn:  # complete once every photo is written (and committed)
            complete = (
                conn.scalar(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": f'"{name}".photo'})
                and conn.scalar(text(f'SELECT count(*) FROM "{name}".photo')) == rows
            )
            if not complete:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
                conn.execute(text(f'CREATE SCHEMA "{name}"'))
    finally:
        admin.dispose()
    arc = Archive.open(folder, url)
    if not complete:
        t = time.perf_counter()
        build(arc, rows, seed)
        print(f"built {rows:,} photos in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return arc, folder


def index_is_current(arc: Archive) -> bool:
    """The index has the current layout and every photo."""
    with arc.engine.connect() as conn:
        if schema.layout(conn) != schema.LAYOUT:
            return False
        pg = arc.engine.dialect.name == "postgresql"
        if pg and conn.scalar(text("SELECT to_regclass(:t)"), {"t": schema.LEXEMES}) is None:
            return False  # indexed before the kept word counts (0023): index again
        key = schema.id_column(arc.engine.dialect.name)
        indexed = conn.scalar(select(func.count()).select_from(key.table))
        return indexed == conn.scalar(text("SELECT count(*) FROM photo"))


def db_mb(arc: Archive, folder: Path) -> float:
    if arc.engine.dialect.name == "postgresql":
        with arc.engine.connect() as conn:
            size = conn.scalar(
                text(
                    "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
                )
            )
        return float(size or 0) / 1e6
    db = folder / "catalog.sqlite"
    files = [db, db.with_name(db.name + "-wal")]  # not the backups a migration leaves
    return sum(p.stat().st_size for p in files if p.exists()) / 1e6


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))]


def like_scan(arc: Archive, word: str) -> float:
    """A naive scan of the same text fields, accent-folded like the index."""
    pg = arc.engine.dialect.name == "postgresql"
    fold_sql = "lower(public.unaccent({}))" if pg else "fold({})"
    where = " OR ".join(f"{fold_sql.format(f)} LIKE :w" for f in LIKE_FIELDS)
    with arc.engine.connect() as conn:
        if pg:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"))
        else:
            conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
                "fold", 1, lambda v: fold(v) if v else v, deterministic=True
            )
        t = time.perf_counter()
        conn.execute(text(f"SELECT count(*) FROM photo WHERE {where}"), {"w": word}).scalar()
        conn.execute(
            text(f"SELECT id FROM photo WHERE {where} ORDER BY taken_at DESC LIMIT 50"),
            {"w": word},
        ).all()
        return (time.perf_counter() - t) * 1000


def measure(arc: Archive, folder: Path, svc: SearchService, args: argparse.Namespace) -> None:
    engine = arc.engine.dialect.name
    for q in MIX:  # warm the OS cache, and show what the mix finds
        print(f"{svc.search(q).total:>9,}  {q}")
    for _cls, q, off in CLASSES:
        print(f"{svc.search(q, offset=off).total:>9,}  {q}" + (f"  @{off:,}" if off else ""))
    lat: dict[str, list[float]] = {q: [] for q in MIX}
    full: dict[tuple[str, str, int], list[float]] = {c: [] for c in CLASSES}
    first: dict[tuple[str, str, int], list[float]] = {c: [] for c in CLASSES}
    count: dict[tuple[str, str, int], list[float]] = {c: [] for c in CLASSES}
    for _ in range(args.rounds):
        for q in MIX:
            lat[q].append(timed(svc.search, q, limit=50))
        for c in CLASSES:
            _cls, q, off = c
            full[c].append(timed(svc.search, q, limit=50, offset=off))
            first[c].append(timed(svc.first_page, q, limit=50, offset=off))
            count[c].append(timed(svc.count, q))
    every = [x for xs in lat.values() for x in xs]
    for q, xs in lat.items():
        print(f"  {statistics.median(xs):8.1f} ms  {q}")
    print("per class (page of 50 + exact total | first page | exact total), ms:")
    for cls in dict.fromkeys(c[0] for c in CLASSES):
        keys = [c for c in CLASSES if c[0] == cls]
        f = [x for c in keys for x in full[c]]
        fp = [x for c in keys for x in first[c]]
        ct = [x for c in keys for x in count[c]]
        print(
            f"  {cls:<11} p50 {statistics.median(f):6.1f} p95 {pct(f, 0.95):6.1f} "
            f"max {max(f):6.1f} | first p95 {pct(fp, 0.95):6.1f} max {max(fp):6.1f} "
            f"| total p95 {pct(ct, 0.95):6.1f} max {max(ct):6.1f}"
        )
        for c in keys:
            print(
                f"      {statistics.median(full[c]):7.1f}  {c[1]}" + (f" @{c[2]:,}" if c[2] else "")
            )
    facet_q = [*FACET_QUERIES, ""]
    facets = [timed(svc.facets, q) for q in facet_q for _ in range(3)]
    for w in LIKE_WORDS:  # the same warm-up as ours
        like_scan(arc, w)
    like = [like_scan(arc, w) for w in LIKE_WORDS]
    size = db_mb(arc, folder)
    all_full = every + [x for xs in full.values() for x in xs]
    all_first = [x for xs in first.values() for x in xs]
    p50 = statistics.median(every)
    p95 = pct(every, 0.95)
    print(
        f"facets: {statistics.median(facets):.1f} ms median, {max(facets):.1f} ms max; "
        f"LIKE: {statistics.median(like):.0f} ms median; {arc.engine.url!r}"
    )
    print(
        f"search engine={engine} rows={args.rows} p50_ms={statistics.median(all_full):.1f} "
        f"p95_ms={pct(all_full, 0.95):.1f} max_ms={max(all_full):.1f} "
        f"first_page_p95_ms={pct(all_first, 0.95):.1f} "
        f"facets_ms={statistics.median(facets):.1f} like_ms={statistics.median(like):.0f} "
        f"db_mb={size:.0f}"
    )
    print(
        f"search rows={args.rows} p50_ms={p50:.1f} p95_ms={p95:.1f} "
        f"facets_ms={statistics.median(facets):.1f} like_ms={statistics.median(like):.0f} "
        f"db_mb={size:.0f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--pg-url", default=PG_URL, help="the server (and database) to build on")
    ap.add_argument(
        "--reindex", action="store_true", help="rebuild the index of a cached catalogue"
    )
    ap.add_argument("--cache", type=Path, default=OUT, help="where built catalogues are kept")
    ap.add_argument("--build-only", action="store_true", help="build and index, then stop")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.engine == "sqlite":
        arc, folder = open_sqlite(args.rows, args.seed, args.cache)
    else:
        arc, folder = open_postgresql(args.rows, args.seed, args.pg_url, args.cache)
    try:
        if args.reindex or not index_is_current(arc):
            print(f"indexing (layout {schema.LAYOUT})", file=sys.stderr)
            index(arc)
        if args.build_only:
            return
        svc = SearchService(arc)
        measure(arc, folder, svc, args)
    finally:
        arc.close()


if __name__ == "__main__":
    main()
