"""Find a TrueType font with the accents of agency names (Łódź, Zoë) for PDF contact sheets.

Order: an explicit path; ``$CREDITDESK_PDF_FONT``; the copy a desktop bundle carries
(``resources/fonts``, put there by bundle/creditdesk.spec); DejaVu Sans where Linux
distributions put it (Debian/Ubuntu ``fonts-dejavu-core``, Fedora, Arch) or the
copy matplotlib ships (found without importing it); Arial on macOS/Windows.
None means there is no such font: the caller falls back to a core PDF font and
transliterates what it cannot show (``pdf_text``).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

FONT_ENV = "CREDITDESK_PDF_FONT"
INSTALL_HINT = "install fonts-dejavu-core (Debian/Ubuntu) or set CREDITDESK_PDF_FONT to a .ttf"

_CANDIDATES: tuple[tuple[str, str], ...] = (
    # (regular, bold); bold may be missing
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/local/share/fonts/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "arialbd.ttf"),
)


@dataclass(frozen=True)
class UnicodeFont:
    regular: Path
    bold: Path | None


def _with_bold(regular: Path, bold_name: str | None) -> UnicodeFont:
    bold = regular.with_name(bold_name) if bold_name else None
    return UnicodeFont(regular, bold if bold is not None and bold.is_file() else None)


def _bundled_dejavu() -> Path | None:
    from importlib import resources

    path = Path(str(resources.files("resources"))) / "fonts" / "DejaVuSans.ttf"
    return path if path.is_file() else None


def _matplotlib_dejavu() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    return path if path.is_file() else None


def find_unicode_font(explicit: str | os.PathLike[str] | None = None) -> UnicodeFont | None:
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise FileNotFoundError(f"PDF font not found: {path}")
        return UnicodeFont(path, None)
    env = os.environ.get(FONT_ENV)
    if env and Path(env).is_file():
        return UnicodeFont(Path(env), None)
    bundled = _bundled_dejavu()
    if bundled is not None:
        return _with_bold(bundled, "DejaVuSans-Bold.ttf")
    for regular, bold in _CANDIDATES:
        path = Path(regular)
        if path.is_file():
            return _with_bold(path, bold)
    mpl = _matplotlib_dejavu()
    return _with_bold(mpl, "DejaVuSans-Bold.ttf") if mpl else None


def latin1_text(text: str) -> str:
    """What a core PDF font can show: Latin-1 characters kept, others transliterated.

    "Zoë" stays "Zoë" (it is in Latin-1); "Łódź" becomes "Lódz".
    """
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(anyascii(ch))
    return "".join(out)
