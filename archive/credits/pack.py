"""Read and validate one agency rule pack (TOML) into ``Agency`` records.

Cross-entry rules that need the merged view (unknown parent, cycles) live in registry.py; this
module checks one file: syntax, the schema of each entry, and duplicates inside the file. Every
error names the file, a line and the reason. tomllib reports no positions for values, so schema
errors point at the ``name = "…"`` line of the offending ``[[agency]]`` (found by a light scan of
the text), which is where a user looks first.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.credits.errors import RulePackError
from archive.credits.patterns import (
    PHOTOGRAPHER,
    PROVIDER,
    Var,
    parse_pattern,
    without_photographer,
)

SUPPORTED_VERSIONS = frozenset({1})

# key → (expected python type, required)
_SCHEMA: dict[str, tuple[type, bool]] = {
    "name": (str, True),
    "aliases": (list, True),
    "format": (str, True),
    "photographer_required": (bool, True),
    "restrictions": (list, True),
    "parent": (str, False),
    "accept": (list, False),
    "format_without_photographer": (str, False),
    "providers": (list, False),
    "provider_label": (str, False),
    "note": (str, False),
    # The party model (see parties.py): what this entry is in a credit line.
    "role": (str, False),
    "party": (str, False),
    "parties": (str, False),
    "successor": (str, False),
    "misspellings": (list, False),
    "source": (str, False),
    # The agency's default copyright notice, written on export when the file has none.
    "copyright": (str, False),
}
ROLES = ("distributor", "collection", "client")
_TYPE_NAMES = {str: "a string", list: "a list of strings", bool: "true or false"}


@dataclass(frozen=True)
class Agency:
    """One agency or brand as the pack describes it (validated)."""

    name: str
    aliases: tuple[str, ...]
    format: str
    photographer_required: bool
    restrictions: tuple[str, ...]
    parent: str | None = None
    accept: tuple[str, ...] = ()
    format_without_photographer: str | None = None
    providers: tuple[str, ...] = ()
    provider_label: str = "Provider"
    note: str = ""
    # distributor (Getty Images, PA, Shutterstock…), collection (a brand or partner agency that
    # reaches desks through a distributor: WireImage, NurPhoto, Lehtikuva) or client (the
    # organisation a picture was made for or comes from: Netflix, BAFTA).
    role: str = "distributor"
    party: str = ""  # how the party is written inside a credit line ("AFP", "PA Wire")
    parties: str | None = None  # a distributor's form for lines of several parties
    successor: str | None = None  # "REX" ends a line as "Shutterstock" today
    misspellings: tuple[str, ...] = ()  # recognised, but always flagged
    source: str = ""  # where the published credit form comes from
    # Default copyright notice ({year}, {photographer}); a brand without one uses its parent's.
    copyright: str | None = None
    # Where it was defined, for error messages about merged packs.
    origin: Path | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def takes_provider(self) -> bool:
        return "{" + PROVIDER + "}" in self.format

    @property
    def takes_photographer(self) -> bool:
        return "{" + PHOTOGRAPHER + "}" in self.format

    @property
    def anonymous_format(self) -> str | None:
        """The canonical form when no photographer is known (None: there is none)."""
        if self.format_without_photographer is not None:
            return self.format_without_photographer
        return without_photographer(self.format)

    @property
    def example(self) -> str:
        """The format with placeholders shown as words: 'Name/Getty Images for Organiser'."""
        return self.format.replace("{" + PHOTOGRAPHER + "}", "Name").replace(
            "{" + PROVIDER + "}", self.provider_label
        )


_HEADER = re.compile(r"^\s*\[\[\s*agency\s*\]\]")
_ANY_TABLE = re.compile(r"^\s*\[")
_NAME_LINE = re.compile(r"^\s*name\s*=")
_VERSION_LINE = re.compile(r"^\s*version\s*=")
_TOML_POS = re.compile(r"line (\d+), column (\d+)")


def entry_lines(source: str) -> list[int]:
    """Line (1-based) of each ``[[agency]]`` entry's ``name =`` (or header when name is missing).

    A scan rather than a parser: entries written as inline tables get no line (None is then
    used). Good enough to point a user at the right entry.
    """
    lines = source.splitlines()
    out: list[int] = []
    i = 0
    while i < len(lines):
        if _HEADER.match(lines[i]):
            header = i
            found = header
            j = i + 1
            while j < len(lines) and not _ANY_TABLE.match(lines[j]):
                if _NAME_LINE.match(lines[j]):
                    found = j
                    break
                j += 1
            out.append(found + 1)
        i += 1
    return out


def load_pack(path: Path, source: str) -> tuple[Agency, ...]:
    """Parse and validate one pack's text; RulePackError on anything malformed."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        pos = _TOML_POS.search(msg)
        if pos:
            reason = msg[: pos.start()].rstrip(" (")
            raise RulePackError(path, reason, int(pos.group(1)), int(pos.group(2))) from None
        raise RulePackError(path, msg, len(source.splitlines()) or 1) from None

    version_line = next(
        (n for n, text in enumerate(source.splitlines(), 1) if _VERSION_LINE.match(text)), 1
    )
    unknown = sorted(set(data) - {"version", "agency"})
    if unknown:
        raise RulePackError(path, f"unknown top-level key {unknown[0]!r}", 1)
    version = data.get("version")
    if version is None:
        raise RulePackError(path, "missing key 'version' (this Creditdesk reads version = 1)", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise RulePackError(path, "'version' must be an integer", version_line)
    if version not in SUPPORTED_VERSIONS:
        raise RulePackError(
            path,
            f"pack version {version} is not supported (supported: "
            f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))})",
            version_line,
        )
    raw_entries = data.get("agency", [])
    if not isinstance(raw_entries, list):
        raise RulePackError(path, "'agency' must be an array of tables: [[agency]]", 1)

    lines = entry_lines(source)
    agencies: list[Agency] = []
    seen_names: dict[str, str] = {}
    seen_aliases: dict[str, str] = {}
    for index, raw in enumerate(raw_entries):
        line = lines[index] if index < len(lines) else None
        agency = _entry(path, raw, index, line)
        key = agency.name.casefold()
        if key in seen_names:
            raise RulePackError(path, f"duplicate agency name {agency.name!r}", line)
        seen_names[key] = agency.name
        for alias in (*agency.aliases, *agency.misspellings):
            other = seen_aliases.setdefault(alias.casefold(), agency.name)
            if other != agency.name:
                raise RulePackError(
                    path, f"{agency.name}: alias {alias!r} is already used by {other!r}", line
                )
        agencies.append(agency)
    return tuple(agencies)


