"""Our modules' bytecode, as an installed program has it, before a bench starts processes.

pip compiles the packages it installs, not an editable checkout; where
PYTHONDONTWRITEBYTECODE is set (CI machines, this one) every new process would compile
~160 of our modules from source (~0.3 s) — a cost no user pays. `make install` runs the
same; only changed files are compiled again.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_ours() -> None:
    for name in ("archive", "gui"):
        compileall.compile_dir(ROOT / name, quiet=1, workers=0)
    compileall.compile_file(ROOT / "main.py", quiet=1)
