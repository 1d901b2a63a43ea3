"""File names for export bundles: safe on every desktop OS, readable, unique within a bundle.

Decisions (documented here, tested in tests/archive/export/test_names.py):

* ``safe_filename`` makes one name safe, nothing more: NFC; control and
  format characters (C0/C1, DEL, bidi overrides, zero-width) dropped, other
  whitespace collapsed to one space; path separators and the characters
  Windows forbids (``<>:"/\\|?*``) become ``_``; runs of dots become one dot
  (no ``..`` anywhere); leading and trailing dots and
  spaces trimmed (no hidden files, no ``.``/``..``, nothing Windows strips);
  Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an
  extension such as ``nul.jpg``) get a ``_`` prefix; cut to ``max_bytes``
  UTF-8 bytes keeping the extension and never splitting a character (nor a
  letter from its accents); an empty result becomes ``unnamed``. It is
  idempotent. Spaces are kept (they are legal everywhere).
* ``NameAllocator`` names bundle files from a caption-style template. Photo
  desks want names without spaces, so every run of whitespace in a rendered
  name becomes ``-``. In names, ``{people}`` lists the names without "and"
  (``Kate-Winslet-Mia-Threapleton``), ``{seq}`` is the 1-based position,
  zero-padded to 3 digits. A variable without a value renders as nothing and
  the separators around it collapse: a run of ``_``/``-`` that contains ``_``
  becomes ``_``, a run of ``-`` becomes ``-``, and separators and dots at
  either end of the stem go. Path separators, forbidden characters and
  controls inside values separate words (``AC/DC`` → ``AC-DC``). Names are
  unique case-insensitively (Windows and macOS file systems are): later ones
  get ``-2``, ``-3``… before the extension.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from archive.captions import CaptionContext, UnresolvedVariableError, check, escape, render
from archive.captions.template import Field, parse

# The photo id in every default name (issue 18 item 11): file ↔ photo at a glance, in the
# bundle, the manifest and `creditdesk show ID`. {seq} numbers files in bundle order.
DEFAULT_NAME_TEMPLATE = "{date:%Y%m%d}_{event}_{people}_id{id}.jpg"
SEQUENCE_NAME_TEMPLATE = "{date:%Y%m%d}_{event}_{people}_{seq}.jpg"
FALLBACK_NAME = "unnamed"
MIN_BYTES = 16

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
_RESERVED = re.compile(
    r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])\Z", re.IGNORECASE
)
# Characters that belong to the one before them: never cut between them.
_JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f"} | {chr(c) for c in range(0x1F3FB, 0x1F400)})
_SEP_RUN = re.compile(r"[_\-]{2,}")
_DOTS = re.compile(r"\.{2,}")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _drop_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return True
    # Format characters: bidi overrides spoof extensions ("gpj.exe"), zero-width ones
    # hide differences. The emoji joiner and variation selectors stay (emoji).
    return cat == "Cf" and ch not in _JOINERS


def _cut(text: str, max_bytes: int) -> str:
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    cut = raw[:max_bytes].decode("utf-8", errors="ignore")
    while cut and (unicodedata.combining(text[len(cut)]) or text[len(cut)] in _JOINERS):
        cut = cut[:-1]
    while cut and cut[-1] in _JOINERS:  # a joiner with nothing to join
        cut = cut[:-1]
    return cut


def _split_ext(name: str, max_bytes: int) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or " " in ext:
        return name, ""
    ext = "." + ext
    if len(ext.encode("utf-8")) > min(16, max_bytes // 2):
        return name, ""  # not an extension, just a dot in a long name
    return stem, ext


def _is_reserved(name: str) -> bool:
    return bool(_RESERVED.match(name.split(".", 1)[0].rstrip(" ")))


def _one_pass(name: str, max_bytes: int) -> str:
    name = unicodedata.normalize("NFC", name)
    # Whitespace controls (tab, newline) count as spaces before controls are dropped.
    name = _SPACES.sub(" ", name)
    name = "".join(ch for ch in name if not _drop_char(ch))
    name = _FORBIDDEN.sub("_", name)
    name = _DOTS.sub(".", name)  # no ".." anywhere: some unzip/sync tools reject it
    name = _SPACES.sub(" ", name).strip(". ")
    if _is_reserved(name):
        name = "_" + name
    stem, ext = _split_ext(name, max_bytes)
    stem = _cut(stem, max_bytes - len(ext.encode("utf-8"))).rstrip(". ")
    name = (stem + ext).strip(". ")
    return name or FALLBACK_NAME


def safe_filename(name: str, max_bytes: int = 180) -> str:
    """``name`` as a file name safe on Linux, macOS and Windows (see module doc)."""
    if max_bytes < MIN_BYTES:
        raise ValueError(f"max_bytes must be at least {MIN_BYTES}")
    # Trimming can expose a reserved name or a trailing dot; repeat until nothing changes.
    for _ in range(4):
        fixed = _one_pass(name, max_bytes)
        if fixed == name:
            break
        name = fixed
    return name


def _collapse(stem: str) -> str:
    stem = _DOTS.sub(".", stem)
    stem = _SEP_RUN.sub(lambda m: "_" if "_" in m.group() else "-", stem)
    return stem.strip("_-. ")


class NameAllocator:
    """Unique, safe file names for the files of one bundle, from a template.

    >>> import datetime
    >>> names = NameAllocator(SEQUENCE_NAME_TEMPLATE)
    >>> ctx = CaptionContext(people=("Kate Winslet",), event="BAFTA TV Awards",
    ...                      date=datetime.date(2023, 5, 14))
    >>> names.name_for(ctx)
    '20230514_BAFTA-TV-Awards_Kate-Winslet_001.jpg'
    >>> names.name_for(ctx)
    '20230514_BAFTA-TV-Awards_Kate-Winslet_002.jpg'
    >>> names.name_for(CaptionContext())
    '003.jpg'
    >>> NameAllocator().name_for(dataclasses.replace(ctx, id=42))
    '20230514_BAFTA-TV-Awards_Kate-Winslet_id42.jpg'
    """

    def __init__(
        self,
        template: str = DEFAULT_NAME_TEMPLATE,
        *,
        extension: str = ".jpg",
        max_bytes: int = 180,
        reserved: Iterable[str] = (),
        extra_names: Iterable[str] = (),
    ) -> None:
        """``reserved``: names already used in the bundle (captions.csv…); ``extra_names``:
        the ``CaptionContext.extra`` variables the template may use besides ``{seq}``."""
        # TemplateError now (syntax, unknown variable), not at the 50th photo.
        check(template, extra_names=("seq", *extra_names))
        if max_bytes < MIN_BYTES:
            raise ValueError(f"max_bytes must be at least {MIN_BYTES}")
        self.template = template
        self.extension = (
            extension if extension.startswith(".") or not extension else "." + extension
        )
        self.max_bytes = max_bytes
        self._taken: set[str] = set()
        self._seq = 0
        for name in reserved:
            self._taken.add(safe_filename(name, max_bytes).casefold())

    def name_for(self, ctx: CaptionContext, seq: int | None = None) -> str:
        """The next name: ``seq`` defaults to 1, 2, 3… in call order."""
        self._seq = seq if seq is not None else self._seq + 1
        extra = {**ctx.extra, "seq": f"{self._seq:03d}"}
        people = tuple(p for p in ctx.people if p.strip())
        ctx = dataclasses.replace(ctx, people=(" ".join(people),) if people else (), extra=extra)
        text = _render_lenient(self.template, ctx)
        # In names, separators and controls separate words: "AC/DC" → "AC-DC".
        text = _SPACES.sub("-", _CONTROLS.sub("-", _FORBIDDEN.sub("-", text)).strip())
        ext = self.extension
        if ext and text.casefold().endswith(ext.casefold()):
            ext, text = text[len(text) - len(ext) :], text[: len(text) - len(ext)]
        name = _collapse(text)
        return self.unique(name + ext if name else FALLBACK_NAME + ext)

    def unique(self, name: str) -> str:
        """``name`` made safe and unused in this bundle (case-insensitively), then taken."""
        name = safe_filename(name, self.max_bytes)
        stem, ext = _split_ext(name, self.max_bytes)
        candidate, n = name, 1
        while candidate.casefold() in self._taken:
            n += 1
            suffix = f"-{n}{ext}"
            room = self.max_bytes - len(suffix.encode("utf-8"))
            candidate = safe_filename(_cut(stem, room).rstrip(". ") + suffix, self.max_bytes)
        self._taken.add(candidate.casefold())
        return candidate


def _render_lenient(template: str, ctx: CaptionContext) -> str:
    """``render``, but variables without a value render as nothing."""
    try:
        return render(template, ctx)
    except UnresolvedVariableError as exc:
        missing = set(exc.names)
    pieces: list[str] = []
    for part in parse(template):
        if isinstance(part, Field):
            if part.name in missing:
                continue
            pieces.append(
                f"{{{part.name}:{part.arg}}}" if part.arg is not None else f"{{{part.name}}}"
            )
        else:
            pieces.append(escape(part))
    return render("".join(pieces), ctx)
