"""One exported file: the photo's bytes with its caption and credit embedded.

`original` keeps the agency's bytes with new metadata (image data byte for byte);
`web` / N px is a resized sRGB derivative carrying the same metadata.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.captions import CaptionContext
from archive.errors import ArchiveError, UsageError
from archive.parallel import mp_context
from archive.ratings import xmp_label

if TYPE_CHECKING:  # the writer (exiv2) loads in the processes that write, not the parent
    from archive.metadata.writer import WriteFields

WEB_LONG_EDGE = 2048
# (original, its expected SHA-256, the photo's detail, long edge or None, destination)
Job = tuple[Path, str, dict[str, Any], int | None, Path]


def parse_size(text: str) -> int | None:
    """'original' → None; 'web' → 2048; '1600' → 1600."""
    value = text.strip().lower()
    if value == "original":
        return None
    if value == "web":
        return WEB_LONG_EDGE
    try:
        px = int(value)
    except ValueError:
        raise UsageError(
            f"--size is original, web or a long edge in pixels, not {text!r}"
        ) from None
    if not 64 <= px <= 20000:
        raise UsageError("--size in pixels must be between 64 and 20000")
    return px


@dataclass(frozen=True)
class ExportedFile:
    name: str
    sha256: str
    truncated: tuple[str, ...]
    warnings: tuple[str, ...]
    # What happened to the file's C2PA Content Credentials (archive.provenance.export);
    # None when it carried none.
    credentials: dict[str, Any] | None = None


def write_fields(detail: dict[str, Any]) -> WriteFields:
    """What we write: every field we hold a value for; None leaves the agency's value."""
    from archive.metadata.writer import WriteFields

    def text(key: str) -> str | None:
        value = detail.get(key)
        return str(value) if value else None

    event = detail.get("event") or {}
    return WriteFields(
        caption=text("caption"),
        headline=text("headline"),
        title=text("title"),
        creator=text("photographer") or text("creator"),
        credit_line=text("credit_line"),
        source=text("source"),
        copyright=text("copyright"),
        usage_terms=text("usage_terms"),
        special_instructions=text("special_instructions"),
        supplier_image_id=text("supplier_image_id"),
        keywords=tuple(detail.get("keywords") or ()) or None,
        people=tuple(detail.get("people") or ()) or None,
        event=event.get("name") or None,
        city=text("city") or event.get("city") or None,
        sublocation=text("sublocation") or event.get("venue") or None,
        state=text("state"),
        country=text("country") or event.get("country") or None,
        country_code=text("country_code"),
        date_created=datetime.fromisoformat(detail["taken_at"]) if detail.get("taken_at") else None,
        alt_text=text("alt_text"),
        extended_description=text("extended_description"),
        creator_job_title=text("creator_job_title"),
        job_id=text("job_id"),
        # The catalogue's marks are the desk's: written as they stand ("" removes a cleared one).
        rating=str(detail["rating"]) if detail.get("rating") else "",
        label=xmp_label(detail.get("label")) or "",
        digital_source_type=(detail.get("provenance") or {}).get("digital_source_type") or None,
    )


def export_file(
    source: Path, expected_sha: str, detail: dict[str, Any], long_edge: int | None, dest: Path
) -> ExportedFile:
    """Read the original, embed the metadata (resizing first if asked), write *dest*.

    Runs in worker processes; *dest* lies in the bundle's temporary folder, which is
    renamed into place only once every file is written.
    """
    from archive.metadata.writer import make_derivative, write_metadata
    from archive.provenance.export import plan_credentials

    with open(source, "rb", buffering=0) as fh:
        # Exactly the file's size: an open-ended read over-allocates, and glibc then
        # serves each file with fresh pages (page faults cost more than the read).
        data = fh.read(os.fstat(fh.fileno()).st_size)
    if hashlib.sha256(data).hexdigest() != expected_sha:
        raise ArchiveError(
            f"photo {detail['id']}: the original at {source} no longer matches its hash — "
            "run `creditdesk verify`; nothing was exported"
        )
    if detail.get("write_sidecar"):
        return _export_with_sidecar(data, expected_sha, detail, long_edge, dest)
    if long_edge is None and detail.get("format") != "JPEG":
        raise UsageError(
            f"photo {detail['id']} is {detail.get('format')}: its metadata can only be embedded "
            "in a JPEG — export with --size web or a pixel size, or with --sidecar"
        )
    fields = write_fields(detail)
    plan = plan_credentials(
        data,
        fields,
        long_edge,
        str(detail.get("credentials_policy") or "keep-or-remove"),
        ((detail.get("provenance") or {}).get("c2pa") or {}).get("state"),
    )
    if plan.keep_as_received:
        with open(dest, "wb") as fh:
            fh.write(data)
        return ExportedFile(dest.name, expected_sha, (), (), plan.record)
    received, data = data, plan.data
    if long_edge is not None:
        data = make_derivative(data, long_edge)
    result = write_metadata(data, fields)
    parts: tuple[bytes | memoryview, ...] = result.parts
    sha, warnings, record = result.sha256(), result.warnings + plan.warnings, plan.record
    if record and record["action"] == "removed" and detail.get("desk_signer"):
        from archive.provenance.signing import DeskSigner, sign_export

        chain, key, alg = detail["desk_signer"]
        signed = sign_export(
            result.data, received, DeskSigner(chain, key, alg), dest.name, record["why"]
        )
        parts, sha = (signed,), hashlib.sha256(signed).hexdigest()
        record = {**record, "action": "signed"}
        warnings = (
            *result.warnings,
            f"Content Credentials re-signed by the desk ({record['why']}); the file as "
            "received, with its own credentials, is the new manifest's parent ingredient",
        )
    # Made durable by export_many's sync thread, before the bundle is renamed into place.
    with open(dest, "wb") as fh:
        for part in parts:
            fh.write(part)
    return ExportedFile(dest.name, sha, result.truncated, warnings, record)


