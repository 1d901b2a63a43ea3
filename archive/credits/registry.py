"""The agency registry: the bundled rule pack merged with the archive's own, compiled once.

``load_registry()`` is called per import and per photo by code that does not want to care about
cost, so the bundled registry is built once per process and a user pack is rebuilt only when
its file changes (keyed on mtime and size).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from archive.credits.errors import RulePackError, UnknownAgencyError
from archive.credits.pack import Agency, load_pack
from archive.credits.patterns import (
    Pattern,
    compile_pattern,
    normalise,
    without_photographer,
)

USER_PACK_NAME = "agencies.toml"


@dataclass(frozen=True)
class Form:
    """One recognisable form of one agency, in the order parsing should try it."""

    agency: Agency
    pattern: Pattern
    canonical: bool  # the agency's own format (with or without photographer), not 'accept'


class AgencyRegistry:
    """Agencies and brands by name, alias and family; immutable once built.

    Hashable by identity so parse results can be cached per registry.
    """

    def __init__(self, agencies: Sequence[Agency], sources: Iterable[Path] = ()) -> None:
        self.sources = tuple(sources)
        self._agencies = tuple(agencies)
        self._by_name = {a.name.casefold(): a for a in self._agencies}
        self._check_family()
        self._by_alias: dict[str, Agency] = {}
        self._misspelt: set[str] = set()
        for agency in self._agencies:  # later packs come later: a user alias wins
            for alias in agency.aliases:
                self._by_alias[normalise(alias).casefold()] = agency
            for wrong in agency.misspellings:
                key = normalise(wrong).casefold()
                self._by_alias.setdefault(key, agency)
                self._misspelt.add(key)
        self.forms = self._compile_forms()
        self._find: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None

    def __repr__(self) -> str:
        packs = ", ".join(str(p) for p in self.sources)
        return f"<AgencyRegistry {len(self._agencies)} agencies from {packs}>"

    # -- lookup -------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies)

    def __len__(self) -> int:
        return len(self._agencies)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self._agencies)

    def get(self, name: str) -> Agency | None:
        """The agency with this name, else the one with this alias (case-insensitive)."""
        key = normalise(name).casefold()
        return self._by_name.get(key) or self._by_alias.get(key)

    def require(self, name: str) -> Agency:
        agency = self.get(name)
        if agency is None:
            raise UnknownAgencyError(name)
        return agency

    def by_alias(self, text: str) -> Agency | None:
        """The agency whose alias is exactly this text (case-insensitive, whitespace-normalised)."""
        return self._by_alias.get(normalise(text).casefold())

    def agency_by_alias(self, text: str) -> Agency | None:
        """As by_alias, but never a client organisation (the single-agency credit forms)."""
        found = self.by_alias(text)
        return found if found is not None and found.role != "client" else None

    def misspelt(self, text: str) -> bool:
        """True when the text is a misspelling the pack lists ("RETUERS", "Gettty")."""
        return normalise(text).casefold() in self._misspelt

    def root_of(self, agency: Agency) -> Agency:
        """The distributor at the top of the family (NurPhoto → Shutterstock)."""
        while agency.parent is not None:
            agency = self._by_name[agency.parent.casefold()]
        return agency

    def parents_of(self, name: str) -> tuple[str, ...]:
        """Ancestors, nearest first: parents_of("WireImage") == ("Getty Images",)."""
        out: list[str] = []
        agency: Agency | None = self.require(name)
        while agency is not None and agency.parent is not None:
            agency = self._by_name[agency.parent.casefold()]
            out.append(agency.name)
        return tuple(out)

    def brands_under(self, parent: str, *, include_self: bool = False) -> tuple[str, ...]:
        """Every agency whose ancestry includes ``parent`` (pack order).

        Search uses it so that ``agency:getty`` also finds WireImage, FilmMagic, AFP via Getty…
        """
        top = self.require(parent).name
        found = tuple(a.name for a in self._agencies if top in self.parents_of(a.name))
        return (top, *found) if include_self else found

    def find(self, text: str | None) -> Agency | None:
        """The agency an alias of which occurs in free text ("Getty Images Europe" → Getty).

        When several match, a brand beats its parent ("…/WireImage/Getty Images" → WireImage),
        then the longest alias, then the earliest.
        """
        if not text:
            return None
        text = normalise(text)
        hits: list[tuple[Agency, int, int]] = []
        if self._find is None:  # two alternations of every alias: built when first needed
            self._find = self._compile_find()
        for regex in self._find:
            if regex is None:
                continue
            for m in regex.finditer(text):
                agency = self._by_alias.get(m.group(0).casefold())
                if agency is not None and agency.role != "client":
                    hits.append((agency, len(m.group(0)), m.start()))
        if not hits:
            return None
        names = {a.name for a, _, _ in hits}
        ancestors = {p for n in names for p in self.parents_of(n)}
        best = [h for h in hits if h[0].name not in ancestors] or hits
        best.sort(key=lambda h: (-h[1], h[2]))
        return best[0][0]

    # -- building -----------------------------------------------------------------------
    def _check_family(self) -> None:
        for agency in self._agencies:
            if agency.parent is None:
                continue
            if agency.parent.casefold() not in self._by_name:
                raise RulePackError(
                    agency.origin or "<pack>",
                    f"{agency.name!r}: unknown parent {agency.parent!r}",
                    agency.line,
                )
            seen = {agency.name.casefold()}
            current = agency
            while current.parent is not None:
                key = current.parent.casefold()
                if key in seen:
                    raise RulePackError(
                        agency.origin or "<pack>",
                        f"{agency.name!r}: parent chain loops back through {current.parent!r}",
                        agency.line,
                    )
                seen.add(key)
                current = self._by_name[key]

    def _compile_forms(self) -> tuple[Form, ...]:
        ranked: list[tuple[tuple[int, int, int], Form]] = []
        order = 0
        for agency in self._agencies:
            if agency.role == "client":
                continue  # a client (Netflix) is a party of lines, not a credit form of its own
            texts: list[tuple[str, bool]] = [(agency.format, True)]
            anon = agency.anonymous_format
            if anon is not None and anon != agency.format:
                texts.append((anon, True))
            elif anon is None:
                # Required photographer: still recognise the bare agency part ("WireImage/Getty
                # Images") so the by-line can supply the name.
                bare = without_photographer(agency.format)
                if bare is not None:
                    texts.append((bare, True))
            texts.extend((form, False) for form in agency.accept)
            for text, canonical in texts:
                # Derived forms may be a lone variable ("{provider}" from the social format).
                pattern = compile_pattern(text, require_literal=False)
                if not pattern.distinctive and not agency.providers:
                    continue  # would match any "a/b" line; see Pattern.distinctive
                form = Form(agency, pattern, canonical)
                # Most literal text first; canonical before accepted; then pack order.
                ranked.append(((-pattern.weight, 0 if canonical else 1, order), form))
                order += 1
        ranked.sort(key=lambda item: item[0])
        return tuple(form for _, form in ranked)

    def _compile_find(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        loose: list[str] = []
        strict: list[str] = []
        for alias in self._by_alias:
            original = next(
                a
                for a in (*self._by_alias[alias].aliases, *self._by_alias[alias].misspellings)
                if normalise(a).casefold() == alias
            )
            # Short upper-case acronyms (AP, PA, EPA, HO) only count in capitals inside free
            # text, or every "Pa"/"Ap"/"Ho" in a name would look like an agency.
            if len(alias) <= 3 and original.isupper():
                strict.append(normalise(original))
            else:
                loose.append(alias)

        def build(items: list[str], flags: int) -> re.Pattern[str] | None:
            if not items:
                return None
            body = "|".join(re.escape(a) for a in sorted(items, key=len, reverse=True))
            return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)

        return build(loose, re.IGNORECASE), build(strict, 0)


def merge(base: Sequence[Agency], override: Sequence[Agency]) -> list[Agency]:
    """User entries replace bundled ones of the same name (in place) or are appended."""
    replacing = {a.name.casefold(): a for a in override}
    merged = [replacing.pop(a.name.casefold(), a) for a in base]
    merged.extend(a for a in override if a.name.casefold() in replacing)
    return merged


def _read(path: Path | str, data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulePackError(path, "not valid UTF-8 (TOML files must be UTF-8)", line) from None


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[Agency, ...], Path]:
    """Every bundled pack (resources/agencies/*.toml, one per distributor family), in name
    order; a name or alias used by two bundled files is a packaging mistake, refused."""
    folder = resources.files("resources") / "agencies"
    agencies: list[Agency] = []
    names: dict[str, Path] = {}
    aliases: dict[str, str] = {}
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    for ref in files:
        path = Path(str(ref))
        for agency in load_pack(path, _read(path, ref.read_bytes())):
            key = agency.name.casefold()
            if key in names:
                raise RulePackError(path, f"agency {agency.name!r} is also in {names[key]}")
            names[key] = path
            for alias in (*agency.aliases, *agency.misspellings):
                other = aliases.setdefault(normalise(alias).casefold(), agency.name)
                if other != agency.name:
                    raise RulePackError(
                        path, f"{agency.name}: alias {alias!r} is already used by {other!r}"
                    )
            agencies.append(agency)
    return tuple(agencies), Path(str(folder))


@lru_cache(maxsize=1)
def bundled_registry() -> AgencyRegistry:
    agencies, path = _bundled()
    return AgencyRegistry(agencies, (path,))


@lru_cache(maxsize=8)
def _user_registry(path: str, mtime_ns: int, size: int) -> AgencyRegistry:
    # mtime/size are only cache keys: an edited pack is reloaded, an unchanged one is not.
    del mtime_ns, size
    user_path = Path(path)
    user = load_pack(user_path, _read(user_path, user_path.read_bytes()))
    bundled, bundled_path = _bundled()
    return AgencyRegistry(merge(bundled, user), (bundled_path, user_path))


def load_registry(archive_dir: Path | str | None = None) -> AgencyRegistry:
    """The bundled agencies, overridden/extended by ``<archive_dir>/agencies.toml`` if present."""
    if archive_dir is None:
        return bundled_registry()
    user = Path(archive_dir) / USER_PACK_NAME
    try:
        st = user.stat()
    except FileNotFoundError:
        return bundled_registry()
    return _user_registry(str(user.resolve()), st.st_mtime_ns, st.st_size)


def registry_from_text(text: str, *, path: Path | str = "<memory>") -> AgencyRegistry:
    """Bundled pack + a pack given as text (tests, previews of an edited pack)."""
    bundled, bundled_path = _bundled()
    user = load_pack(Path(path), text)
    return AgencyRegistry(merge(bundled, user), (bundled_path, Path(path)))
