"""A small catalogue for service tests: the running example, imported for real."""

from __future__ import annotations

from pathlib import Path

from archive.handle import Archive
from archive.importer.session import ImportOptions, ImportSession
from tests.factories import Agency, winslet_getty, winslet_wireimage, write_photo


def import_example(archive: Archive, folder: Path) -> list[int]:
    """Three photos: Getty (Winslet + Threapleton), WireImage (Winslet), one bare picture."""
    write_photo(folder / "1_getty.jpg", winslet_getty(), seed=301)
    write_photo(folder / "2_wire.jpg", winslet_wireimage(), seed=302)
    write_photo(folder / "3_bare.jpg", Agency(caption="Guests arrive"), seed=303)
    session = ImportSession(archive, [folder], ImportOptions(jobs=1))
    for _ in session.run():
        pass
    assert not session.report.failed, session.report.failed
    by_name = {}
    from archive.services.photos import PhotoService

    service = PhotoService(archive.sessions)
    for pid in session.report.photo_ids:
        by_name[Path(service.detail(pid)["source_paths"][0]).name] = pid
    return [by_name["1_getty.jpg"], by_name["2_wire.jpg"], by_name["3_bare.jpg"]]
