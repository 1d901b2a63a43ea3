"""The small bits of English a caption needs: name lists, verb agreement and dates.

Dates are formatted here rather than by ``strftime`` because ``strftime`` is wrong for
captions twice over: month/day names follow the desktop's locale (a German desk would get
"Mai"), and the no-padding flag is platform specific (glibc ``%-d``, Windows ``%#d``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from archive.captions.errors import TemplateError

DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Spelled out, not from calendar.month_name: that follows the locale, captions are English.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def join_people(people: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' (house style: no serial comma)."""
    if len(people) <= 1:
        return "".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


# -- verbs -----------------------------------------------------------------------------------
# Singular (third person) → plural, for verbs the general rules below get wrong.
_IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "goes": "go",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    # "-oes" usually drops "es" (echoes, vetoes), but these keep their "e".
    "canoes": "canoe",
    "tiptoes": "tiptoe",
    "shoes": "shoe",
    "hoes": "hoe",
}
# After these endings the "-es" is a suffix (watch-es), otherwise only the "-s" is (pose-s).
_ES_ENDINGS = ("sses", "shes", "ches", "xes", "zzes", "oes")


def plural_verb(singular: str) -> str:
    """The plural (base) form of a third-person singular verb: 'attends' → 'attend'.

    Only the first word changes, so a phrase works too: 'is pictured' → 'are pictured'.
    Words that are not -s forms (modals such as 'can', 'will') are the same in both.
    """
    first, sep, rest = singular.partition(" ")
    return _plural_word(first) + sep + rest


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR:
        plural = _IRREGULAR[lower]
    elif lower.endswith("ies") and len(lower) > 4:  # carries → carry; but dies → die
        plural = lower[:-3] + "y"
    elif lower.endswith(_ES_ENDINGS):
        plural = lower[:-2]
    elif lower.endswith("s") and not lower.endswith("ss"):
        plural = lower[:-1]
    else:
        return word
    return _same_case(word, plural)


def _same_case(model: str, word: str) -> str:
    # Keep the template author's capitalisation: 'Attends' → 'Attend', 'IS' → 'ARE'.
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def agree(verb: str, count: int) -> str:
    """The verb as written for one person, its plural for several."""
    return verb if count == 1 else plural_verb(verb)


# -- dates -----------------------------------------------------------------------------------
def _directives() -> dict[str, Callable[[datetime.date], str]]:
    return {
        "d": lambda d: f"{d.day:02d}",
        "e": lambda d: f"{d.day:2d}",
        "m": lambda d: f"{d.month:02d}",
        "y": lambda d: f"{d.year % 100:02d}",
        "Y": lambda d: f"{d.year:04d}",
        "j": lambda d: f"{d.timetuple().tm_yday:03d}",
        "B": lambda d: MONTHS[d.month - 1],
        "b": lambda d: MONTHS[d.month - 1][:3],
        "A": lambda d: WEEKDAYS[d.weekday()],
        "a": lambda d: WEEKDAYS[d.weekday()][:3],
    }


_DIRECTIVES = _directives()
_UNPADDABLE = frozenset("demyj")  # numeric directives that accept the no-padding flag
_NO_PAD_FLAGS = "-#"  # glibc/BSD spell it %-d, Windows %#d: accept both everywhere


def check_date_format(fmt: str, offset: int = 0) -> None:
    """Raise TemplateError (position = ``offset`` + index in ``fmt``) for a bad directive."""
    _format(fmt, None, offset)


def format_date(value: datetime.date, fmt: str = DEFAULT_DATE_FORMAT) -> str:
    """``value`` formatted in English; supports a A b B d e m y Y j %% and %-d/%#d style flags."""
    return _format(fmt, value, 0)


def _format(fmt: str, value: datetime.date | None, offset: int) -> str:
    out: list[str] = []
    i = 0
    while i < len(fmt):
        char = fmt[i]
        if char != "%":
            out.append(char)
            i += 1
            continue
        start = i
        i += 1
        no_pad = i < len(fmt) and fmt[i] in _NO_PAD_FLAGS
        if no_pad:
            i += 1
        if i >= len(fmt):
            raise TemplateError(
                "date format ends in the middle of a '%' directive", position=offset + start
            )
        code = fmt[i]
        i += 1
        if code == "%" and not no_pad:
            out.append("%")
            continue
        if code not in _DIRECTIVES or (no_pad and code not in _UNPADDABLE):
            raise TemplateError(
                f"unsupported date directive {fmt[start:i]!r} "
                "(use %a %A %b %B %d %e %m %y %Y %j, %-d style for no padding, %% for '%')",
                position=offset + start,
            )
        if value is not None:
            text = _DIRECTIVES[code](value)
            out.append((text.lstrip(" 0") or "0") if no_pad else text)
    return "".join(out)