def _entry(path: Path, raw: Any, index: int, line: int | None) -> Agency:
    label = f"agency #{index + 1}"
    if not isinstance(raw, dict):
        raise RulePackError(path, f"{label} must be a table", line)
    if isinstance(raw.get("name"), str) and raw["name"].strip():
        label = repr(raw["name"])

    def fail(reason: str) -> RulePackError:
        return RulePackError(path, f"{label}: {reason}", line)

    for key in raw:
        if key not in _SCHEMA:
            raise fail(f"unknown key {key!r} (known: {', '.join(_SCHEMA)})")
    for key, (kind, required) in _SCHEMA.items():
        if key not in raw:
            if required:
                raise fail(f"missing key {key!r}")
            continue
        value = raw[key]
        if not isinstance(value, kind):
            raise fail(f"{key!r} must be {_TYPE_NAMES[kind]}, not {type(value).__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{key!r} must be a list of non-empty strings")
        if isinstance(value, str) and not value.strip():
            raise fail(f"{key!r} must not be empty")

    agency = Agency(
        name=raw["name"].strip(),
        aliases=tuple(a.strip() for a in raw["aliases"]),
        format=raw["format"],
        photographer_required=raw["photographer_required"],
        restrictions=tuple(raw["restrictions"]),
        parent=raw["parent"].strip() if "parent" in raw else None,
        accept=tuple(raw.get("accept", ())),
        format_without_photographer=raw.get("format_without_photographer"),
        providers=tuple(p.strip() for p in raw.get("providers", ())),
        provider_label=raw.get("provider_label", "Provider"),
        note=raw.get("note", ""),
        role=raw.get("role", "collection" if "parent" in raw else "distributor"),
        party=str(raw.get("party", raw["name"])).strip(),
        parties=raw.get("parties"),
        successor=raw.get("successor"),
        misspellings=tuple(m.strip() for m in raw.get("misspellings", ())),
        source=raw.get("source", ""),
        copyright=raw.get("copyright"),
        origin=path,
        line=line,
    )
    _check_formats(agency, fail)
    if agency.role not in ROLES:
        raise fail(f"'role' must be one of {', '.join(ROLES)}, not {agency.role!r}")
    if agency.parties is not None:
        from archive.credits.compose import check_template

        try:
            check_template(agency.parties)
        except ValueError as exc:
            raise fail(str(exc)) from None
    return agency


def _variables(pattern: str) -> set[str]:
    return {t.name for t in parse_pattern(pattern) if isinstance(t, Var)}


def _check_formats(agency: Agency, fail: Any) -> None:
    try:
        main = _variables(agency.format)
        for form in agency.accept:
            extra = _variables(form) - main
            if extra:
                # A value parsed from an accepted form must be writable in the canonical one.
                raise ValueError(
                    f"accepted form {form!r} uses {{{extra.pop()}}} which 'format' lacks"
                )
        if agency.format_without_photographer is not None:
            anon = _variables(agency.format_without_photographer)
            if PHOTOGRAPHER in anon:
                raise ValueError("'format_without_photographer' must not use {photographer}")
            if anon - main:
                raise ValueError("'format_without_photographer' uses {provider}; 'format' lacks it")
    except ValueError as exc:
        raise fail(str(exc)) from None
    if agency.photographer_required and PHOTOGRAPHER not in main:
        raise fail("photographer_required = true but 'format' has no {photographer}")
    if not agency.photographer_required and agency.anonymous_format is None:
        raise fail(
            "photographer is optional but no form without one can be derived from 'format'; "
            "add 'format_without_photographer'"
        )
    if agency.providers and PROVIDER not in main:
        raise fail("'providers' is set but 'format' has no {provider}")
