"""What reading Content Credentials costs at import: read_metadata on the same picture
unsigned and C2PA-signed (throw-away chain, as the tests make), and the export's decision
(fields_to_embed + strip). Prints one line per case with median and max over N rounds.

    .venv/bin/python bench/provenance_bench.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archive.metadata.reader import read_metadata
from archive.metadata.writer import WriteFields
from archive.provenance.export import fields_to_embed
from archive.provenance.jumbf import strip_c2pa
from tests.factories import Agency, embed, jpeg_bytes
from tests.provenance_kit import make_chain, sign_jpeg


def timed(label: str, rounds: int, fn) -> None:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label} rounds={rounds} median_ms={statistics.median(runs):.2f} max_ms={max(runs):.2f}")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    chain = make_chain()
    plain = embed(jpeg_bytes((3000, 2000), 7, quality=90), Agency(caption="Bench picture."))
    signed = sign_jpeg(plain, chain)
    anchors = chain.root_pem.decode()
    print(f"file_bytes plain={len(plain)} signed={len(signed)}")
    timed("read plain", rounds, lambda: read_metadata(plain))
    timed("read signed", rounds, lambda: read_metadata(signed, trust_anchors=anchors))
    fields = WriteFields(caption="Bench picture, edited.")
    timed("export decision", rounds, lambda: (fields_to_embed(signed, fields), strip_c2pa(signed)))


if __name__ == "__main__":
    main()
