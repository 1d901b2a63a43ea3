"""The one rule: `archive/` never imports Qt, `gui` or `main` (DESIGN.md).

Imports `archive` and every module under it in a fresh interpreter where those imports
raise, so the core provably runs headless (CLI, scripts, CI without Qt).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CODE = r"""
import importlib, importlib.abc, json, pkgutil, sys, traceback

BLOCKED = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "gui", "main"}

class BlockOuterLayers(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"archive must not import {name}")
        return None

sys.meta_path.insert(0, BlockOuterLayers())
failures = {}

def record(name):
    failures[name] = traceback.format_exc(limit=-3)

import archive
names = ["archive"]
for info in pkgutil.walk_packages(archive.__path__, "archive.", onerror=record):
    names.append(info.name)
for name in names:
    try:
        importlib.import_module(name)
    except Exception:
        record(name)
leaked = sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED)
try:  # prove the blocker was live, or a pass would mean nothing
    import PySide6
    blocking = False
except ImportError:
    blocking = True
report = {"modules": names, "failures": failures, "leaked": leaked, "blocking": blocking}
print(json.dumps(report))
"""


def test_archive_imports_without_qt_gui_or_main() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert "archive.handle" in report["modules"]  # the walk really found the package
    assert report["blocking"]
    assert report["leaked"] == []
    failures = "\n".join(f"--- {name}\n{tb}" for name, tb in report["failures"].items())
    assert not report["failures"], f"archive modules failed to import:\n{failures}"
