"""Which photos a command acts on: explicit ids ("3", "1,2,7-9") or a search query."""

from __future__ import annotations

from archive.errors import UsageError


def parse_ids(text: str) -> list[int]:
    """'1,2,7-9' → [1, 2, 7, 8, 9], in the order given, without repeats."""
    ids: list[int] = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part[1:]:
                lo, hi = part.split("-", 1)
                start, end = int(lo), int(hi)
                if end < start or end - start > 1_000_000:
                    raise ValueError
                ids.extend(range(start, end + 1))
            else:
                ids.append(int(part))
        except ValueError:
            raise UsageError(f"not a photo id or range: {part!r} (use e.g. 3 or 1,2,7-9)") from None
    if any(i < 1 for i in ids):
        raise UsageError("photo ids start at 1")
    return list(dict.fromkeys(ids))
