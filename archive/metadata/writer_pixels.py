"""make_derivative: a resized sRGB JPEG for bundles (Pillow), carrying no metadata yet.

The one place the export re-encodes pixels, and only for *derivatives*; the
originals of a bundle keep their image data byte for byte (writer.py).
"""

from __future__ import annotations

import io
import logging
import math

from PIL import Image, ImageCms, ImageOps

from archive.errors import ArchiveError, MetadataError
from archive.metadata.container import open_image
from archive.metadata.reader import init_worker

log = logging.getLogger(__name__)

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def make_derivative(data: bytes, long_edge: int, quality: int = 88) -> bytes:
    """A JPEG whose longer side is at most ``long_edge`` pixels (never upscaled).

    Draft (DCT-scaled) decoding for speed, EXIF orientation applied (the output
    is upright and has no orientation tag, i.e. orientation 1), colours
    converted from the embedded ICC profile to sRGB when there is one, alpha
    flattened on white. No EXIF, IPTC, XMP or ICC is written: untagged means
    sRGB, and ``write_metadata`` adds the captions afterwards. Reads anything
    the importer reads, HEIC included (HEIC cannot carry our metadata: export
    this instead). Raises MetadataError for unreadable images.
    """
    if long_edge < 1:
        raise ValueError("long_edge must be at least 1")
    if not 1 <= quality <= 100:
        raise ValueError("quality must be within 1..100")
    init_worker()  # HEIF opener, pixel limit
    try:
        return _derivative(data, long_edge, quality)
    except ArchiveError:
        raise
    except MemoryError:
        raise MetadataError("image too large to make a derivative") from None
    except Exception as exc:  # Pillow: OSError (truncated), ValueError, SyntaxError…
        raise MetadataError(
            f"cannot make a derivative ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None


def _derivative(data: bytes, long_edge: int, quality: int) -> bytes:
    im = open_image(data)
    w, h = im.size
    scale = min(1.0, long_edge / max(w, h))
    target = (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale)))
    if im.format == "JPEG" and scale < 1.0:
        # DCT scaling gives at least ``target`` in both axes; the resize does the rest.
        im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else "RGB", target)
    icc = im.info.get("icc_profile")
    im = ImageOps.exif_transpose(im)
    im = _to_srgb(im, icc)
    w, h = im.size
    if max(w, h) > long_edge:
        ratio = long_edge / max(w, h)
        size = (max(1, round(w * ratio)), max(1, round(h * ratio)))
        im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    if im.mode in ("RGBA", "LA", "PA", "P") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        im = flat
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = im.mode if im.mode in ("RGB", "CMYK", "L") else "RGB"
            if im.mode != mode:
                im = im.convert(mode)
            converted = ImageCms.profileToProfile(
                im,
                src,
                _SRGB,
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode="RGB",
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            # A broken or mismatched profile: the pixels are most likely sRGB-ish already.
            log.warning("ICC profile ignored (%s); assuming sRGB", exc)
    return im if im.mode == "RGB" else im.convert("RGB")
