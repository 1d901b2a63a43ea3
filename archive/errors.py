"""Every failure a user can see: all derive from ArchiveError (never from BaseException)."""

from __future__ import annotations


class ArchiveError(Exception):
    """Base of every error Creditdesk reports to a user."""


class UsageError(ArchiveError):
    """The user asked for something that cannot be done as asked (bad flag, unknown id)."""


class NotFoundError(ArchiveError):
    """A photo, person, event… that does not exist."""


class MetadataError(ArchiveError):
    """Embedded metadata could not be read (corrupt, hostile or unsupported file)."""


class UnsupportedFileError(ArchiveError):
    """The file is not an image format Creditdesk imports."""


class CatalogueError(ArchiveError):
    """The catalogue cannot be opened, migrated or written."""


class ConflictError(ArchiveError):
    """A stale write: somebody else changed the record since it was read."""
