"""Landing a built bundle: zipped if asked, an old target set aside, leftovers removed.

The export service builds every bundle in a temporary folder beside its target; these are
the file-system steps around the rename that puts it in place (services/exports.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from archive.errors import UsageError


def set_aside(target: Path, overwrite: bool) -> Path | None:
    if not target.exists():
        return None
    if not overwrite:
        raise UsageError(f"{target} appeared while exporting: nothing was replaced")
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(target, old)
    return old


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def zip_folder(folder: Path, dest: Path) -> None:
    import zipfile  # only a .zip target needs it

    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_STORED) as zf:
        for path in sorted(folder.iterdir()):
            # JPEGs do not compress; the text files do.
            kind = zipfile.ZIP_STORED if path.suffix.lower() == ".jpg" else zipfile.ZIP_DEFLATED
            zf.write(path, path.name, compress_type=kind)
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())
