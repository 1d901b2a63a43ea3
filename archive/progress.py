"""Progress of long work, as plain values the CLI and the GUI both consume."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FailedFile:
    path: str
    error: str


@dataclass(frozen=True)
class ImportProgress:
    """One step of an import. ``kind`` says what just happened to ``path``."""

    kind: str  # started, catalogued, duplicate, failed, stored (copied + thumbnail), finished
    total: int
    catalogued: int = 0  # new photos + duplicates so far
    failed: int = 0
    thumbnails: int = 0
    thumbnails_total: int = 0
    elapsed: float = 0.0
    path: str | None = None
    photo_id: int | None = None
    error: str | None = None

    @property
    def processed(self) -> int:
        return self.catalogued + self.failed

    @property
    def rate(self) -> float:
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.rate <= 0:
            return None
        return (self.total - self.processed) / self.rate


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[FailedFile] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)
    thumbnail_failures: list[FailedFile] = field(default_factory=list)
    interrupted: bool = False
    # Catalogued files with something to know (an odd file, a copy that failed): each
    # file is in exactly one of imported / duplicates / failed; these are notes on top.
    warnings: list[FailedFile] = field(default_factory=list)
    not_copied: int = 0  # catalogued where they are: the copy into the archive failed

    def as_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "photo_ids": self.photo_ids,
            "thumbnail_failures": [
                {"path": f.path, "error": f.error} for f in self.thumbnail_failures
            ],
            "interrupted": self.interrupted,
            "warnings": [{"path": f.path, "error": f.error} for f in self.warnings],
            "not_copied": self.not_copied,
        }
