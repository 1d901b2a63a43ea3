"""The inspector: everything about the selected photos, and editing it."""

from gui.panels.inspector.inspector import Inspector

__all__ = ["Inspector"]
