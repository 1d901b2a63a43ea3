"""pg_dump / pg_restore / psql for a team catalogue, without ever putting a password on a
command line or in a message: the URL's parts travel as libpq environment variables."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from archive.errors import CatalogueError

_QUERY_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
}
_SIMPLE = re.compile(r"[a-z_][a-z0-9_$]*\Z")


def libpq_env(url: str) -> dict[str, str]:
    """The environment that makes libpq tools connect where *url* points."""
    parsed = make_url(url)
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", parsed.port),
        ("PGUSER", parsed.username),
        ("PGDATABASE", parsed.database),
        ("PGPASSWORD", parsed.password),  # only when the URL carries one (never stored)
    ):
        if value is not None:
            env[key] = str(value)
    for key, var in _QUERY_ENV.items():
        raw = parsed.query.get(key)
        found = raw[0] if isinstance(raw, tuple) else raw
        if found:
            env[var] = str(found)
    return env


def schema_of(url: str, engine: Engine | None = None) -> str:
    """The schema holding the catalogue: the URL's search_path option, else current_schema()."""
    options = make_url(url).query.get("options")
    if isinstance(options, tuple):
        options = options[0]
    if options:
        found = re.search(r"search_path\s*=\s*([^\s,]+)", unquote(str(options)))
        if found:
            return found.group(1).strip('"')
    if engine is not None:
        with engine.connect() as conn:
            name = conn.execute(text("SELECT current_schema()")).scalar()
            if name:
                return str(name)
    return "public"


def quote_ident(name: str) -> str:
    return name if _SIMPLE.match(name) else '"' + name.replace('"', '""') + '"'


def tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise CatalogueError(
            f"{name} was not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client)"
        )
    return found


def run(args: list[str], url: str, stdin: bytes | None = None) -> bytes:
    password = make_url(url).password
    proc = subprocess.run(
        args, input=stdin, env=libpq_env(url), capture_output=True, check=False, timeout=3600
    )
    if proc.returncode != 0:
        message = proc.stderr.decode(errors="replace").strip()
        if password:
            message = message.replace(str(password), "***")
        raise CatalogueError(f"{Path(args[0]).name} failed: {message[-2000:]}")
    return proc.stdout


def dump(url: str, schema: str, dest: Path, snapshot: str | None = None) -> None:
    """`pg_dump -Fc` of one schema (the catalogue), at *snapshot* when given."""
    args = [tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-n", schema, "-f", str(dest)]
    if snapshot:
        args.append(f"--snapshot={snapshot}")
    run(args, url)


def restore(url: str, dump_file: Path, from_schema: str, to_schema: str, prelude: str = "") -> None:
    """Restore a schema dump into *to_schema* (which may differ from the dumped one), in one
    transaction: all of it or nothing."""
    script = run(
        [tool("pg_restore"), "--no-owner", "--no-privileges", "-f", "-", str(dump_file)], url
    ).decode("utf-8")
    sql = rename_schema(script, from_schema, to_schema)
    prelude = (
        f"CREATE SCHEMA IF NOT EXISTS {quote_ident(to_schema)};\n"
        f"SET search_path = {quote_ident(to_schema)};\n{prelude}"
        "SELECT pg_catalog.set_config('search_path', '', false);\n"
    )
    run(
        [tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-"],
        url,
        stdin=(prelude + sql).encode("utf-8"),
    )


def rename_schema(script: str, old: str, new: str) -> str:
    """Point a pg_restore script at another schema. Only SQL lines change, never the rows
    between ``COPY … FROM stdin;`` and ``\\.`` (a caption may well contain the old name)."""
    pattern = re.compile(
        r'(?<![\w$"])(?:' + re.escape(old) + "|" + re.escape(quote_ident(old)) + r")\."
    )
    target = quote_ident(new) + "."
    out: list[str] = []
    in_copy = False
    for line in script.splitlines(keepends=True):
        if in_copy:
            out.append(line)
            if line.rstrip("\n") == "\\.":
                in_copy = False
            continue
        if re.match(rf"CREATE SCHEMA {re.escape(quote_ident(old))};", line):
            continue
        out.append(pattern.sub(target, line))
        if line.startswith("COPY ") and line.rstrip().endswith("FROM stdin;"):
            in_copy = True
    return "".join(out)
