"""The desktop bundle's recipe (issue 21), checked without building it (`make bundle-test`
builds and drives the real bundle; it takes minutes, so CI runs it on request):

- one version, from pyproject.toml, in `--version`, the CLI, the About text and the bundle's
  metadata (Info.plist, AppStream);
- the Linux desktop entry and AppStream metadata pass freedesktop's own validators
  (desktop-file-validate, appstreamcli — https://specifications.freedesktop.org/desktop-entry-spec/
  and https://www.freedesktop.org/software/appstream/docs/), where they are installed;
- macOS Info.plist keys (CFBundleIdentifier, CFBundleDocumentTypes with the UTIs of
  https://developer.apple.com/documentation/uniformtypeidentifiers/system-declared_uniform_type_identifiers);
- the icon in every size each platform needs, the .ico and .icns readable;
- the app paints and quits with --smoke-test, and opens the import dialog with the pictures it
  is given ("Open with Creditdesk").
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bundle"))

from bundle_info import APP_ID, DOCUMENT_TYPES, info_plist, linux_share, version  # noqa: E402

PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _main(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_version_is_written_once_and_shown_everywhere() -> None:
    from archive.about import about_text
    from archive.about import version as app_version

    assert version() == PYPROJECT_VERSION == app_version()
    assert _main("--version").stdout.strip() == f"Creditdesk {PYPROJECT_VERSION}"
    cli = subprocess.run(
        [sys.executable, "-c", "import sys; from archive.cli import main; sys.exit(main())",
         "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )  # fmt: skip
    assert cli.stdout.strip() == f"Creditdesk {PYPROJECT_VERSION}"
    plist = info_plist(version())
    assert plist["CFBundleShortVersionString"] == PYPROJECT_VERSION
    about = about_text(Path("/srv/archive"))
    assert about.startswith(f"Creditdesk {PYPROJECT_VERSION}")
    assert "Archive: /srv/archive" in about
    assert "exiv2" in about and "GPL-3.0-or-later" in about


def test_the_cli_runs_behind_cli_too(tmp_path: Path) -> None:
    done = _main("--cli", "--archive", str(tmp_path / "a"), "list")
    assert done.returncode == 0, done.stderr
    assert "0 photos" in done.stdout


def test_info_plist_declares_the_picture_types(tmp_path: Path) -> None:
    plist = info_plist("1.2.3")
    assert plist["CFBundleIdentifier"] == APP_ID
    utis = {uti for t in plist["CFBundleDocumentTypes"] for uti in t["LSItemContentTypes"]}
    assert utis == {"public.jpeg", "public.tiff", "public.png", "public.heic"}
    assert all(t["LSHandlerRank"] == "Alternate" for t in plist["CFBundleDocumentTypes"])
    path = tmp_path / "Info.plist"
    path.write_bytes(plistlib.dumps(plist))  # serialisable as a real plist
    assert plistlib.loads(path.read_bytes())["CFBundleVersion"] == "1.2.3"


def test_linux_share_lays_out_the_desktop_integration(tmp_path: Path) -> None:
    linux_share(tmp_path, "9.9.9")
    desktop = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    text = desktop.read_text()
    mimes = {mime for _, mime, _, _ in DOCUMENT_TYPES}
    assert mimes <= set(text.split("MimeType=")[1].split("\n")[0].strip(";").split(";"))
    meta = (tmp_path / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").read_text()
    assert 'release version="9.9.9"' in meta
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = tmp_path / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert Image.open(png).size == (size, size)
    assert (tmp_path / "install-desktop-entry.sh").stat().st_mode & 0o111
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    if shutil.which("appstreamcli"):
        done = subprocess.run(
            ["appstreamcli", "validate", "--no-net", "--explain", str(meta_path(tmp_path))],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def meta_path(folder: Path) -> Path:
    return folder / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"


def test_the_desktop_entry_installs_per_user_pointing_at_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "Creditdesk"
    linux_share(bundle, "1.0")
    data = tmp_path / "data"
    done = subprocess.run(
        ["sh", str(bundle / "install-desktop-entry.sh")],
        env={"XDG_DATA_HOME": str(data), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    entry = (data / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{bundle}/Creditdesk" %F' in entry
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()


def test_icons_exist_in_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert Image.open(icons / f"creditdesk-{size}.png").size == (size, size)
    ico = Image.open(icons / "creditdesk.ico")
    assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    assert Image.open(icons / "creditdesk.icns").size[0] >= 256
    assert "<svg" in (icons / "creditdesk.svg").read_text()


def test_the_app_paints_and_opens_the_pictures_it_is_given(tmp_path: Path) -> None:
    sample = sorted((ROOT / "resources" / "sample").glob("*.jpg"))[:2]
    done = _main("--archive", str(tmp_path / "a"), "--smoke-test", *map(str, sample))
    assert done.returncode == 0, done.stderr
    assert "painted" in done.stdout
    assert "import dialog open with 2 picture(s)" in done.stdout
