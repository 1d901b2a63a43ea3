"""The one error a malformed query raises, with the position to put a caret under."""

from __future__ import annotations

from archive.errors import UsageError


class QueryError(UsageError):
    """A query that cannot be understood: says what is wrong and where (0-based).

    A UsageError (hence an ArchiveError): the CLI exits 2, the GUI shows the message
    under the search box with a caret at ``position``.
    """

    def __init__(self, message: str, position: int, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.query = query

    def with_query(self, query: str) -> QueryError:
        return QueryError(self.message, self.position, query)

    def caret(self) -> str:
        """Two lines: the query and a caret under the offending character."""
        return f"{self.query}\n{' ' * self.position}^"

    def __str__(self) -> str:
        return f"{self.message} (at position {self.position})"
