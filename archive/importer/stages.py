"""Per-file import work that runs in worker processes: hash → read → copy, and thumbnails.

Nothing here touches the catalogue: workers return plain results and the one
writer in the parent persists them. Every failure comes back as a message, so
one bad file never stops the batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from archive.errors import ArchiveError
from archive.metadata.embedded import EmbeddedMetadata

# A single original larger than this is refused rather than read into memory;
# medium-format camera backs produce ~300 MB TIFFs, so leave room above that.
MAX_FILE_BYTES = 1 << 30
THUMBNAIL_PX = 320
EXTENSIONS = {"JPEG": ".jpg", "TIFF": ".tif", "PNG": ".png", "WEBP": ".webp", "HEIF": ".heic"}


@dataclass(frozen=True)
class Catalogued:
    path: str
    sha256: str
    size: int
    stored_path: str  # relative to the archive folder when managed, else absolute
    managed: bool
    meta: EmbeddedMetadata


@dataclass(frozen=True)
class Stored:
    path: str
    sha256: str
    stored_path: str | None  # relative to the archive folder; None for --reference
    thumbnail_error: str | None
    dhash: int | None = None
    created: bool = False  # this call wrote the copy (it was not in the archive before)
    copy_error: str | None = None  # the copy into the archive failed (the thumbnail may not)
    # Perceptual fingerprint (whole, centre) for near copies (archive.similar), from the
    # thumbnail already decoded here, so it costs ~3 ms per photo.
    fingerprint: tuple[int, int] | None = None


@dataclass(frozen=True)
class Failure:
    path: str
    error: str


def init_worker() -> None:
    # The parent handles Ctrl-C and shuts the pool down; a worker dying with its own
    # traceback mid-file would only add noise and could leave a half-written temp file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from archive.metadata.reader import init_worker as init_reader

    init_reader()


def original_relpath(sha256: str, fmt: str) -> str:
    return f"originals/{sha256[:2]}/{sha256}{EXTENSIONS.get(fmt, '.bin')}"


def catalogue_file(path: str, trust_anchors: str | None = None) -> Catalogued | Failure:
    """Stage 1, what makes a photo searchable: read once, hash, read the metadata.

    The row first points at the source file (which is never modified); the copy into the
    archive happens in stage 2 and then moves the row to it, so an import killed in
    between leaves a valid record that the next run completes.
    """
    from archive.metadata.reader import read_metadata
    from archive.metadata.sidecar import find_sidecar

    try:
        data = _read_whole(path)
        sha = hashlib.sha256(data).hexdigest()
        meta = read_metadata(
            data, Path(path).name, sidecar=find_sidecar(path), trust_anchors=trust_anchors
        )
        return Catalogued(path, sha, len(data), path, False, meta)
    except (ArchiveError, OSError, MemoryError) as exc:
        return Failure(path, _describe(exc))


def catalogue_files(
    paths: list[str], trust_anchors: str | None = None
) -> list[Catalogued | Failure]:
    """Stage 1 for a group of files (one task, one result message for the group).

    *trust_anchors*: the archive's C2PA trust list (PEM), to validate Content Credentials.
    """
    out: list[Catalogued | Failure] = []
    for path in paths:
        try:
            out.append(catalogue_file(path, trust_anchors))
        except Exception as exc:  # a reader bug fails its own file, not the whole group
            out.append(Failure(path, f"internal error while reading: {type(exc).__name__}: {exc}"))
    return out


def store_file(
    path: str, sha256: str, fmt: str, archive_dir: str | None, thumbnail: str | None
) -> Stored | Failure:
    """Stage 2: copy into the archive (when *archive_dir*) and make the thumbnail.

    The copy is renamed into place but not fsynced: the writer syncs once per batch
    before it points rows at the copies (one sync instead of one per file).
    """
    try:
        data = _read_whole(path)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ArchiveError("the file changed while it was being imported; import it again")
    except (ArchiveError, OSError, MemoryError) as exc:
        return Failure(path, _describe(exc))
    rel, created, copy_error = None, False, None
    if archive_dir is not None:
        try:
            rel = original_relpath(sha256, fmt)
            dest = Path(archive_dir, rel)
            if not (dest.exists() and dest.stat().st_size == len(data)):
                atomic_write(dest, data, durable=False)
                created = True
        except OSError as exc:  # disk full, a blocked folder: the row stays on the source
            rel, copy_error = None, _describe(exc)
    # From here on the copy exists: whatever happens to the thumbnail, the result must say
    # where the copy is, or it would stay in originals/ with no row pointing at it.
    problem: str | None = None
    dhash: int | None = None
    fp: tuple[int, int] | None = None
    try:
        if thumbnail:
            problem, dhash, fp = thumbnail_and_hashes(data, thumbnail, fmt)
    except Exception as exc:  # thumbnail_and_hashes words decoder errors itself; a bug
        problem = f"no thumbnail: internal error ({type(exc).__name__})"
    return Stored(path, sha256, rel, problem, dhash, created, copy_error, fp)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ArchiveError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return "the file disappeared before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(exc, MemoryError):
        return "the file is too large to read into memory"
    if isinstance(exc, OSError):
        return f"cannot read or copy the file: {exc.strerror or exc}"
    return str(exc)


def _read_whole(path: str) -> bytes:
    with open(path, "rb", buffering=0) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            raise ArchiveError("zero-byte file: nothing to import")
        if size > MAX_FILE_BYTES:
            raise ArchiveError(f"file too large ({size / 1e9:.1f} GB, limit 1 GB)")
        # Ask for exactly the size: read(limit) would allocate the whole limit, which
        # glibc serves with fresh pages each time — page faults cost 4x the read itself.
        data = _read_exact(fh, size)
        grew = fh.read(1)
    if len(data) != size or grew:
        raise ArchiveError("the file changed size while it was being read")
    return data


def _read_exact(fh: Any, size: int) -> bytes:
    """*size* bytes, or fewer only at end of file (a file that shrank meanwhile)."""
    data = fh.read(size)
    if len(data) == size or not data:
        return bytes(data)
    parts = [data]
    got = len(data)
    while got < size and (chunk := fh.read(size - got)):
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def atomic_write(dest: Path, data: bytes, durable: bool = True) -> None:
    """Write via a temp file in the same folder, fsync, rename: all or nothing.

    Thumbnails are a cache that can be rebuilt, so they skip the fsyncs (``durable=False``).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        _fsync_dir(dest.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def make_thumbnail(data: bytes, dest: str, fmt: str = "") -> tuple[str | None, int | None]:
    """A 320 px JPEG, EXIF orientation applied, decoded in draft (DCT-scaled) mode.

    Returns (why it failed or None, the picture's dHash). A missing thumbnail never
    fails an import: the photo is catalogued and its original safe. When the pixels
    cannot be decoded (the header read, the image data is cut or damaged) a placeholder
    takes the thumbnail's place, so the grid, `verify` and the row agree on what is there.
    """
    problem, hashed, _ = thumbnail_and_hashes(data, dest, fmt)
    return problem, hashed


def thumbnail_and_hashes(
    data: bytes, dest: str, fmt: str = ""
) -> tuple[str | None, int | None, tuple[int, int] | None]:
    """make_thumbnail, plus the perceptual fingerprint (whole, centre) of the thumbnail."""
    from PIL import Image, ImageOps

    from archive.filetypes.decoders import init_decoders
    from archive.filetypes.wording import decode_failure
    from archive.importer.placeholder import placeholder_jpeg

    init_decoders()  # the HEIF opener too: `verify --repair` calls this in its own process
    from archive.similar.fingerprint import fingerprint

    try:
        with Image.open(BytesIO(data)) as im:
            fmt = fmt or _format_name(im.format)
            im.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))
            thumb: Image.Image = ImageOps.exif_transpose(im)
            thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            if thumb.mode not in ("RGB", "L"):
                thumb = thumb.convert("RGB")
            buf = BytesIO()
            thumb.save(buf, "JPEG", quality=82)
            hashed = dhash(thumb)
            fp = fingerprint(thumb)
    except Exception as exc:  # every decoder raises its own: the boundary catches broadly
        why = decode_failure(exc, fmt or "image")
        try:
            atomic_write(Path(dest), placeholder_jpeg(), durable=False)
        except OSError as err:
            return f"{why}; no thumbnail ({err.strerror or err})", None, None
        return f"{why}; catalogued with a placeholder thumbnail", None, None
    try:
        atomic_write(Path(dest), buf.getvalue(), durable=False)
    except OSError as exc:
        return f"thumbnail not written: {exc.strerror or exc}", None, None
    return None, hashed, (fp.whole, fp.centre)


def _format_name(pillow_format: str | None) -> str:
    return {"MPO": "JPEG"}.get(pillow_format or "", pillow_format or "image")


def dhash(image: Any) -> int:
    """64-bit difference hash: the same picture resized or re-encoded hashes alike, which
    is how a picture sent by two agencies under two credits is found. Signed, to fit a
    BIGINT column on both engines."""
    from PIL import Image

    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    px = small.tobytes()  # one byte per pixel in mode L
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (px[row * 9 + col] > px[row * 9 + col + 1])
    return bits - (1 << 64) if bits >= 1 << 63 else bits
