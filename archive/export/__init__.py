"""Building blocks of export bundles: file names, contact sheets, manifests.

Pure functions and small classes over plain values; the export service composes them.
"""
