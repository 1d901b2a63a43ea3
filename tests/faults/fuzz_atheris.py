"""Coverage-guided fuzzing of the metadata reader with atheris (optional; not run by pytest:
the file name does not start with test_).

    .venv/bin/pip install atheris
    .venv/bin/python tests/faults/fuzz_atheris.py -max_total_time=300 [CORPUS_DIR]

Any exception other than ArchiveError (MetadataError / UnsupportedFileError) is a bug and
stops the run with the input that caused it saved as crash-*.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import atheris

with atheris.instrument_imports():
    from archive.errors import ArchiveError
    from archive.metadata.reader import read_metadata


def one_input(data: bytes) -> None:
    with contextlib.suppress(ArchiveError):
        read_metadata(data, "fuzz")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
