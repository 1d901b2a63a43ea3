"""A field written over the ORM model ``Photo`` still works: searching builds its queries
over the Core handle (archive/db/read_tables.py), and such a field's conditions are read
as conditions on that same photo table, subqueries included."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from archive.db.models import Photo
from archive.handle import Archive
from archive.search import SearchService
from archive.search import fields as search_fields
from archive.search.fields import Context, register_field
from archive.search.nodes import Field
from tests.archive.services.helpers import import_example


def test_a_field_over_the_model(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    getty, wire, bare = import_example(archive, tmp_path / "in")
    monkeypatch.setattr(search_fields, "FIELDS", dict(search_fields.FIELDS))

    def upto(node: Field, _ctx: Context) -> object:
        inner = select(Photo.id).where(Photo.id <= int(node.value))
        return Photo.id.in_(inner) & (Photo.format == "JPEG")

    register_field("upto", upto)  # type: ignore[arg-type]
    first = min(getty, wire, bare)
    found = SearchService(archive).search(f"upto:{first}", limit=None)
    assert (found.total, found.ids) == (1, (first,))
    # Beside words and sorting, with the page walked in order.
    assert SearchService(archive).search(f"upto:{first} kate sort:taken").total <= 1
    assert SearchService(archive).search(f"-upto:{first}", limit=None).total == 2
