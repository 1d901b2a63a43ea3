"""Hostile input: mutated JPEG/TIFF/PNG/XMP/IIM bytes to the metadata reader and to a real
import, and SQL / FTS syntax tricks to search. Never a crash, a hang or a driver error:
every failure is an ArchiveError (per file) or a QueryError (per query)."""

from __future__ import annotations

import io
import signal
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin
from sqlalchemy import create_engine, text

from archive.errors import ArchiveError
from archive.handle import Archive
from archive.metadata.reader import read_metadata
from archive.search import QueryError, SearchService
from tests.archive.conftest import PG_SERVER, pg_available
from tests.factories import Agency, embed, jpeg_bytes, winslet_getty

SECONDS_PER_EXAMPLE = 10
# Pillow warns about the damage it skips over; that is the point here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'photoshop:Credit="Getty Images"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def _seeds() -> dict[str, bytes]:
    im = Image.new("RGB", (32, 24), (200, 30, 60))
    tiff, png = io.BytesIO(), io.BytesIO()
    im.save(tiff, "TIFF")
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    im.save(png, "PNG", pnginfo=info)
    base = jpeg_bytes((32, 24), seed=5)
    return {
        "jpeg-full": embed(base, winslet_getty()),
        "jpeg-iim-only": embed(base, Agency(credit="Mike Marsland/WireImage", xmp=False)),
        "jpeg-xmp-only": embed(base, Agency(caption="Arrivals", people=["Zoë"], iim=False)),
        "tiff": tiff.getvalue(),
        "png-xmp": png.getvalue(),
        "xmp-packet": XMP,
    }


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for pos, byte in draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)),
                                   max_size=24)):  # fmt: skip
        data[pos] = byte
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=80))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return name, bytes(data)


class _Hang(Exception):
    pass


def _alarm(_sig: int, _frame: FrameType | None) -> None:
    raise _Hang(f"no answer within {SECONDS_PER_EXAMPLE} s")


@pytest.fixture
def bounded() -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=mutated())
def test_reader_survives_mutated_files(bounded: None, case: tuple[str, bytes]) -> None:
    name, data = case
    signal.alarm(SECONDS_PER_EXAMPLE)
    try:
        read_metadata(data, f"{name}.bin")
    except ArchiveError as exc:
        assert str(exc).strip(), "an error without a reason"
    finally:
        signal.alarm(0)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cases=st.lists(mutated(), min_size=1, max_size=4))
def test_import_survives_mutated_files(bounded: None, cases: list[tuple[str, bytes]]) -> None:
    from archive.importer.session import ImportOptions, ImportSession

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in")
        src.mkdir()
        for i, (name, data) in enumerate(cases):
            (src / f"{i}-{name}.jpg").write_bytes(data)
        signal.alarm(60)
        with Archive.open(Path(tmp, "arc")) as arc:
            session = ImportSession(arc, [src], ImportOptions(jobs=1))
            for _ in session.run():
                pass
        signal.alarm(0)
        report = session.report
        assert report.imported + report.duplicates + len(report.failed) == len(cases)
        for failure in report.failed:
            assert failure.error.strip() and not failure.error.startswith("internal error")


QUERY_PIECES = [
    "kate", "winsl*", '"red carpet"', '"', "'", "*", "(", ")", ":", "-", "--", "^", "+", "NEAR",
    "NEAR(a b)", "AND", "OR", "NOT", "person:", "event:", "taken:", "taken:2023..", "id:",
    "id:1..x", "sha:", "sort:", "sort:relevance", "has:", "no:x", "'; DROP TABLE photo; --",
    "1=1", "\\", "%", "_", "{", "}", "[", "]", "photo_fts", "rank", "MATCH", "@@", "&", "|", "!",
    ":*", "<->", "\x00", "Łódź", "名前", "🙂", "agency:getty", "credit:", "status:", "col:x",
]  # fmt: skip


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(QUERY_PIECES), st.text(max_size=6)),
                          max_size=8))  # fmt: skip
    joiner = draw(st.sampled_from([" ", "", ":"]))
    return joiner.join(parts)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def search_archive(request: pytest.FixtureRequest) -> Iterator[Archive]:
    from tests.archive.services.helpers import import_example

    with tempfile.TemporaryDirectory() as tmp:
        url, schema, admin = None, None, None
        if request.param == "postgresql":
            if not pg_available():
                pytest.skip(f"PostgreSQL not reachable at {PG_SERVER}")
            schema = f"cd_test_{uuid.uuid4().hex[:12]}"
            admin = create_engine(PG_SERVER)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"{PG_SERVER}?options=-csearch_path%3D{schema}"
        arc = Archive.open(Path(tmp, "arc"), url)
        try:
            import_example(arc, Path(tmp, "src"))
            yield arc
        finally:
            arc.close()
            if admin is not None:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries())
def test_search_never_leaks_a_database_error(search_archive: Archive, query: str) -> None:
    service = SearchService(search_archive)
    try:
        result = service.search(query, limit=5)
    except QueryError as exc:
        assert exc.message
        return
    assert result.total >= len(result.ids)
    with search_archive.engine.connect() as conn:  # and the catalogue is untouched
        assert conn.execute(text("SELECT count(*) FROM photo")).scalar() == 3
