"""One place for what every platform's bundle says about itself: name, id, version (read from
pyproject.toml, the only place it is written) and the picture types it opens."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "Creditdesk"
APP_ID = "io.creditdesk.Creditdesk"

# (UTI, MIME type, extensions, name): what "Open with Creditdesk" offers to open.
DOCUMENT_TYPES = (
    ("public.jpeg", "image/jpeg", ("jpg", "jpeg"), "JPEG image"),
    ("public.tiff", "image/tiff", ("tif", "tiff"), "TIFF image"),
    ("public.png", "image/png", ("png",), "PNG image"),
    ("public.heic", "image/heic", ("heic", "heif"), "HEIC image"),
)


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def info_plist(ver: str) -> dict[str, Any]:
    """macOS Info.plist keys: bundle id and version, and the document types it opens."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": ver,
        "CFBundleVersion": ver,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "NSHumanReadableCopyright": "Creditdesk is free software under GPL-3.0-or-later",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": name,
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Alternate",  # open with, never take over the desk's viewer
                "LSItemContentTypes": [uti],
                "CFBundleTypeMIMETypes": [mime],
                "CFBundleTypeExtensions": list(exts),
            }
            for uti, mime, exts, name in DOCUMENT_TYPES
        ],
    }


def linux_share(folder: Path, ver: str) -> None:
    """Lay out share/ (applications, metainfo, icons/hicolor) and the installer script in
    the built bundle *folder*."""
    import shutil

    linux = Path(__file__).with_name("linux")
    icons = ROOT / "resources" / "icons"
    share = folder / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy(linux / f"{APP_ID}.desktop", share / "applications")
    meta = (linux / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        meta.replace("@VERSION@", ver), encoding="utf-8"
    )
    for png in icons.glob("creditdesk-*.png"):
        size = png.stem.split("-")[1]
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, target / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(icons / "creditdesk.svg", scalable / f"{APP_ID}.svg")
    shutil.copy(linux / "install-desktop-entry.sh", folder)
