"""Who is at the desk: the name audit rows and export manifests carry.

Its own module so that export (and anything else that records a user) need not import the
importer's writer to ask."""

from __future__ import annotations

import getpass


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
