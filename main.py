"""Creditdesk launcher: no subcommand starts the desktop app; a subcommand runs the CLI.

`--cli ARGS` always runs the CLI (the bundle's second way in), `--version` prints the version.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--version"]:
        from archive.about import APP_NAME, version

        print(f"{APP_NAME} {version()}")
        return 0
    if args[:1] == ["--cli"]:  # the bundle's way to say "the command line, whatever follows"
        from archive.cli import main as cli_main

        return cli_main(args[1:])
    from archive.cli import command_names

    commands = command_names()
    if any(a in commands or a in {"-h", "--help"} for a in args):
        from archive.cli import main as cli_main

        return cli_main(args)
    from gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    # The frozen bundle starts worker processes from this same program: on Windows and
    # macOS (spawn) each must run the worker, not a second copy of the app.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
