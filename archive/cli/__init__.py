"""The `creditdesk` command line. Each command lives in its own module and registers itself.

Exit codes (documented in README): 0 success; 1 an error the user can act on;
2 usage error; 3 an import where some files failed; 4 an edit refused as a conflict
(another editor saved the photo since it was read); 141 the reader of stdout went away.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from archive.errors import ArchiveError, ConflictError, NotFoundError, UsageError

if TYPE_CHECKING:  # the catalogue stack loads when a command opens the archive, not before
    from archive.handle import Archive

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_CONFLICT = 0, 1, 2, 3, 4
# What a shell reports for a writer killed by SIGPIPE (128 + 13): `list | head` closing early.
EXIT_PIPE = 141

Handler = Callable[[argparse.Namespace], int]


def open_archive(args: argparse.Namespace) -> Archive:
    from archive.handle import Archive

    def tell(msg: str) -> None:
        print(msg, file=sys.stderr)

    return Archive.open(args.archive, args.db, notify=tell)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


# One module per group of commands, each with register(sub); listed in help order.
COMMAND_MODULES = [
    "import_cmd",
    "show_cmd",
    "edit_cmd",
    "registry_cmd",
    "credit_cmd",
    "search_cmd",
    "compliance_cmd",
    "export_cmd",
    "maintenance_cmd",
    "presets_cmd",
    "watch_cmd",
    "rights_cmd",
]


class _Version(argparse.Action):
    """--version, reading the package metadata only when asked (importlib.metadata costs
    ~20 ms, and every command builds this parser)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("default", argparse.SUPPRESS)
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> None:
        from archive.about import APP_NAME, version

        print(f"{APP_NAME} {version()}")
        parser.exit()


# Which module registers each command. A command builds only its own module's parser: the
# whole parser (12 modules, 47 commands) cost about a tenth of `creditdesk list`'s start
# (issue 16). tests/archive/cli/test_fast_start.py holds this table in step with what the
# modules register; a name missing here only costs speed (the whole parser is built).
COMMANDS = {
    "import": "import_cmd",
    "show": "show_cmd",
    "list": "show_cmd",
    **dict.fromkeys(("edit", "history", "undo", "redo"), "edit_cmd"),
    **dict.fromkeys(("people", "events", "agencies", "photographers"), "registry_cmd"),
    "credit": "credit_cmd",
    "search": "search_cmd",
    "reindex": "search_cmd",
    **dict.fromkeys(("licence", "profiles", "check", "override"), "compliance_cmd"),
    **dict.fromkeys(("export", "usage", "usage-report"), "export_cmd"),
    **dict.fromkeys(("init", "migrate", "verify", "backup", "restore"), "maintenance_cmd"),
    "presets": "presets_cmd",
    "watch": "watch_cmd",
    **dict.fromkeys(("publish", "usage-import", "similar", "terms", "licences"), "rights_cmd"),
}
# Options of the top-level parser that take a value (the word after them is not a command).
_VALUE_OPTIONS = ("--archive", "--db")
_TOP_OPTIONS = (*_VALUE_OPTIONS, "--version", "--help")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with *only* a module name, of that module's commands
    alone (the same top level and the same subparsers, so *argv* naming one of them parses,
    and fails, exactly as with the whole parser)."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="creditdesk",
        description="Creditdesk: import, caption, credit, check and export agency pictures.",
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
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else [only]:
        importlib.import_module(f"archive.cli.{name}").register(sub)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command *argv* runs, found where argparse finds it (the first word that is not a
    top-level option or its value); None when that is not certain (help, --version, an
    option it does not know, no command): then the whole parser decides."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        name, eq, _ = arg.partition("=")
        # argparse accepts any unambiguous prefix of a long option (--arch DIR).
        known = [o for o in _TOP_OPTIONS if o.startswith(name)] if len(name) > 2 else []
        if len(known) != 1 or known[0] not in _VALUE_OPTIONS:
            return None
        i += 1 if eq else 2
    return None


def command_names() -> set[str]:
    return set(COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = command_of(argv)
    parser = build_parser(COMMANDS[command] if command else None)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a reader gone is found here, not in Python's exit-time flush
        return code
    except UsageError as exc:
        print(f"creditdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConflictError as exc:
        print(f"creditdesk: {exc}", file=sys.stderr)
        return EXIT_CONFLICT
    except NotFoundError as exc:
        print(f"creditdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ArchiveError as exc:
        print(f"creditdesk: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("creditdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of stdout went away (`creditdesk list --json | head`): stop quietly.

    Python would print a traceback here, and again when it flushes stdout at exit; pointing
    stdout at /dev/null lets that last flush succeed (the recipe of Python's signal docs,
    "Note on SIGPIPE")."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    finally:
        os.close(devnull)
    return EXIT_PIPE
