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


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMAND_MODULES:
        importlib.import_module(f"archive.cli.{name}").register(sub)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
