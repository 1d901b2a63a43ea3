"""Export captioned bundles: check first, build beside the target, rename into place, record.

Nothing is written when the check blocks; a failure mid-way leaves no partial bundle
(the bundle is built in a temporary folder or file next to the target and renamed);
every bundle that lands is recorded with exactly what each file carried.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from archive.credits import load_registry
from archive.db.models import ExportBundle, ExportItem, Override
from archive.errors import UsageError
from archive.export.landing import remove, set_aside, zip_folder
from archive.export.manifest import captions_csv, credits_txt, manifest_json
from archive.export.names import DEFAULT_NAME_TEMPLATE, NameAllocator
from archive.export.rights import detail_rights
from archive.export.sheet_items import sheet_item, sheet_title, taken_order
from archive.export.sheets import SheetItem, html_sheet, pdf_sheet
from archive.handle import Archive
from archive.maintenance.files import fsync_tree
from archive.services.compliance import CheckReport, ComplianceService
from archive.services.export_files import caption_context, export_many, parse_size
from archive.services.photos import PhotoService
from archive.users import current_user

if TYPE_CHECKING:
    from archive.export.helpers import ExportHelpers

SIDE_FILES = (
    "manifest.json",
    "captions.csv",
    "credits.txt",
    "contact-sheet.html",
    "contact-sheet.pdf",
)


@dataclass(frozen=True)
class ExportRequest:
    ids: list[int]
    target: Path
    profile: str | None = None
    size: str = "original"
    name_template: str = DEFAULT_NAME_TEMPLATE
    contact_sheets: tuple[str, ...] = ("html", "pdf")
    overrides: dict[str, str] = field(default_factory=dict)  # rule → reason, for every photo
    overwrite: bool = False
    at: datetime | None = None
    # Export the clear pictures and leave the blocked ones out (listed in the result)
    # instead of refusing the whole bundle.
    skip_blocked: bool = False
    sidecar: bool = False  # originals untouched, metadata in NAME.xmp beside each


@dataclass
class ExportResult:
    bundle: Path | None
    report: CheckReport
    files: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    # Left out because blocked (skip_blocked): {"photo_id", "rules", "reasons"} each.
    skipped: list[dict[str, Any]] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return self.bundle is None

    def as_json(self) -> dict[str, Any]:
        if self.blocked:
            return self.report.as_json()
        return {
            "bundle": str(self.bundle),
            "photos": len(self.files),
            "files": [{k: f[k] for k in ("photo_id", "file", "sha256")} for f in self.files],
            "warnings": self.warnings,
            "overrides": self.overrides,
            "skipped": self.skipped,
        }


class ExportService:
    def __init__(self, archive: Archive, helpers: ExportHelpers | None = None) -> None:
        """*helpers*: writer and sheet processes the caller started ahead and closes."""
        self.archive = archive
        self.photos = PhotoService(archive.sessions)
        self.helpers = helpers

    def export(self, req: ExportRequest) -> ExportResult:
        long_edge = parse_size(req.size)
        sheets = tuple(s for s in req.contact_sheets if s != "none")
        if bad := [s for s in sheets if s not in ("html", "pdf")]:
            raise UsageError(f"--contact-sheet takes html, pdf or none, not {', '.join(bad)}")
        target = req.target.expanduser().resolve()
        if target.exists() and not req.overwrite:
            raise UsageError(f"{target} exists already: choose another target or pass --overwrite")
        if not target.parent.is_dir():
            raise UsageError(f"no folder {target.parent} to export into")
        names = NameAllocator(req.name_template, reserved=SIDE_FILES)  # a bad template fails now

        check = ComplianceService(self.archive.sessions, load_registry(self.archive.folder))
        report = check.check(req.ids, req.profile, req.at, extra_overrides=req.overrides)
        result = ExportResult(None, report)
        if report.errors and req.skip_blocked:
            result.skipped = blocked_photos(report)
            left_out = {s["photo_id"] for s in result.skipped}
            kept = [p for p in report.photos if p.id not in left_out]
            if not kept:
                return result
            req = dataclasses.replace(req, ids=[p.id for p in kept])
            report = CheckReport(report.profile, kept)
            result.report = report
        if report.errors:
            return result
        profile = report.profile
        # One entry per photo and rule (a rule may report several findings), and only the
        # --override ones become new stored overrides: the others are stored already.
        used = {
            (p.id, f.rule): f.override_reason
            for p in report.photos
            for f in p.findings
            if f.overridden
        }
        granted = [
            {"photo_id": pid, "rule": rule, "reason": why} for (pid, rule), why in used.items()
        ]
        new_overrides = [o for o in granted if req.overrides.get(str(o["rule"])) == o["reason"]]
        tmp = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex[:8]}")
        build = tmp if target.suffix.lower() != ".zip" else tmp.with_name(tmp.name + ".d")
        build.mkdir()
        try:
            pdf = "pdf" in sheets and self.helpers is not None and self.helpers.sheet
            items, sheet_items = self._write_files(
                req, build, names, long_edge, report, result, pdf or None, target
            )
            self._write_side_files(
                build, target, req, profile.name, items, sheet_items, sheets, result
            )
            if target.suffix.lower() == ".zip":
                zip_folder(build, tmp)
                shutil.rmtree(build)
            self._record(req, target, profile.name, items, granted, new_overrides, result, tmp)
        except BaseException:
            for leftover in (tmp, build):
                remove(leftover)
            raise
        result.bundle = target
        result.overrides = granted
        return result

    def _write_files(self, req, build, names, long_edge, report, result, pdf, target):  # type: ignore[no-untyped-def]
        statuses = {p.id: p for p in report.photos}
        items: list[dict[str, Any]] = []
        sheet_items: list[SheetItem] = []
        presentation = report.profile.credit_presentation
        # Taken-time order, oldest first: {seq}, the manifest and the sheets read as the day ran.
        details = sorted(self.photos.details(req.ids), key=taken_order)
        registry = load_registry(self.archive.folder)
        signer = None
        if report.profile.credentials_policy == "sign":  # refused before anything is written
            from archive.provenance.signing import desk_signer

            signer = desk_signer(self.archive.folder)
        jobs = []
        for detail in details:
            name = names.name_for(caption_context(detail))
            source = self.archive.resolve_stored(detail["stored_path"])
            slim = {k: v for k, v in detail.items() if k != "embedded"}  # workers need no raw
            if report.profile.rights_on_export:  # the licence's terms, the agency's copyright
                rights = detail_rights(registry, detail)
                slim["usage_terms"], slim["copyright"] = rights.usage_terms, rights.copyright
                detail["usage_terms"], detail["copyright"] = rights.usage_terms, rights.copyright
            if req.sidecar:
                slim["write_sidecar"] = True
            slim["credentials_policy"] = report.profile.credentials_policy
            if signer is not None:
                slim["desk_signer"] = (signer.chain_pem, signer.key_pem, signer.alg)
            jobs.append((source, detail["sha256"], slim, long_edge, build / name))
        if pdf:  # laid out by the sheet process as the files are written
            events = [{"event": (d.get("event") or {}).get("name")} for d in details]
            subtitle = _sheet_subtitle(len(details), report.profile.name, target)
            pdf.begin(sheet_title(events, target.stem), len(details), subtitle)

        def written(i: int, out: Any) -> None:
            detail = details[i]
            pid, name = detail["id"], out.name
            credit = detail.get("credit_line") or ""
            shown = presentation.replace("{credit}", credit) if credit else ""
            warnings = (
                [
                    f"[{f.rule}] {f.message}"
                    for f in statuses[pid].findings
                    if f.severity == "warning" and not f.overridden
                ]
                + list(out.truncated)
                + list(out.warnings)
            )
            result.warnings.extend(f"photo {pid}: {w}" for w in warnings)
            overrides = list(
                {
                    f.rule: {"rule": f.rule, "reason": f.override_reason}
                    for f in statuses[pid].findings
                    if f.overridden
                }.values()
            )
            item = {
                "file": name,
                "photo_id": pid,
                "sha256": out.sha256,
                "source_sha256": detail["sha256"],
                "caption": detail.get("caption"),
                "credit_line": credit or None,
                "presentation_credit": shown or None,
                "people": detail.get("people") or [],
                "event": (detail.get("event") or {}).get("name"),
                "agency": detail.get("agency"),
                "agency_parent": detail.get("agency_parent"),
                "photographer": detail.get("photographer"),
                "restrictions": detail.get("restrictions") or [],
                "licence": detail.get("licence"),
                "usage_terms": detail.get("usage_terms"),
                "copyright": detail.get("copyright"),
                "taken_at": detail.get("taken_at"),
                "warnings": warnings,
                "overrides": overrides,
                "content_credentials": out.credentials,
            }
            items.append(item)
            result.files.append(item)
            thumb = self.archive.thumbnail_path(detail["sha256"])
            sheet_items.append(sheet_item(item, thumb.read_bytes() if thumb.is_file() else None))
            if pdf:
                pdf.add(sheet_items[-1])

        export_many(jobs, self.helpers.writers if self.helpers else None, written)
        if pdf:
            pdf.finish()
        return items, sheet_items

    def _write_side_files(self, build, target, req, profile, items, sheet_items, sheets, result):  # type: ignore[no-untyped-def]
        title = sheet_title(items, target.stem)
        subtitle = _sheet_subtitle(len(items), profile, target)
        manifest = {
            "bundle": target.name,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "created_by": current_user(),
            "profile": profile,
            "size": req.size,
            "photos": items,
            "warnings": result.warnings,
            "skipped": result.skipped,
        }
        (build / "manifest.json").write_text(manifest_json(manifest), encoding="utf-8")
        (build / "captions.csv").write_text(captions_csv(items), encoding="utf-8", newline="")
        credits = [i["presentation_credit"] for i in items if i["presentation_credit"]]
        (build / "credits.txt").write_text(credits_txt(credits), encoding="utf-8")
        if "html" in sheets:
            (build / "contact-sheet.html").write_text(
                html_sheet(title, sheet_items, subtitle=subtitle), encoding="utf-8"
            )
        if "pdf" in sheets:
            helper = self.helpers.sheet if self.helpers is not None else None
            pdf = helper.result() if helper is not None else None  # laid out as files came
            if pdf is None:
                pdf = pdf_sheet(title, sheet_items, subtitle=subtitle)
            (build / "contact-sheet.pdf").write_bytes(pdf)
        fsync_tree(build)  # everything on disk before the bundle is renamed into place

    def _record(self, req, target, profile, items, granted, new, result, built):  # type: ignore[no-untyped-def]
        """Record the bundle and move it into place in one step: if either fails, neither is."""
        user = current_user()
        old: Path | None = None
        moved = False
        check = ComplianceService(self.archive.sessions, load_registry(self.archive.folder))
        try:
            with self.archive.sessions.begin() as session:
                for o in new:
                    # Like `override`: the facts the finding depends on, so it can lapse.
                    facts = check.finding_facts(
                        session, o["photo_id"], o["rule"], result.report.profile
                    )
                    session.add(
                        Override(
                            photo_id=o["photo_id"],
                            rule=o["rule"],
                            reason=o["reason"],
                            profile=profile,
                            user=user,
                            facts=facts,
                        )
                    )
                session.flush()  # the overrides, through the ORM and its hooks (live check)
                # The record as two Core INSERTs in the same transaction: no hook watches it,
                # and the ORM's unit of work for 1,000 items cost more than the statements.
                conn = session.connection()
                key = conn.execute(
                    insert(ExportBundle).values(
                        user=user,
                        target=str(target),
                        profile=profile,
                        size=req.size,
                        photos=len(items),
                        overrides=granted,
                        warnings=result.warnings,
                    )
                ).inserted_primary_key
                assert key is not None  # an INSERT of one row always has one
                bundle_id = key[0]
                if items:
                    conn.execute(insert(ExportItem), [_item_row(i, bundle_id) for i in items])
                old = set_aside(target, req.overwrite)
                os.replace(built, target)
                moved = True
        except BaseException:
            if moved:  # the record did not commit: the bundle must not stay either
                remove(target)
            if old is not None:
                os.replace(old, target)
            raise
        if old is not None:
            remove(old)


def blocked_photos(report: CheckReport) -> list[dict[str, Any]]:
    """The blocked photos of *report*, each with the rules and messages that block it."""
    out = []
    for photo in report.photos:
        if photo.status != "blocked":
            continue
        live = [f for f in photo.findings if f.severity == "error" and not f.overridden]
        out.append(
            {
                "photo_id": photo.id,
                "rules": list(dict.fromkeys(f.rule for f in live)),
                "reasons": [f.message for f in live],
            }
        )
    return out


def _sheet_subtitle(photos: int, profile: str, target: Path) -> str:
    return f"{photos} photos for {profile} · {target.name}"


def _item_row(i: dict[str, Any], bundle_id: int) -> dict[str, Any]:
    return {
        "bundle_id": bundle_id,
        "photo_id": i["photo_id"],
        "file_name": i["file"],
        "source_sha256": i["source_sha256"],
        "exported_sha256": i["sha256"],
        "caption": i["caption"],
        "credit_line": i["credit_line"],
        "presentation_credit": i["presentation_credit"],
        "agency": i["agency"],
        "agency_parent": i["agency_parent"],
        "photographer": i["photographer"],
        "people": i["people"],
        "event": i["event"],
        "warnings": i["warnings"],
        "overrides": i["overrides"],
    }
