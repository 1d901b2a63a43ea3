"""Set up the decoders once per process, the same way wherever pixels or headers are read.

The importer's workers, `verify --repair` and export all decode pictures; each must
accept exactly what import accepts (HEIF through pillow-heif's opener) with the same limits.
"""

from __future__ import annotations

import warnings

# 100 MP+ camera backs exist; we enforce our own limit and message.
MAX_PIXELS = 200_000_000
# Pillow refuses a PNG whose compressed text chunk inflates past 1 MB (MAX_TEXT_CHUNK):
# real files carry larger XMP and ImageMagick "Raw profile" chunks. The file itself is at
# most 1 GB (importer.stages.MAX_FILE_BYTES); these bound what a zlib bomb can inflate.
MAX_TEXT_CHUNK = 64 * 1024 * 1024
MAX_TEXT_MEMORY = 256 * 1024 * 1024

_ready = False


def init_decoders() -> None:
    """Idempotent; call it before any Image.open in a process."""
    global _ready
    if _ready:
        return
    import pillow_heif
    from PIL import Image, PngImagePlugin

    pillow_heif.register_heif_opener()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    PngImagePlugin.MAX_TEXT_CHUNK = MAX_TEXT_CHUNK
    PngImagePlugin.MAX_TEXT_MEMORY = MAX_TEXT_MEMORY
    # Below 2x its limit Pillow only warns; our limit and message replace it.
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
    # Pillow complains about IPTC-NAA typed LONG; we read that tag elsewhere.
    warnings.filterwarnings("ignore", message="Metadata Warning", category=UserWarning)
    _ready = True
