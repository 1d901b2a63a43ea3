"""Usage restrictions read from agency metadata, for the compliance check on export."""

from archive.compliance.restrictions import (
    MEDIA,
    Kind,
    Restriction,
    RestrictionError,
    parse_restrictions,
)

__all__ = ["MEDIA", "Kind", "Restriction", "RestrictionError", "parse_restrictions"]
