"""Property tests: IIM decoding is total, and mutated files only ever fail cleanly."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.errors import MetadataError, UnsupportedFileError
from archive.metadata.iptc import decode_iim, parse_iim
from archive.metadata.reader import read_metadata
from tests.archive.metadata.builders import IIM_UTF8, app1_xmp, app13, iim, jpeg, xmp_packet


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_declared_utf8_iim_round_trips(text: str) -> None:
    block = parse_iim(iim((1, 90, IIM_UTF8), (2, 120, text.encode("utf-8"))))
    decoded = decode_iim(block)
    assert decoded.text.get("2:120", [""]) == [text]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_iim_decoding_never_raises(data: bytes) -> None:
    decode_iim(parse_iim(data))
    decode_iim(parse_iim(b"\x1c\x02\x78" + data))


SEED = jpeg(
    (48, 32),
    app13(iim((1, 90, IIM_UTF8), (2, 120, "Łódź caption".encode()), (2, 25, b"kw"))),
    app1_xmp(xmp_packet("XMP caption", Credit="Agency")),
)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), min_size=0, max_size=8
    ),
    cut=st.one_of(st.none(), st.integers(0, len(SEED))),
)
def test_mutated_jpeg_fails_only_cleanly(flips: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(SEED)
    for pos, value in flips:
        data[pos] = value
    blob = bytes(data[:cut] if cut is not None else data)
    for allow in (False, True):
        with contextlib.suppress(MetadataError, UnsupportedFileError):
            read_metadata(blob, "mutant.jpg", allow_truncated=allow)
