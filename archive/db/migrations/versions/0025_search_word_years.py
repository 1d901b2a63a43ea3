"""search word years: PostgreSQL keeps how many photos hold each word per year taken

Revision ID: 0025_search_word_years
Revises: 0024_search_narrow_rows
Create Date: 2026-12-04 19:30:00

PostgreSQL only: ``photo_fts_lexeme_years`` (lexeme, year taken → indexed photos), kept
by the statement triggers that keep ``photo_fts_lexemes`` (their functions gain a second
statement), so a deep page of one word in date order starts at its year without
visiting the matches before it (archive/search/pg_deep.py). Filled here from the index
rows (one pass: ~1 min at 1M photos). SQLite: nothing changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025_search_word_years"
down_revision: str | None = "0024_search_narrow_rows"
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
    schema.ensure(bind)  # the new table, and the trigger functions that keep it
    pg_lexemes.fill_years(bind)
    bind.execute(text(f"ANALYZE {schema.LEXEME_YEARS}"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from archive.search import schema

    # The functions of 0023 without the years statement, then the table.
    for stmt in schema.PG_TRIGGERS_0023:
        op.execute(stmt)
    op.execute(f"DROP TABLE IF EXISTS {schema.LEXEME_YEARS}")
