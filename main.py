"""Creditdesk launcher: no subcommand starts the desktop app; a subcommand runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from archive.cli import command_names

    commands = command_names()
    if any(a in commands or a in {"-h", "--help"} for a in args):
        from archive.cli import main as cli_main

        return cli_main(args)
    from gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
