"""The archive services the window uses, built once by the composition root.

Widgets are handed the one or two services they need from here, never this whole bundle
(the window hands them out). Only plain records cross into Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from archive.captions import CodeReplacements, load_templates
from archive.credits import AgencyRegistry, load_registry
from archive.handle import Archive
from archive.search import SearchService
from archive.services.edits import EditService
from archive.services.history import HistoryService
from archive.services.licences import LicenceService
from archive.services.people import PeopleService
from archive.services.photos import PhotoService
from archive.services.registries import AgencyService, EventService, PhotographerService
from gui.models.grid_source import GridSource

if TYPE_CHECKING:
    from archive.services.compliance import ComplianceService
    from archive.services.exports import ExportService
    from archive.services.profiles import ProfileService

CODES_FILE = "codes.txt"


@dataclass(frozen=True)
class Services:
    archive: Archive
    photos: PhotoService
    search: SearchService
    edits: EditService
    history: HistoryService
    licences: LicenceService
    people: PeopleService
    events: EventService
    agencies: AgencyService
    photographers: PhotographerService
    registry: AgencyRegistry
    templates: dict[str, str]
    codes: CodeReplacements | None
    grid: GridSource

    @property
    def folder(self) -> Path:
        return self.archive.folder

    # Built on first use: the compliance engine's imports cost ~0.2 s of start-up.
    @cached_property
    def compliance(self) -> ComplianceService:
        from archive.services.compliance import ComplianceService

        # The archive's agency pack, as the export's own check uses: same findings in both.
        return ComplianceService(self.archive.sessions, self.registry)

    @cached_property
    def profiles(self) -> ProfileService:
        from archive.services.profiles import ProfileService

        return ProfileService(self.archive.sessions)

    @cached_property
    def exports(self) -> ExportService:
        from archive.services.exports import ExportService

        return ExportService(self.archive)

    @classmethod
    def build(cls, archive: Archive) -> Services:
        sessions = archive.sessions
        codes_path = archive.folder / CODES_FILE
        codes = CodeReplacements.load(codes_path) if codes_path.is_file() else None
        photos = PhotoService(sessions)
        search = SearchService(archive)
        return cls(
            archive=archive,
            photos=photos,
            search=search,
            edits=EditService(sessions, codes),
            history=HistoryService(sessions),
            licences=LicenceService(sessions),
            people=PeopleService(sessions),
            events=EventService(sessions),
            agencies=AgencyService(sessions),
            photographers=PhotographerService(sessions),
            registry=load_registry(archive.folder),
            templates=load_templates(archive.folder),
            codes=codes,
            grid=GridSource(search, photos, archive.thumbnails_dir, archive.resolve_stored),
        )
