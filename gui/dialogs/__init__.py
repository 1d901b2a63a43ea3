"""Dialogs: import, check (compliance)."""
