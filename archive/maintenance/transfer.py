"""`migrate --from DIR --to URL|PATH`: move a catalogue between SQLite and PostgreSQL.

Every table is copied in dependency order with Core bulk inserts in chunks, ids kept,
inside one destination transaction (a failed move leaves the destination as it was);
PostgreSQL sequences are set past the copied ids, and the search index is rebuilt. The
copy is then proven: each table's row count and SHA-256 (hashed while reading the source
snapshot) must match the destination's, and every photo's file must hash to its sha256.
"""

from __future__ import annotations

import functools
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url

from archive.db.models import Photo
from archive.errors import UsageError
from archive.handle import CATALOGUE_FILE, Archive
from archive.maintenance.files import CONFIG_FILES, hash_many, place
from archive.maintenance.safety import TEAM_FILE, strip_password
from archive.maintenance.tables import (
    Hasher,
    TableDigest,
    data_tables,
    digest_all,
    digest_table,
    raw_table,
    snapshot,
    stream,
)
from archive.maintenance.team import ensure_pg_schema, record_team_archive


@dataclass
class TransferReport:
    source: str
    destination: str
    library: str
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    photos_checked: int = 0
    files_copied: int = 0
    indexed: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "source": self.source,
            "destination": self.destination,
            "library": self.library,
            "tables": self.tables,
            "rows": sum(t["rows"] for t in self.tables.values()),
            "photos_checked": self.photos_checked,
            "files_copied": self.files_copied,
            "indexed": self.indexed,
            "problems": self.problems,
            "seconds": round(self.seconds, 3),
        }


def destination(to: str, source: Path, library: Path | None) -> tuple[str, Path]:
    """(catalogue URL, library folder) for ``--to``: a URL, an .sqlite file or a folder."""
    if "://" in to:
        parsed = make_url(to)
        if parsed.get_backend_name() == "sqlite":
            return to, library or Path(parsed.database or ".").parent
        return to, library or source
    path = Path(to).expanduser().absolute()
    if path.suffix in {".sqlite", ".db", ".sqlite3"}:
        return f"sqlite:///{path}", library or path.parent
    return f"sqlite:///{path / CATALOGUE_FILE}", library or path


def transfer(
    source: Path,
    to: str,
    library: Path | None = None,
    force: bool = False,
    source_db: str | None = None,
) -> TransferReport:
    start = time.monotonic()
    source = Path(source).expanduser().absolute()
    url, folder = destination(to, source, library)
    folder = folder.expanduser().absolute()
    is_pg = make_url(url).get_backend_name() == "postgresql"
    if not is_pg and (folder / TEAM_FILE).exists():
        raise UsageError(
            f"{folder} is a team archive folder ({TEAM_FILE}): choose another folder for a "
            "personal catalogue"
        )
    with Archive.open(source, source_db) as src:
        if _same(src.db_url, url):
            raise UsageError("the source and the destination are the same catalogue")
        if is_pg:
            ensure_pg_schema(url)
        with Archive.open(folder, url) as dst:
            report = TransferReport(
                strip_password(src.db_url), strip_password(url), str(dst.folder)
            )
            _refuse_non_empty(dst, force)
            hashes = _copy(src, dst)
            from archive.search import reindex

            report.indexed = reindex(dst)
            with dst.engine.connect() as conn:
                copied = digest_all(conn)
            for name, want in hashes.items():
                have = copied[name]
                ok = have == want
                report.tables[name] = {**have.as_json(), "ok": ok}
                if not ok:
                    report.problems.append(
                        f"table {name}: {have.count} rows at the destination, {want.count} "
                        "in the source, or their contents differ"
                    )
            if dst.folder.resolve() != src.folder.resolve():
                report.files_copied = _copy_files(src, dst)
            _check_photos(dst, report)
            if is_pg:
                record_team_archive(dst)
    report.seconds = time.monotonic() - start
    return report


def _same(a: str, b: str) -> bool:
    ua, ub = make_url(a), make_url(b)
    if ua.get_backend_name() == "sqlite" == ub.get_backend_name():
        return Path(ua.database or "").resolve() == Path(ub.database or "").resolve()
    return strip_password(a) == strip_password(b)


