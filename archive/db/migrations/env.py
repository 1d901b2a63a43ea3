"""Alembic environment: always driven programmatically by archive.db.migrate."""

from __future__ import annotations

from typing import Any

from alembic import context

from archive.db import models  # noqa: F401  (registers every table on Base.metadata)
from archive.db.base import Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    # Full-text tables (FTS5 virtual tables and their shadows) are managed by hand;
    # autogenerate would otherwise try to drop them.
    return not (type_ == "table" and name is not None and name.startswith("photo_fts"))


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
