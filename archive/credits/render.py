"""Writing a credit line from its parts: the single place that fills an agency's format."""

from __future__ import annotations

from archive.credits.errors import CreditError
from archive.credits.pack import Agency
from archive.credits.patterns import PHOTOGRAPHER, fill


def _squash(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def clean_photographer(agency: Agency, photographer: str | None) -> str | None:
    value = _squash(photographer)
    if value is not None and "@{" + PHOTOGRAPHER + "}" in agency.format:
        # Social handles are stored without "@" (the format adds it); accept either spelling.
        value = value.lstrip("@").strip() or None
    if value is not None and "/" in value:
        raise CreditError(f"a photographer's name cannot contain '/': {value!r}")
    return value


def clean_provider(agency: Agency, provider: str | None) -> str | None:
    value = _squash(provider)
    if value is not None and agency.providers:
        # Listed values have a house spelling ("TikTok", not "tiktok").
        folded = value.casefold()
        value = next((p for p in agency.providers if p.casefold() == folded), value)
    return value


def render(agency: Agency, photographer: str | None, provider: str | None) -> str:
    """The canonical line; CreditError when the parts cannot make a valid one."""
    ph = clean_photographer(agency, photographer)
    pv = clean_provider(agency, provider)
    label = agency.provider_label.lower()
    if ph is not None and not agency.takes_photographer:
        raise CreditError(f"{agency.name} credits name no photographer: '{agency.example}'")
    if pv is not None and not agency.takes_provider:
        raise CreditError(f"{agency.name} credits take no partner/source: '{agency.example}'")
    if pv is None and agency.takes_provider:
        raise CreditError(f"{agency.name} credits need the {label}: '{agency.example}'")
    if ph is None:
        anonymous = agency.anonymous_format
        if agency.photographer_required or anonymous is None:
            raise CreditError(f"{agency.name} credits need a photographer: '{agency.example}'")
        return fill(anonymous, None, pv)
    return fill(agency.format, ph, pv)


def render_or_none(agency: Agency, photographer: str | None, provider: str | None) -> str | None:
    try:
        return render(agency, photographer, provider)
    except CreditError:
        return None
