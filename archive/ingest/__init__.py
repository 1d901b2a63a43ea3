"""The wire desk's ingest: presets applied to arriving pictures, and watched drop folders.

* presets.py  — what a preset is (field values, fill-if-empty or always, keywords, event,
  profile, file naming), validated; presets_store.py keeps them in the catalogue.
* apply.py    — applies a preset to photos as one audited, undoable edit batch.
* settle.py   — decides when a file in a drop folder is completely written.
* watcher.py  — watches folders (watchdog, polling fallback) and ingests what settles.
"""
