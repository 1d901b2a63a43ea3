"""Text rules: values IIM will cut, text that was decoded with the wrong character set, and
restriction wording nobody has read yet."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.model import Kind
from archive.compliance.rules.base import Issue, rule
from archive.metadata.fields import FIELDS_BY_NAME, FieldSpec
from archive.text import clean

# text_fields names that differ from the metadata table's (the catalogue's column names).
_FIELD_ALIASES = {"creator": "creators", "byline": "creators", "credit": "credit_line"}
_SHOWN = 80  # longer cut values are quoted by their end: where the cut falls is what matters


def field_spec(name: str) -> FieldSpec | None:
    return FIELDS_BY_NAME.get(_FIELD_ALIASES.get(name, name))


def iim_cut(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` UTF-8 bytes without splitting a character (as IIM is written)."""
    return value.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _embedded(photo: PhotoFacts, spec: FieldSpec) -> str | None:
    return {
        "creators": photo.embedded_byline,
        "credit_line": photo.embedded_credit,
        "source": photo.embedded_source,
    }.get(spec.name)


@rule("iim-truncation", severity="warning", title="Text too long for IIM")
def iim_truncation(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    for name, text in photo.text_fields.items():
        spec = field_spec(name)
        if spec is None or spec.iim_limit is None or not text:
            continue
        # List fields (keywords) arrive joined with newlines; IIM limits each value.
        values = text.split("\n") if spec.kind == "list" else [text]
        for value in values:
            size = len(value.encode("utf-8"))
            if size <= spec.iim_limit:
                continue
            cut = iim_cut(value, spec.iim_limit)
            kept = len(cut.encode("utf-8"))
            sent = clean(_embedded(photo, spec))
            # Said before export, not after (issue 18 item 10): even the agency's own value
            # (WireImage credits are 36 bytes) reaches IIM-only systems cut.
            same = sent is not None and sent in (value.strip(), cut.strip())
            origin = " (as in the agency's own file)" if same else ""
            shown = cut if len(cut) <= _SHOWN else "…" + cut[-_SHOWN:]
            yield Issue(
                f"the {name} '{value if len(value) <= _SHOWN else value[:_SHOWN] + '…'}' is "
                f"{size} bytes, over the {spec.iim_limit}-byte IIM limit: the full value stays "
                f"in XMP; IIM will carry '{shown}' ({kept} bytes kept){origin}",
                f"Shorten the {name} to {spec.iim_limit} bytes if the picture goes to systems "
                "that read only IIM; otherwise nothing to do.",
            )


def _continuations() -> str:
    """Characters that UTF-8 continuation bytes (0x80–0xBF) become when read as cp1252 or
    Latin-1 (Latin-1 turns the five bytes cp1252 leaves undefined into C1 controls)."""
    chars = {bytes([b]).decode("latin-1") for b in range(0x80, 0xC0)}
    for b in range(0x80, 0xC0):
        with contextlib.suppress(UnicodeDecodeError):  # five bytes cp1252 leaves undefined
            chars.add(bytes([b]).decode("cp1252"))
    return "".join(sorted(chars))


_C = f"[{re.escape(_continuations())}]"
# A misread UTF-8 character: a lead byte shown as Â–ß, à–ï or ð–ô, then its 1–3 continuation
# bytes. Matching the byte shapes (not any non-ASCII text) means a real accent right next to
# the damage ("ŁÃ³dź") neither hides it nor is mistaken for it.
_GARBLED = re.compile(
    rf"(?:[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}})+"
)
# What misread text usually was: Latin letters, Greek, Cyrillic, Hebrew and Arabic letters,
# punctuation, currency and ™. A repair into anything else ("“CAFÉ”" reads as IPA "ɔ", "café’”"
# as one CJK character) is more likely a real accent before a quote, unless it is long.
_LIKELY = (
    (0x00A0, 0x024F),
    (0x0370, 0x052F),
    (0x05D0, 0x05EA),
    (0x0600, 0x06FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x215F),
)
_LONG = 2  # two or more misread characters in a row are unmistakable


def _likely(text: str) -> bool:
    return len(text) >= _LONG or all(any(lo <= ord(ch) <= hi for lo, hi in _LIKELY) for ch in text)


def _byte(ch: str) -> bytes:
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:  # a C1 control: one of the bytes cp1252 leaves undefined
        return ch.encode("latin-1")


def _redecode(run: str) -> str | None:
    """What ``run`` read before UTF-8 bytes were misread as cp1252 / Latin-1, if it was that."""
    try:
        fixed = b"".join(_byte(ch) for ch in run).decode("utf-8")
    except UnicodeError:  # overlong forms, surrogates: not text any encoder writes
        return None
    return fixed if _likely(fixed) else None


def repair_mojibake(text: str) -> str | None:
    """``text`` with mis-decoded UTF-8 repaired, or None when nothing looks mis-decoded."""
    out = text
    for _ in range(3):  # text encoded twice (or three times) needs as many passes
        repaired = _GARBLED.sub(lambda m: _redecode(m.group()) or m.group(), out)
        if repaired == out:
            break
        out = repaired
    return out if out != text else None


@rule("mojibake", severity="warning", title="Garbled characters")
def mojibake(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    for name, text in photo.text_fields.items():
        repaired = repair_mojibake(text) if text else None
        if repaired is None:
            continue
        bad = [m.group() for m in _GARBLED.finditer(text) if _redecode(m.group())]
        yield Issue(
            f"the {name} contains garbled characters ({', '.join(dict.fromkeys(bad))}): "
            "UTF-8 text read with the wrong character set",
            f"Correct the {name}; it probably should read '{repaired}'.",
        )


@rule("restriction-unparsed", severity="warning", title="Restriction not understood")
def restriction_unparsed(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    for r in photo.licence.restrictions:
        if r.kind is Kind.UNPARSED:
            yield Issue(
                f"unparsed restriction: '{r.text}'; read it and record it on the licence",
                "Read the agency's wording and record what it allows on the picture's licence "
                "(or override with the reason it does not apply).",
            )
