"""Code replacements in Photo Mechanic's format: type ``=kw=`` and get "Kate Winslet".

The file is UTF-8 text, one code a line, tab-separated: the code, then one or more
replacements (``kw<TAB>Kate Winslet<TAB>Winslet``). ``=kw=`` (or ``=kw#1=``) gives the first
replacement, ``=kw#2=`` the second, and so on. Blank lines and lines starting with ``#`` or
``//`` (the comment style Photo Mechanic users write) are ignored; a UTF-8 BOM and CRLF line
ends are tolerated because spreadsheets export both.

Decisions:

* The default delimiter is ``=``, Photo Mechanic's own default, so desks' existing habits
  and files work unchanged; any other single punctuation character (e.g. ``\\``) can be set.
* A code used twice with *different* replacements is an error naming both lines: "later
  wins" would silently put the wrong name on a photo. An exact repeat is harmless and allowed.
* Codes are case-sensitive (as in Photo Mechanic): ``=KW=`` is not ``=kw=``.
* Replacements are not expanded again, so a replacement containing ``=x=`` cannot loop.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from archive.captions.errors import TemplateError

MAX_CODE = 30
# A code as written in a file. '#' is excluded: in text it selects a variant (=kw#2=).
_FILE_CODE = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_CODE}}}\Z")
_VARIANT = re.compile(r"(.+)#([0-9]+)\Z")


@dataclass(frozen=True)
class Replacement:
    """The text with every known code replaced; ``unknown`` lists codes left in it as typed."""

    text: str
    unknown: tuple[str, ...]


def _check_delimiter(delimiter: str) -> None:
    if (
        len(delimiter) != 1
        or delimiter.isalnum()
        or delimiter.isspace()
        or delimiter in "_#-"
        or not delimiter.isprintable()
    ):
        raise TemplateError(
            f"code delimiter {delimiter!r} must be one punctuation character such as '=' or '\\'"
        )


class CodeReplacements:
    """An immutable code → replacements table that rewrites text."""

    def __init__(
        self, table: Mapping[str, Sequence[str]], delimiter: str = "=", source: Path | None = None
    ) -> None:
        _check_delimiter(delimiter)
        self.delimiter = delimiter
        self.source = source
        self._table: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {code: tuple(values) for code, values in table.items()}
        )
        d = re.escape(delimiter)
        # Lookahead so matches may share a delimiter: in "=x=y=" both =x= and =y= are found,
        # and an unknown =x= does not hide a known =y=.
        self._pattern = re.compile(rf"{d}(?=([A-Za-z0-9_#-]{{1,{MAX_CODE}}}){d})")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str], delimiter: str = "=") -> CodeReplacements:
        for code, text in mapping.items():
            if not _FILE_CODE.match(code):
                raise TemplateError(f"code {code!r} {_CODE_RULE}")
            if not isinstance(text, str):
                raise TemplateError(f"replacement for code {code!r} must be a string")
        return cls({code: (text,) for code, text in mapping.items()}, delimiter)

    @classmethod
    def load(cls, path: Path, delimiter: str = "=") -> CodeReplacements:
        """Read a Photo Mechanic code-replacement file; TemplateError (file:line) if malformed."""
        _check_delimiter(delimiter)
        path = Path(path)
        data = path.read_bytes()
        try:
            source = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise TemplateError(
                "not valid UTF-8 (export the file as UTF-8 text)", path=path, line=line
            ) from None
        return cls(_parse(source, path), delimiter, path)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, code: object) -> bool:
        return code in self._table

    def codes(self) -> Mapping[str, tuple[str, ...]]:
        """Code → its replacements (read-only), e.g. for a lookup list in the GUI."""
        return self._table

    def lookup(self, code: str) -> str | None:
        """The replacement for a code as typed between delimiters ('kw', 'kw#2'), or None."""
        values = self._table.get(code)
        if values is not None:
            return values[0]
        match = _VARIANT.match(code)
        if match is None:
            return None
        values = self._table.get(match.group(1))
        index = int(match.group(2))
        if values is None or not 1 <= index <= len(values):
            return None
        return values[index - 1]

    def apply(self, text: str) -> Replacement:
        """Replace every known code; unknown ones stay visible in the text and are reported."""
        out: list[str] = []
        unknown: dict[str, None] = {}
        cursor = 0
        for match in self._pattern.finditer(text):
            start = match.start()
            if start < cursor:  # the opening delimiter was the closing one of a replaced code
                continue
            code = match.group(1)
            value = self.lookup(code)
            if value is None:
                unknown.setdefault(code, None)
                continue
            out.append(text[cursor:start])
            out.append(value)
            cursor = start + len(code) + 2
        out.append(text[cursor:])
        return Replacement("".join(out), tuple(unknown))


_CODE_RULE = f"must be 1–{MAX_CODE} letters, digits, '_' or '-'"


def _parse(source: str, path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    first_line: dict[str, int] = {}
    # splitlines() would also split on U+2028 etc. inside a replacement; files use \n or \r\n.
    for number, raw in enumerate(source.split("\n"), 1):
        line = raw.removesuffix("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//")):
            continue
        if "\t" not in line:
            raise TemplateError(
                "no tab between code and replacement (columns must be tab-separated)",
                path=path,
                line=number,
            )
        code, *columns = (column.strip() for column in line.split("\t"))
        while columns and not columns[-1]:  # spreadsheets pad short rows with empty columns
            columns.pop()
        if not _FILE_CODE.match(code):
            raise TemplateError(f"code {code!r} {_CODE_RULE}", path=path, line=number)
        if not columns or not all(columns):
            raise TemplateError(f"code {code!r} has an empty replacement", path=path, line=number)
        values = tuple(columns)
        if code in table and table[code] != values:
            raise TemplateError(
                f"code {code!r} is already defined differently on line {first_line[code]}",
                path=path,
                line=number,
            )
        table[code] = values
        first_line.setdefault(code, number)
    return table
