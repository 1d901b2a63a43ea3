"""Where the public image corpus is: one home for every test that reads it.

The corpus (32 real files by third parties, with ExifTool's readings as ground truth) is not
part of the repository; its files keep their own licences. It sits beside the clone at
``../shared/corpus`` on the project's machines, or wherever ``CREDITDESK_CORPUS`` points.
Tests that need it skip, saying where they looked, when it is absent (README: *Tests*)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CREDITDESK_CORPUS") or ROOT.parent / "shared" / "corpus")
