"""The newest migration (archive/db/migrations). Opening a current catalogue compares against
it with one query and never imports Alembic (a third of the app's start-up), nor, for the
read commands, SQLAlchemy (archive/db/sqlite_direct.py); a test keeps it in step."""

SCHEMA_HEAD = "0026_search_name_pairs"