def sidecar_name(picture: Path) -> Path:
    """``NAME.xmp`` beside ``NAME.jpg`` (Adobe's convention, read by every DAM)."""
    return picture.with_suffix(".xmp")


def _export_with_sidecar(
    data: bytes, sha: str, detail: dict[str, Any], long_edge: int | None, dest: Path
) -> ExportedFile:
    """The original's bytes untouched, and the metadata in ``NAME.xmp`` beside them."""
    from archive.metadata.sidecar_writer import sidecar_packet

    if long_edge is not None:
        raise UsageError("--sidecar keeps the original's bytes: export it with --size original")
    packet = sidecar_packet(data, write_fields(detail))
    with open(dest, "wb") as fh:
        fh.write(data)
    side = sidecar_name(dest)
    with open(side, "wb") as fh:
        fh.write(packet)
        fh.flush()
        os.fsync(fh.fileno())  # the picture is synced by export_many; its sidecar here
    from archive.provenance.jumbf import has_c2pa

    kept = {"action": "kept", "why": "sidecar export: the picture is byte for byte the original"}
    return ExportedFile(
        dest.name,
        sha,
        (),
        (f"metadata written to {side.name}; {dest.name} is byte for byte the original",),
        kept if has_c2pa(data) else None,
    )


def export_many(
    jobs: list[tuple[Path, str, dict[str, Any], int | None, Path]],
    pool: Executor | None = None,
    on_file: Callable[[int, ExportedFile], None] | None = None,
) -> list[ExportedFile]:
    """Every file of a bundle, on all cores when there are enough to be worth a pool.

    *pool*: writer processes started (and warmed) ahead by the caller, who shuts them down
    (archive/export/helpers.py); else a pool is started here when the bundle is big enough.
    *on_file(i, file)* is called as each file is written, in job order (the contact sheet is
    laid out while the next files are made).
    """
    workers = min(os.cpu_count() or 1, len(jobs))
    own = pool is None
    out: list[ExportedFile] = []
    # Each written file is flushed to disk by a thread while the next ones are made, so
    # the bundle's final sync finds little left to write (a sync of 1.4 GB at the end
    # took as long as a third of the export). fsync waits on the disk, not the GIL.
    with ThreadPoolExecutor(1) as syncer:
        synced = []
        if pool is None and (workers < 2 or len(jobs) < 4):
            done: Iterable[ExportedFile] = (export_file(*job) for job in jobs)
        else:
            if pool is None:
                pool = ProcessPoolExecutor(workers, mp_context=mp_context())
            done = pool.map(_export_job, jobs, chunksize=4)
        try:
            for job, result in zip(jobs, done, strict=True):
                out.append(result)
                synced.append(syncer.submit(_fsync, job[4]))
                if on_file is not None:
                    on_file(len(out) - 1, result)
        finally:
            if own and pool is not None:
                pool.shutdown(cancel_futures=True)
        for fut in synced:
            fut.result()  # a disk error fails the export like any other write error
    return out


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _export_job(job: Job) -> ExportedFile:
    return export_file(*job)


def caption_context(detail: dict[str, Any]) -> CaptionContext:
    """For file names: the same variables as caption templates, plus {title} and {id}."""
    from datetime import date

    event = detail.get("event") or {}
    when: date | None = None
    if event.get("date"):
        when = date.fromisoformat(event["date"])
    elif detail.get("taken_at"):
        when = datetime.fromisoformat(detail["taken_at"]).date()
    return CaptionContext(
        people=tuple(detail.get("people") or ()),
        event=event.get("name"),
        venue=event.get("venue"),
        date=when,
        city=event.get("city") or detail.get("city"),
        country=event.get("country") or detail.get("country"),
        photographer=detail.get("photographer"),
        agency=detail.get("agency"),
        credit=detail.get("credit_line"),
        headline=detail.get("headline"),
        title=detail.get("title"),
        id=detail.get("id"),
    )