def _refuse_non_empty(dst: Archive, force: bool) -> None:
    """Refuse a destination holding anything beyond what its migrations seeded."""
    fresh = _fresh_digests()
    with dst.engine.begin() as conn:
        held = {}
        for table in data_tables():
            n = _count(conn, table)
            seeded = fresh[table.name]
            if n and (n != seeded.count or digest_table(conn, table) != seeded):
                held[table.name] = n
        if held and not force:
            what = ", ".join(f"{v} {k}" for k, v in held.items())
            raise UsageError(
                f"the destination catalogue is not empty ({what}): add --force to replace it"
            )
        for table in reversed(data_tables()):  # seeded rows too: the source has its own
            conn.execute(delete(table))


@functools.cache
def _fresh_digests() -> dict[str, TableDigest]:
    """What a brand-new catalogue holds (rows seeded by migrations, e.g. default profiles)."""
    from archive.db.engine import make_engine
    from archive.db.migrate import ensure_schema

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'fresh.sqlite'}")
        try:
            ensure_schema(engine)
            with engine.connect() as conn:
                return digest_all(conn)
        finally:
            engine.dispose()


def _count(conn: Connection, table: Table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0


def _copy(src: Archive, dst: Archive) -> dict[str, TableDigest]:
    """Copy every table (one source snapshot, one destination transaction); the source's
    digests, hashed from the very rows that were written."""
    digests: dict[str, TableDigest] = {}
    dialect = dst.engine.dialect.name
    with snapshot(src.engine) as sconn, dst.engine.begin() as dconn:
        for table in data_tables():
            target = raw_table(table, dialect)
            # A row may name a parent in its own table that comes later (agency → parent):
            # insert those links empty and set them once every row is there.
            self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
            later: list[dict[str, Any]] = []
            hasher = Hasher(table)
            for chunk in stream(sconn, table):
                rows = []
                for row in chunk:
                    hasher.add(row)
                    values = dict(row._mapping)
                    for col in self_refs:
                        if values[col] is not None:
                            later.append({"_pk": values["id"], "_col": col, "_v": values[col]})
                            values[col] = None
                    rows.append(values)
                dconn.execute(insert(target), rows)
            for col in self_refs:
                params = [{"_pk": x["_pk"], "_v": x["_v"]} for x in later if x["_col"] == col]
                if params:
                    dconn.execute(
                        update(target)
                        .where(target.c.id == bindparam("_pk"))
                        .values({col: bindparam("_v")}),
                        params,
                    )
            digests[table.name] = hasher.digest()
        if dialect == "postgresql":
            fix_sequences(dconn)
    return digests


def fix_sequences(conn: Connection) -> None:
    """Set each id sequence past the highest id, so the next insert never collides."""
    for table in data_tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        seq = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if seq:
            top = f'(SELECT max("{pk[0].name}") FROM "{table.name}")'
            conn.execute(
                text(f"SELECT setval(:s, COALESCE({top}, 1), {top} IS NOT NULL)"), {"s": seq}
            )


def _copy_files(src: Archive, dst: Archive) -> int:
    copied = 0
    with src.engine.connect() as conn:
        rows = conn.execute(select(Photo.sha256, Photo.stored_path, Photo.managed)).all()
    for sha, stored, managed in rows:
        rels = [str(src.thumbnail_path(sha).relative_to(src.folder))]
        if managed:
            rels.append(stored)
        for rel in rels:
            origin, target = src.folder / rel, dst.folder / rel
            if origin.exists() and not target.exists():
                place(origin, target, link=False)
                copied += 1
    for name in CONFIG_FILES:
        if (src.folder / name).is_file() and not (dst.folder / name).exists():
            place(src.folder / name, dst.folder / name, link=False)
    return copied


def _check_photos(dst: Archive, report: TransferReport) -> None:
    with dst.engine.connect() as conn:
        rows = conn.execute(select(Photo.id, Photo.sha256, Photo.stored_path)).all()
    paths = {r.id: dst.resolve_stored(r.stored_path) for r in rows}
    hashes = hash_many(paths.values())
    for r in rows:
        got = hashes[paths[r.id]]
        if got != r.sha256:
            why = "missing or unreadable" if isinstance(got, OSError) else "different content"
            report.problems.append(f"photo {r.id}: {paths[r.id]} is {why}")
    report.photos_checked = len(rows)
