"""Errors of the captions package; all are ArchiveErrors so the CLI/GUI report them uniformly.

``TemplateError`` derives from ``UsageError``: a bad template or codes file is something the
user wrote and can fix, so the CLI reports it as a usage problem (exit 2), like a bad
``agencies.toml`` (``RulePackError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archive.errors import UsageError


class TemplateError(UsageError):
    """A caption template, templates file or code-replacements file cannot be used.

    ``position`` is the 0-based offset into the template text (for highlighting in the GUI);
    ``path``/``line`` (1-based) say where in a file the problem is, when it came from one.
    """

    def __init__(
        self,
        reason: str,
        *,
        position: int | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = reason
        self.position = position
        self.path = Path(path) if path is not None else None
        self.line = line
        message = reason if position is None else f"{reason} at position {position}"
        if self.path is not None:
            where = str(self.path) if line is None else f"{self.path}:{line}"
            message = f"{where}: {message}"
        super().__init__(message)

    def located(self, path: Path | str, line: int | None) -> TemplateError:
        """The same error, pinned to the file and line the template came from."""
        return TemplateError(self.reason, position=self.position, path=path, line=line)


class UnresolvedVariableError(TemplateError):
    """The template uses variables this photo has no value for.

    Raised instead of producing a caption with a hole in it ("… at  on May 14"), which would
    look finished to a tired editor. ``names`` lists every such variable, in template order.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        shown = [f"{{{name}}}" for name in self.names]
        if len(shown) == 1:
            text = f"{shown[0]} has no value for this photo"
        else:
            text = f"{', '.join(shown[:-1])} and {shown[-1]} have no value for this photo"
        super().__init__(text)
