"""search tuning: PostgreSQL keeps how many photos hold each word (photo_fts_lexemes)

Revision ID: 0023_search_tuning
Revises: 0018_vocab_unique
Create Date: 2026-12-03 07:00:00

PostgreSQL only: ``photo_fts_lexemes`` (lexeme → indexed photos holding it) and the
statement triggers on ``photo_fts`` that keep it, so a one-word query's exact total is
one row read instead of a bitmap heap scan of most of the index table (see
archive/search/pg_lexemes.py). Filled here from the existing index rows (one pass over
the index: ~10 s at 1M photos), then ANALYZE. SQLite: nothing changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023_search_tuning"
down_revision: str | None = "0018_vocab_unique"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from sqlalchemy import inspect, text

    from archive.search import pg_lexemes, schema

    if not inspect(bind).has_table(schema.TABLE):
        return  # no index yet: the first reindex builds it with everything
    schema.ensure(bind)  # the new table and its triggers (the rest is there already)
    pg_lexemes.fill(bind)
    bind.execute(text(f"ANALYZE {schema.LEXEMES}"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from archive.search import schema

    op.execute(f"DROP TABLE IF EXISTS {schema.LEXEMES}")
    op.execute(f"DROP FUNCTION IF EXISTS {schema.LEXEMES}_add() CASCADE")
    op.execute(f"DROP FUNCTION IF EXISTS {schema.LEXEMES}_sub() CASCADE")
