"""Credit-line patterns: ``"{photographer}/WireImage/Getty Images"`` → regexes and back.

A pattern is literal text with at most two variables, ``{photographer}`` and ``{provider}``
(the partner, organiser, publication, source or platform). The same text drives three things:
formatting (fill the variables), parsing (a case-insensitive full-match regex) and IIM
truncation (a regex matching any *prefix* of the pattern). Keeping one source of truth is what
lets ``format_credit`` and ``parse_credit`` round-trip.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cached_property

PHOTOGRAPHER = "photographer"
PROVIDER = "provider"
VARIABLES = (PHOTOGRAPHER, PROVIDER)

# A photographer never contains "/" (the separator of credit lines); a provider may
# ("SOPA Images/LightRocket via Getty Images" is a real Getty partner credit).
_VAR_REGEX = {PHOTOGRAPHER: r"[^/]+?", PROVIDER: r".+?"}

_WS = re.compile(r"\s+")
_SLASH_WS = re.compile(r"\s*/\s*")


def normalise(text: str) -> str:
    """Collapse whitespace (incl. NBSP, tabs, newlines) and drop spaces around "/".

    Applied to both patterns and inputs so that "Joe Maher / Getty  Images" matches
    "{photographer}/Getty Images" without every regex having to allow spaces everywhere.
    """
    return _SLASH_WS.sub("/", _WS.sub(" ", text.replace("\x00", " ")).strip()).strip()


@dataclass(frozen=True)
class Var:
    name: str


Token = str | Var


@dataclass(frozen=True)
class Pattern:
    """One compiled credit-line form of one agency."""

    text: str  # as written in the pack (used verbatim when formatting)
    tokens: tuple[Token, ...]  # normalised literals and variables
    # Non-space literal characters: the more a form spells out, the more specific it is, so
    # "{photographer}/AFP via Getty Images" beats "{photographer}/{provider} via Getty Images".
    weight: int
    # Literal text beyond "/", "@" and spaces. A form without it ("{photographer}/{provider}")
    # would match any "a/b" line, so it only recognises lines when its provider is listed.
    distinctive: bool

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The case-insensitive full-match regex, compiled when first matched: a registry
        holds ~230 forms and compiling them all took 0.1–0.2 s of every command that loads
        it, while parsing a line stops at the first form that matches."""
        return re.compile(
            "".join(
                f"(?P<{t.name}>{_VAR_REGEX[t.name]})" if isinstance(t, Var) else re.escape(t)
                for t in self.tokens
            ),
            re.IGNORECASE,
        )

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(t.name for t in self.tokens if isinstance(t, Var))

    def prefix_regex(self) -> re.Pattern[str]:
        """A regex matching every prefix of the pattern (for IIM-truncated values)."""
        return _prefix_regex(self.tokens)


def parse_pattern(text: str, *, require_literal: bool = True) -> tuple[Token, ...]:
    """Split a pattern into literals and variables; ValueError (with the reason) when invalid.

    ``require_literal=False`` is for forms derived internally ("{provider}" from the social
    format), never for what a pack author writes.
    """
    tokens: list[Token] = []
    seen: set[str] = set()
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:  # unbalanced braces
        raise ValueError(f"bad pattern {text!r}: {exc}") from None
    for literal, name, spec, conversion in parts:
        if literal:
            tokens.append(literal)
        if name is None:
            continue
        if name not in VARIABLES:
            allowed = ", ".join("{" + v + "}" for v in VARIABLES)
            raise ValueError(f"bad placeholder {{{name}}} in {text!r} (allowed: {allowed})")
        if spec or conversion:
            raise ValueError(f"placeholder {{{name}}} in {text!r} takes no format spec")
        if name in seen:
            raise ValueError(f"placeholder {{{name}}} appears twice in {text!r}")
        if tokens and isinstance(tokens[-1], Var):
            # "{photographer}{provider}" has no boundary between the two values.
            raise ValueError(f"placeholders need literal text between them in {text!r}")
        seen.add(name)
        tokens.append(Var(name))
    if require_literal and not any(isinstance(t, str) and t.strip() for t in tokens):
        raise ValueError(f"pattern {text!r} has no literal text to recognise it by")
    return tuple(tokens)


def compile_pattern(text: str, *, require_literal: bool = True) -> Pattern:
    tokens = _normalise_tokens(parse_pattern(text, require_literal=require_literal))
    return _build(text, tokens)


def without_photographer(text: str) -> str | None:
    """The form used when no photographer is known: drop ``{photographer}`` and one "/".

    "{photographer}/Getty Images" → "Getty Images", "AP Photo/{photographer}" → "AP Photo",
    "@{photographer}/{provider}" → "{provider}". None when the variable has no "/" beside it.
    """
    marker = "{" + PHOTOGRAPHER + "}"
    if marker not in text:
        return text
    before, after = text.split(marker, 1)
    before = before.removesuffix("@")
    if after.startswith("/"):
        result = before + after[1:]
    elif before.endswith("/"):
        result = before[:-1] + after
    else:
        return None
    return result if result.strip() else None


def fill(text: str, photographer: str | None, provider: str | None) -> str:
    # str.format would choke on a photographer containing "{"; substitute literally instead.
    out = text
    if photographer is not None:
        out = out.replace("{" + PHOTOGRAPHER + "}", photographer)
    if provider is not None:
        out = out.replace("{" + PROVIDER + "}", provider)
    return out


def _normalise_tokens(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        if isinstance(tok, Var):
            out.append(tok)
            continue
        lit = normalise(tok) if tok.strip() else tok
        # normalise() strips the edges; keep one space where the literal touched a variable
        # ("{provider} via AP" must keep the space before "via").
        if i > 0 and tok[:1].isspace() and not lit.startswith("/"):
            lit = " " + lit
        if i < len(tokens) - 1 and tok[-1:].isspace() and not lit.endswith("/"):
            lit = lit + " "
        if lit:
            out.append(lit)
    return tuple(out)


def _build(text: str, tokens: tuple[Token, ...]) -> Pattern:
    literal = "".join(t for t in tokens if isinstance(t, str))
    weight = sum(1 for ch in literal if not ch.isspace())
    distinctive = any(ch not in "/@" and not ch.isspace() for ch in literal)
    return Pattern(
        text=text,
        tokens=tokens,
        weight=weight,
        distinctive=distinctive,
    )


def _prefix_regex(tokens: tuple[Token, ...]) -> re.Pattern[str]:
    # Built from the right: each piece is followed by an optional rest, so any prefix matches.
    # A variable may itself be cut, which the lazy quantifier allows (it can run to the end).
    pieces: list[str] = []
    for tok in tokens:
        if isinstance(tok, Var):
            pieces.append(f"(?P<{tok.name}>{_VAR_REGEX[tok.name]})")
        else:
            pieces.extend(re.escape(ch) for ch in tok)
    out = ""
    for piece in reversed(pieces):
        out = piece + (f"(?:{out})?" if out else "")
    return re.compile(out, re.IGNORECASE)
