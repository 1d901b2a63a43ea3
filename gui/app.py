"""Composition root of the desktop app: parse arguments, open the archive, build the window.

Everything is built here and handed down explicitly (archive → service → model → window):
no widget reaches for a global. Checks that can fail without Qt (display, archive) run
before QApplication exists, because Qt aborts the process when it has no display.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Mapping

from archive.errors import ArchiveError
from archive.handle import Archive

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

NO_DISPLAY_MESSAGE = """\
creditdesk: no display found, so the desktop window cannot open
(neither DISPLAY nor WAYLAND_DISPLAY is set, and QT_QPA_PLATFORM is not set).

To proceed:
  - run it from a desktop session (X11 or Wayland), or over `ssh -X`;
  - or use a virtual display:   xvfb-run make run
  - or, to test without any screen:   QT_QPA_PLATFORM=offscreen make run

The command line works without a display:   .venv/bin/creditdesk --help
"""


def build_parser() -> argparse.ArgumentParser:
    # Same options and defaults as the CLI (archive/cli), so both open the same archive.
    parser = argparse.ArgumentParser(
        prog="creditdesk", description="Creditdesk desktop app: browse the photo archive."
    )
    parser.add_argument(
        "--archive",
        metavar="DIR",
        help="archive folder (default: $CREDITDESK_ARCHIVE or the user data folder)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="catalogue URL, e.g. postgresql+psycopg://user@host/db (default: $CREDITDESK_DB "
        "or the archive's catalog.sqlite)",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PICTURE",
        help='pictures or folders to import (what "Open with Creditdesk" passes)',
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the archive, paint the window once, print 'painted' and quit "
        "(for IT checking an installation, and the bundle test)",
    )
    return parser


def display_problem(env: Mapping[str, str], platform: str) -> str | None:
    """The message to print when Qt would find no display, else None.

    Only Linux (and other X11/Wayland systems) needs the check: Windows and macOS always
    have their native platform plugin. An explicit QT_QPA_PLATFORM (offscreen, xcb,
    wayland, vnc…) is the user's choice and is left to Qt.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)

    # Before anything creates the archive folder or imports QtWidgets' platform plugin.
    problem = display_problem(os.environ, sys.platform)
    if problem is not None:
        sys.stderr.write(problem)
        return EXIT_USAGE

    # Imported here, after the check, so the no-display path stays cheap and Qt-free.
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui.main_window import MainWindow
    from gui.services import Services
    from gui.settings import APPLICATION, ORGANISATION, user_settings

    # Reuse an existing instance (tests drive main() in process under pytest-qt).
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["creditdesk"])
    # QSettings files are named after these; tests set their own names first (conftest),
    # so a test never reads or writes the user's layout and saved searches.
    _set_window_icon(app)
    if not app.organizationName():
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)

    def tell(message: str) -> None:
        # Migration notices (backup made, schema upgraded) go to the terminal as in the CLI.
        print(message, file=sys.stderr)

    try:
        archive = Archive.open(args.archive, args.db, notify=tell)
    except ArchiveError as exc:
        print(f"creditdesk: cannot open the archive: {exc}", file=sys.stderr)
        # Launched from a desktop menu nobody sees stderr; with a real screen say it in a
        # dialog too. Offscreen (tests, CI) a modal dialog would block forever.
        if QApplication.platformName() not in {"offscreen", "minimal"}:
            QMessageBox.critical(None, "Creditdesk", f"Cannot open the archive:\n\n{exc}")
        return EXIT_ERROR

    # Ctrl+C in the terminal should quit cleanly (closing the archive), not be ignored
    # while Qt's C++ event loop runs: a periodic no-op timer lets Python run the handler.
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)

    window = None
    try:
        window = MainWindow(Services.build(archive), user_settings())
        if archive.messages:
            window.statusBar().showMessage(" · ".join(archive.messages), 15_000)
        window.show()
        if args.paths:  # "Open with Creditdesk": the import dialog, with the files in it
            window.open_import([os.path.abspath(p) for p in args.paths])
        if args.smoke_test:
            QTimer.singleShot(0, lambda: _painted_then_quit(app, window))
        return app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous_sigint)
        if window is not None:
            window.shutdown()  # a quit without closing the window (Ctrl+C) drains here
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Workers (thumbnails, imports) may still use the catalogue: the window drains
        # its own pools when it closes; anything on the global pool finishes here.
        QThreadPool.globalInstance().waitForDone()
        archive.close()


def _set_window_icon(app) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    from PySide6.QtGui import QIcon

    icons = resources.files("resources") / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(icons / f"creditdesk-{size}.png"))
    app.setWindowIcon(icon)


def _painted_then_quit(app, window) -> None:  # type: ignore[no-untyped-def]
    window.repaint()  # paints now, offscreen too: what a user would see is drawn
    print(f"painted {window.width()}x{window.height()}", flush=True)
    dialog = getattr(window, "import_dialog", None)
    if dialog is not None:  # opened with pictures ("Open with Creditdesk")
        print(f"import dialog open with {dialog.paths.count()} picture(s)", flush=True)
    app.quit()


if __name__ == "__main__":
    sys.exit(main())
