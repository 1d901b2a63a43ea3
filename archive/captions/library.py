"""Named caption templates: bundled ones (data in resources/templates/captions.toml) plus the
archive's own ``<archive>/templates.toml``, whose entries replace or add to the bundled ones.

File format::

    version = 1            # optional
    [templates]
    getty-event = "{people} {verb:attends} the {event} at {venue} on {date} in {city}, {country}."

Every template is syntax-checked on load, so a broken one is reported with its file and line
when the desk opens the archive, not halfway through captioning a set.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from archive.captions.errors import TemplateError
from archive.captions.template import parse

USER_TEMPLATES_NAME = "templates.toml"
_TOML_POS = re.compile(r"\(at line (\d+), column \d+\)")


def bundled_path() -> Path:
    return Path(str(resources.files("resources") / "templates" / "captions.toml"))


def load_templates(archive_dir: Path | None = None) -> dict[str, str]:
    """Template name → template text; the archive's file overrides/extends the bundled one."""
    ref = resources.files("resources") / "templates" / "captions.toml"
    path = Path(str(ref))
    templates = templates_from_text(_decode(path, ref.read_bytes()), path)
    if archive_dir is not None:
        user = Path(archive_dir) / USER_TEMPLATES_NAME
        try:
            data = user.read_bytes()
        except FileNotFoundError:
            return templates
        templates.update(templates_from_text(_decode(user, data), user))
    return templates


def _decode(path: Path, data: bytes) -> str:
    try:
        # Windows editors (Notepad) save UTF-8 with a BOM; tomllib rejects it.
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError(
            "not valid UTF-8 (save the file as UTF-8)", path=path, line=line
        ) from None


def templates_from_text(source: str, path: Path | str = "<memory>") -> dict[str, str]:
    """Parse and check one templates file given as text (also for previews of an edited file)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POS.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _TOML_POS.sub("", str(exc)).strip()
        raise TemplateError(f"not valid TOML: {reason}", path=path, line=line) from None
    unknown = sorted(set(data) - {"version", "templates"})
    if unknown:
        # Catches '[template]' and friends, which would otherwise silently define nothing.
        raise TemplateError(
            f"unknown top-level key {unknown[0]!r} (expected [templates])",
            path=path,
            line=_key_line(source, unknown[0]),
        )
    if "version" in data and data["version"] != 1:
        raise TemplateError(
            f"unsupported version {data['version']!r} (this Creditdesk reads version 1)",
            path=path,
            line=_key_line(source, "version"),
        )
    table = data.get("templates", {})
    if not isinstance(table, dict):
        raise TemplateError(
            "'templates' must be a table", path=path, line=_key_line(source, "templates")
        )
    result: dict[str, str] = {}
    for name, text in table.items():
        line = _key_line(source, name)
        # Names show in menus and on the command line: no blanks, padding or control chars.
        if not name or name != name.strip() or not name.isprintable():
            raise TemplateError(f"template name {name!r} is not usable", path=path, line=line)
        if not isinstance(text, str):
            raise TemplateError(f"template {name!r} must be a string", path=path, line=line)
        try:
            parse(text)
        except TemplateError as exc:
            raise exc.located(path, line) from None
        result[name] = text
    return result


def _key_line(source: str, key: str) -> int | None:
    # tomllib reports no positions for values: find the line that assigns the key instead.
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    header = re.compile(rf"^\s*\[\s*{re.escape(key)}\s*\]")
    for number, text in enumerate(source.splitlines(), 1):
        if pattern.match(text) or header.match(text):
            return number
    return None
