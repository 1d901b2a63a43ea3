"""The start-up notice: pictures already published whose licence ends within two weeks
(archive.rights.expiring), shown in the status bar with the digest in its tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

from archive.rights.expiring import ExpiryDigest

if TYPE_CHECKING:
    from gui.main_window import MainWindow

NOTICE_DAYS = 14


def notice_text(digest: dict[str, Any]) -> str:
    n = digest["photos"]
    if not n:
        return ""
    noun = "picture" if n == 1 else "pictures"
    return f"⚠ {n} published {noun}: licence ends within {digest['days']} days"


def digest_tooltip(digest: dict[str, Any]) -> str:
    lines = []
    for agency in digest["agencies"]:
        lines.append(f"{agency['agency']} ({agency['photos']})")
        for art in agency["articles"]:
            ids = ", ".join(f"#{p['photo_id']}" for p in art["photos"])
            lines.append(f"   {art['title']}: {ids}")
    return "\n".join([*lines, "", "creditdesk licences expiring --days 14 --used"])


def start_expiry_notice(window: MainWindow) -> QLabel:
    label = QLabel()
    label.setObjectName("expiryNotice")
    label.setVisible(False)
    window.statusBar().addPermanentWidget(label)
    digest = ExpiryDigest(window.services.archive.sessions)

    def shown(result: dict[str, Any]) -> None:
        text = notice_text(result)
        label.setText(text)
        label.setToolTip(digest_tooltip(result) if text else "")
        label.setVisible(bool(text))

    window.reader.submit(
        lambda: digest.expiring(NOTICE_DAYS, used_only=True), shown, window._ignore
    )
    return label
