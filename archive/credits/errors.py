"""Errors of the credits package; all are ArchiveErrors so the CLI/GUI report them uniformly."""

from __future__ import annotations

from pathlib import Path

from archive.errors import NotFoundError, UsageError


class RulePackError(UsageError):
    """An agency rule pack (bundled or the archive's ``agencies.toml``) cannot be used.

    Carries where and why, so the user can fix their pack: ``path:line:column: reason``.
    """

    def __init__(
        self, path: Path | str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.column = column
        where = str(self.path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")


class CreditError(UsageError):
    """A credit line cannot be formatted as asked (missing photographer, slash in a name…)."""


class UnknownAgencyError(CreditError, NotFoundError):
    """No agency or brand of that name (or alias) in the registry."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown agency {name!r}")
