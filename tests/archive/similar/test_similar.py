"""Near copies end to end on both engines: import fingerprints the thumbnails, files them in
the banded index, links the versions; similar:ID and duplicate-credit use the links."""

from __future__ import annotations

import math
import random
import statistics
from pathlib import Path

from PIL import Image

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from archive.search import SearchService
from archive.services.compliance import ComplianceService
from archive.similar.fingerprint import (
    LOW,
    SIZE,
    Fingerprint,
    _phash,
    distance,
    fingerprint,
    signed,
    trim_border,
)
from archive.similar.index import NEAR, RADIUS, codes, probe_codes
from archive.similar.service import SimilarService
from bench.similar_scenes import NEGATIVE, originals_and_variants
from tests.factories import Agency, embed


def _import(archive: Archive, files: list[Path]) -> list[int]:
    session = ImportSession(archive, files, ImportOptions(jobs=1))
    list(session.run())
    assert not session.report.failed, session.report.failed
    return session.report.photo_ids


def _write(path: Path, data: bytes, credit: str, source: str) -> Path:
    path.write_bytes(embed(data, Agency(credit=credit, source=source, byline=credit.split("/")[0])))
    return path


def test_versions_are_linked_and_the_other_frame_is_not(archive: Archive, tmp_path: Path) -> None:
    original, variants = originals_and_variants(3)
    files = [_write(tmp_path / "orig.jpg", original, "Joe Maher/Getty Images", "Getty Images")]
    for kind, data in variants.items():
        files.append(_write(tmp_path / f"{kind}.jpg", data, "PA Wire", "PA"))
    ids = _import(archive, files)
    by_name = dict(zip([f.stem for f in files], ids, strict=True))
    near = {c.id for c in SimilarService(archive.sessions).similar(by_name["orig"])}
    expected = {by_name[k] for k in variants if k != NEGATIVE}
    assert near == expected
    found = SearchService(archive).search(f"similar:{by_name['orig']}", limit=None)
    assert set(found.ids) == expected | {by_name["orig"]}
    # The next frame of the burst is its own picture: no version of anything here.
    assert SimilarService(archive.sessions).similar(by_name[NEGATIVE]) == []
    report = ComplianceService(archive.sessions).check([by_name["orig"]], "editorial-web-GB")
    dup = [f for f in report.photos[0].findings if f.rule == "duplicate-credit"]
    assert len(dup) == 1 and "'PA Wire'" in dup[0].message
    assert str(by_name["crop5"]) in dup[0].message
    groups = SimilarService(archive.sessions).versions(ids)
    assert {groups[by_name[k]] for k in variants if k != NEGATIVE} == {by_name["orig"]}
    assert groups[by_name[NEGATIVE]] == by_name[NEGATIVE]


def test_rebuild_fingerprints_photos_imported_before(archive: Archive, tmp_path: Path) -> None:
    original, variants = originals_and_variants(4)
    files = [
        _write(tmp_path / "a.jpg", original, "Getty Images", "Getty Images"),
        _write(tmp_path / "b.jpg", variants["jpeg60"], "Reuters", "Reuters"),
    ]
    a, b = _import(archive, files)
    service = SimilarService(archive.sessions)
    from archive.db.models import FingerprintBand, PhotoFingerprint, PhotoSimilar

    with archive.sessions.begin() as s:  # as a catalogue from before 0022 would be
        for model in (PhotoSimilar, FingerprintBand, PhotoFingerprint):
            s.query(model).delete()
    assert service.similar(a) == [] and len(service.missing()) == 2
    assert service.rebuild(archive.thumbnail_path) == (2, 0)
    assert [c.id for c in service.similar(a)] == [b]
    assert service.missing() == []


def test_fingerprint_survives_a_border_but_not_a_plain_sky() -> None:
    im = Image.new("L", (200, 100), 40)
    im.paste(200, (50, 30, 150, 90))
    framed = Image.new("L", (220, 120), 255)
    framed.paste(im, (10, 10))
    assert trim_border(framed).size == (200, 100)
    # A picture whose top is as uniform as any frame keeps its sky.
    sky = Image.new("L", (200, 100), 90)
    sky.paste(10, (0, 60, 200, 100))
    assert trim_border(sky).size == (200, 100)
    assert fingerprint(framed.convert("RGB")) == fingerprint(im.convert("RGB"))


def _phash_by_definition(grey: Image.Image) -> int:
    """pHash as Zauner (2010) and the imagehash library define it: the 2-D DCT-II of the
    32x32 grey picture, its 8x8 lowest frequencies, each bit "above their median",
    computed straight from the definition. Without the orthonormal scale factors, as
    fingerprint.py computes it: its stored hashes were made so, and must stay the same."""
    small = grey.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    f = [[small.getpixel((x, y)) for x in range(SIZE)] for y in range(SIZE)]

    def basis(k: int, n: int) -> float:
        return math.cos(math.pi * (2 * n + 1) * k / (2 * SIZE))

    coeffs = [
        sum(f[y][x] * basis(u, y) * basis(v, x) for y in range(SIZE) for x in range(SIZE))
        for u in range(LOW)  # row frequencies first (imagehash's dct[:8, :8].flatten())
        for v in range(LOW)
    ]
    median = statistics.median(coeffs)
    return signed(int("".join("1" if c > median else "0" for c in coeffs), 2))


def test_phash_is_the_dct_of_its_definition() -> None:
    rng = random.Random(5)
    for seed in range(4):  # noise, gradients and blocks: every coefficient matters
        im = Image.new("L", (120, 90))
        im.putdata(
            [
                (x * 2 + y * (seed + 1) + rng.randrange(60 * (seed % 2) + 1)) % 256
                for y in range(90)
                for x in range(120)
            ]
        )
        im.paste(rng.randrange(256), (10 * seed, 5, 40 + 10 * seed, 50))
        assert _phash(im) == _phash_by_definition(im)


def test_banded_probe_reaches_every_pair_the_pigeonhole_promises() -> None:
    a = Fingerprint(0x0123456789ABCDEF, -0x0FEDCBA987654321)
    # 15 bits apart over both hashes, 2 in every band but one: with 8 bands, some band is
    # within RADIUS (1) bit, so a probe finds it.
    flip = (1 << 0) | (1 << 1) | (1 << 16) | (1 << 17) | (1 << 32) | (1 << 33) | (1 << 48)
    b = Fingerprint(a.whole ^ flip ^ (1 << 49), a.centre ^ flip)
    assert distance(a.whole, b.whole) + distance(a.centre, b.centre) == 15 <= NEAR
    assert RADIUS == 1 and set(codes(b)) & set(probe_codes(a))
    # 16 bits, 2 in every band: no band within 1 bit, out of the guarantee.
    c = Fingerprint(a.whole ^ flip ^ (1 << 49), a.centre ^ flip ^ (1 << 49))
    assert not set(codes(c)) & set(probe_codes(a))
