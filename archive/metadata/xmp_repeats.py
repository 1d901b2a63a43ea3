"""Repeated top-level XMP properties: keep the last copy of each, as exiftool does.

Some Getty packets state ``dc:rights`` / ``dc:title`` / ``dc:description`` twice in one
packet. RDF/XMP allows a property once per resource, so the Adobe XMP SDK inside exiv2
rejects the whole packet ("Duplicate property or field node", XMP Toolkit error 203) and
every XMP value of the file was lost — the copyright with it. exiftool reads such a
packet and keeps the last copy (ExifTool 12.57: ``dc:rights`` "© One" then "© Two" →
``XMP-dc:Rights`` "© Two"). We do the same: cut the earlier copies out of the packet
text, warn when they said something else, and let the SDK parse the rest.

Only the packet text handed to the parser changes; the file's bytes are never touched.
The packet has already been screened (no DOCTYPE/ENTITY) when this runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from archive.metadata.values import short_repr

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML = "http://www.w3.org/XML/1998/namespace"


@dataclass
class _Copy:
    qname: str
    start: int  # byte offsets into the packet; for an attribute, its element's start tag
    end: int = -1
    text: list[str] = field(default_factory=list)
    attribute: bool = False

    def value(self) -> str:
        return " ".join("".join(self.text).split())


class _Scanner:
    """Records every top-level property of every ``rdf:Description`` with its byte span."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.namespace_prefixes = True
        self.stack: list[str] = []
        self.copies: dict[tuple[str, str], list[_Copy]] = {}
        self.open: _Copy | None = None  # the property element being read
        self.waiting: list[_Copy] = []  # spans whose end is where the next event starts
        p = self.parser
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        p.ProcessingInstructionHandler = lambda *_: self.mark()
        p.CommentHandler = lambda *_: self.mark()

    def mark(self) -> None:
        here = self.parser.CurrentByteIndex
        for copy in self.waiting:
            copy.end = here
        self.waiting.clear()

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.mark()
        parent = self.stack[-1] if self.stack else ""
        here = self.parser.CurrentByteIndex
        if _is(name, "Description") and _is(parent, "RDF"):
            for attr, value in attrs.items():
                uri, local, qname = _split(attr)
                if uri in (_RDF, _XML) or not uri:
                    continue
                copy = _Copy(qname, here, text=[value], attribute=True)
                self.copies.setdefault((uri, local), []).append(copy)
                self.waiting.append(copy)  # the start tag ends at the next event
        elif _is(parent, "Description") and len(self.stack) >= 2 and _is(self.stack[-2], "RDF"):
            uri, local, qname = _split(name)
            self.open = _Copy(qname, here)
            self.copies.setdefault((uri, local), []).append(self.open)
        self.stack.append(name)

    def end(self, name: str) -> None:
        self.mark()
        self.stack.pop()
        if self.open is not None and len(self.stack) >= 1 and _is(self.stack[-1], "Description"):
            self.waiting.append(self.open)
            self.open = None

    def chars(self, data: str) -> None:
        self.mark()
        if self.open is not None:
            self.open.text.append(data)


def _is(name: str, local: str) -> bool:
    return name.startswith(f"{_RDF} {local}")


def _split(name: str) -> tuple[str, str, str]:
    parts = name.split(" ")
    if len(parts) == 1:
        return "", parts[0], parts[0]
    uri, local = parts[0], parts[1]
    qname = f"{parts[2]}:{local}" if len(parts) > 2 else local
    return uri, local, qname


def drop_repeats(text: str) -> tuple[str, list[str]] | None:
    """``text`` with the earlier copies of repeated properties cut out, plus warnings.

    None when no property repeats or the packet is not well-formed XML (then there is
    nothing we can safely cut, and the caller reports the packet as unreadable).
    """
    data = text.encode("utf-8")
    scanner = _Scanner()
    try:
        scanner.parser.Parse(data, True)
    except expat.ExpatError:
        return None
    cuts: list[tuple[int, int]] = []
    warnings: list[str] = []
    for copies in scanner.copies.values():
        if len(copies) < 2:
            continue
        last = copies[-1]
        values = [c.value() for c in copies]
        if len(set(values)) > 1:
            others = [v for v in values[:-1] if v != last.value()]
            warnings.append(
                f"XMP states {last.qname} {len(copies)} times with different values; "
                f"using the last, as exiftool does: {short_repr(last.value())} "
                f"(dropped {short_repr(others)})"
            )
        for copy in copies[:-1]:
            span = _span(data, copy)
            if span is None:
                return None
            cuts.append(span)
    if not cuts:
        return None
    out = bytearray(data)
    for start, end in sorted(cuts, reverse=True):
        del out[start:end]
    return out.decode("utf-8"), warnings


def _span(data: bytes, copy: _Copy) -> tuple[int, int] | None:
    if copy.end < 0:
        return None
    if not copy.attribute:
        return copy.start, copy.end
    # The attribute inside its element's start tag: `` prefix:name="value"``.
    pattern = re.compile(rb"\s+" + re.escape(copy.qname.encode()) + rb"\s*=\s*(\"[^\"]*\"|'[^']*')")
    m = pattern.search(data, copy.start, copy.end)
    return (m.start(), m.end()) if m else None
