"""The Core handles of the read commands (archive/db/read_tables.py) are the models' tables:
every column they name exists there, and every column whose values SQLAlchemy converts
(dates, JSON, booleans, decimals) carries the model's type, so a Core read returns what the
ORM did."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Integer, String, Text

from archive.db import read_tables
from archive.db.models import Base

# Types whose values both drivers return as they are: a handle may leave them untyped.
AS_STORED = (Integer, BigInteger, String, Text, Float)


def test_every_handle_column_is_the_models_column_with_its_type() -> None:
    for handle in read_tables.TABLES:
        model = Base.metadata.tables[handle.name]
        for col in handle.c:
            where = f"{handle.name}.{col.name}"
            assert col.name in model.c, f"{where} is not in the models"
            want = type(model.c[col.name].type)
            if col.type._isnull:
                assert want in AS_STORED, f"{where} needs its type, {want.__name__}"
            else:
                assert type(col.type) is want, f"{where}: {col.type!r}, not {want.__name__}"
