"""The preview embedded in a JPEG's EXIF (IFD1), shown until our own thumbnail exists.

Photo Mechanic's trick: a picture is on screen the moment it is catalogued, from the
~160 px JPEG the camera already put in the EXIF block, while the real 320 px thumbnail
is made in the background. Only the file's first bytes are read (EXIF sits in APP1,
at most 64 KB, near the start), never the image data.
"""

from __future__ import annotations

import io
from pathlib import Path

import exifread
from PIL import Image

HEAD_BYTES = 256 * 1024  # APP0, an ICC profile and APP1 fit in this many bytes
MAX_PREVIEW_EDGE = 1024  # an IFD1 "thumbnail" larger than this is not a preview
# EXIF orientation → the transposition that makes the picture upright (as Pillow's
# ImageOps.exif_transpose does for the main image; the preview shares its orientation).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def embedded_preview(path: Path) -> bytes | None:
    """The upright embedded preview of the JPEG at *path*, as JPEG bytes, or None.

    None when the file is not a JPEG, has no usable preview, or cannot be read: a
    preview is a nicety, so no error ever comes out of here.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
        if not head.startswith(b"\xff\xd8"):
            return None
        tags = exifread.process_file(io.BytesIO(head), details=False, extract_thumbnail=True)
        data = tags.get("JPEGThumbnail")
        if not isinstance(data, bytes) or not data.startswith(b"\xff\xd8"):
            return None
        with Image.open(io.BytesIO(data)) as im:
            if im.format != "JPEG" or max(im.size) > MAX_PREVIEW_EDGE:
                return None
            im.load()
            upright = _UPRIGHT.get(_orientation(tags))
            if upright is None:
                return data
            out = io.BytesIO()
            im.transpose(upright).save(out, "JPEG", quality=85)
            return out.getvalue()
    except Exception:  # exifread and Pillow raise anything on hostile bytes
        return None


def _orientation(tags: dict[str, object]) -> int:
    tag = tags.get("Image Orientation")
    values = getattr(tag, "values", None)
    if isinstance(values, list) and values and isinstance(values[0], int):
        return values[0]
    return 1
