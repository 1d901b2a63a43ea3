"""Provenance (issue #19): IPTC Digital Source Type, PLUS Data Mining, C2PA Content
Credentials — read at import, checked, searched, and kept intact (or removed with a
warning) at export. No Qt here."""
