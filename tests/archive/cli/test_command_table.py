"""A command builds only its own module's parser (fast start, issue 16): the table that says
which module registers each command is complete, and the lean parser parses — and refuses —
every command line exactly as the whole parser does."""

from __future__ import annotations

import argparse
import importlib

import pytest

from archive.cli import COMMAND_MODULES, COMMANDS, build_parser, command_of


def registered(module: str) -> list[str]:
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"archive.cli.{module}").register(sub)
    return list(sub.choices)


def test_the_table_names_every_command_of_every_module() -> None:
    assert {name: COMMANDS[name] for m in COMMAND_MODULES for name in registered(m)} == COMMANDS
    assert list(dict.fromkeys(COMMANDS.values())) == COMMAND_MODULES  # help order kept


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["list", "--limit", "5"], "list"),
        (["--archive", "list", "show", "3"], "show"),  # a folder called "list"
        (["--arch", "a", "--db", "sqlite:///x", "search", "kate"], "search"),
        (["--archive=a", "--d=sqlite:///x", "people", "list"], "people"),
        (["-h"], None),
        (["--h", "list"], None),
        (["--version"], None),
        (["--a"], None),  # a value option without its value: argparse says so
        (["--", "list"], None),
        (["--bogus", "list"], None),
        (["lisst"], None),
        ([], None),
    ],
)
def test_command_of_finds_the_command_where_argparse_does(
    argv: list[str], command: str | None
) -> None:
    assert command_of(argv) == command


ARGVS = [
    ["--archive", "arc", "list", "--limit", "50"],
    ["--arch", "list", "show", "7", "--json"],
    ["--archive=arc", "search", "kate", "winslet", "--facets"],
    ["search", "--", "-kate"],
    ["people", "merge", "1", "2"],
    ["export", "1", "2", "--to", "out"],
    ["list", "--bogus"],
    ["list", "--limit", "x"],
    ["show"],
    ["list", "-h"],
    ["check", "--help"],
    ["--db", "sqlite:///x", "init"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_lean_parser_parses_as_the_whole_one(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command = command_of(argv)
    assert command is not None
    outcomes = []
    for parser in (build_parser(), build_parser(COMMANDS[command])):
        try:
            outcomes.append(vars(parser.parse_args(argv)))
        except SystemExit as exc:
            outcomes.append({"exit": exc.code, "output": capsys.readouterr()})
    assert outcomes[0] == outcomes[1]
