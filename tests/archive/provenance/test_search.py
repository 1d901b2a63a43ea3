"""Provenance search keys on both engines (issue #19 §3), over files made by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.handle import Archive
from archive.importer.session import ImportSession
from archive.search import QueryError, SearchService
from tests.archive.provenance.conftest import Signed
from tests.factories import Agency, write_photo
from tests.provenance_kit import exiftool_write


def _import(archive: Archive, folder: Path) -> dict[str, int]:
    session = ImportSession(archive, [folder])
    for _ in session.run():
        pass
    assert not session.report.failed, session.report.failed
    search = SearchService(archive)
    out = {}
    for pid in search.search("", limit=None).ids:
        from archive.services.photos import PhotoService

        detail = PhotoService(archive.sessions).detail(pid)
        out[Path(detail["source_paths"][0]).stem] = pid
    return out


def test_provenance_keys(tmp_path: Path, archive: Archive, signed: Signed) -> None:
    (archive.folder / "trust-anchors.pem").write_bytes(signed.chain.root_pem)
    src = tmp_path / "in"
    src.mkdir()
    for kind in ("valid", "untrusted", "pixels", "manifest", "ai"):
        shutil.copy(signed.files[kind], src / f"{kind}.jpg")
    getty = Agency(caption="Press pictures of the harbour.", source="Getty Images Europe")
    typed = {
        "capture": ("digitalCapture", "DMI-PROHIBITED-AIMLTRAINING"),
        "film": ("negativeFilm", "DMI-ALLOWED"),
        "composite": ("compositeWithTrainedAlgorithmicMedia", "DMI-PROHIBITED"),
        "screen": ("screenCapture", None),
    }
    for n, (name, (term, dmi)) in enumerate(typed.items()):
        exiftool_write(write_photo(src / f"{name}.jpg", getty, seed=300 + n), term, dmi)
    write_photo(src / "bare.jpg", getty, seed=399)
    ids = _import(archive, src)
    search = SearchService(archive)

    def found(query: str) -> set[str]:
        hits = set(search.search(query, limit=None).ids)
        return {name for name, pid in ids.items() if pid in hits}

    assert found("source:ai") == {"ai", "composite"}
    assert found("source:capture") == {
        "valid",
        "untrusted",
        "pixels",
        "manifest",
        "capture",
        "film",
    }
    assert found("source-type:negativeFilm") == {"film"}
    assert found("source-type:negativefilm") == {"film"}  # terms are not case-sensitive
    assert found(
        f"source-type:{'http://cv.iptc.org/newscodes/digitalsourcetype/screenCapture'}"
    ) == {"screen"}
    assert found("source-type:none") == {"bare"}
    assert found("c2pa:valid") == {"valid", "ai"}
    assert found("c2pa:invalid") == {"untrusted", "pixels", "manifest"}
    assert found("c2pa:none") == {"capture", "film", "composite", "screen", "bare"}
    assert found("c2pa:hash-mismatch") == {"pixels"}
    assert found("c2pa:untrusted") == {"untrusted"}
    assert found("datamining:prohibited") == {"capture", "composite"}
    assert found("datamining:prohibited-aimltraining") == {"capture"}
    assert found("datamining:allowed") == {"film"}
    assert found("-source:ai c2pa:none") == {"capture", "film", "screen", "bare"}
    # source: stays the IPTC Source field for any other text.
    assert found('source:"getty images europe"') == set(typed) | {"bare"}
    with pytest.raises(QueryError, match="c2pa: is one of"):
        search.search("c2pa:maybe")
    with pytest.raises(QueryError, match="datamining: is one of"):
        search.search("datamining:sometimes")
