"""The inspector's Template button: readable names in a menu that opens inside the window,
and a preview with a diff before any caption is replaced (issue 18 items 1 and 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolButton

from archive.services.edits import EditRequest, EditResult
from archive.services.template_preview import pretty_name, preview_template
from gui.dialogs.template_preview import TemplatePreviewDialog
from gui.panels.inspector.selection import MULTIPLE, event_name

if TYPE_CHECKING:
    from gui.panels.inspector.inspector import Inspector


def mount_templates(inspector: Inspector) -> None:
    form = inspector.form
    button, menu = form.template_button, form.template_menu
    for action in menu.actions():
        action.setText(pretty_name(str(action.data())))
    button.setText("Template ▾")
    button.setMinimumWidth(button.fontMetrics().horizontalAdvance("Template ▾") + 24)
    # Opened by hand, right-aligned under the button: the inspector sits at the window's
    # right edge and a menu dropping to the right runs off it.
    button.setPopupMode(QToolButton.ToolButtonPopupMode.DelayedPopup)
    button.setMenu(None)  # type: ignore[arg-type]

    def popup() -> None:
        width = menu.sizeHint().width()
        menu.popup(button.mapToGlobal(QPoint(button.width() - width, button.height())))

    button.clicked.connect(popup)


def open_preview(inspector: Inspector, name: str) -> TemplatePreviewDialog | None:
    data = inspector.data
    if data is None:
        return None
    services = inspector.services
    template = services.templates[name]
    ids = list(data.ids)
    common = data.common(event_name)
    event: dict[str, Any] | None = None
    if common is not MULTIPLE and common:
        first = data.details[0].get("event") or {}
        event = {"name": common, **{k: first.get(k) for k in ("venue", "city", "country")}}
    versions = dict(data.versions)
    on_event = {d["id"] for d in data.details if event_name(d) == common}

    def preview(place: dict[str, str]) -> Any:
        return preview_template(services.archive.sessions, ids, template, place)

    def apply(place: dict[str, str]) -> EditResult:
        expected = dict(versions)
        changed = {k: v for k, v in place.items() if event and v != (event.get(k) or "")}
        if event and changed:
            services.events.edit(event["name"], **changed)
            # Saving the place on the event moves the version of each of its photos.
            expected = {i: v + (1 if i in on_event else 0) for i, v in expected.items()}
        request = EditRequest(template=template, expected_versions=expected)
        return services.edits.edit(ids, request)

    dialog = TemplatePreviewDialog(
        name, template, event, preview, apply, inspector.reader, inspector.writer, inspector
    )
    request = EditRequest(template=template)
    dialog.applied.connect(lambda result: inspector._saved(request, result, ids))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
