"""What the compliance rules see: plain, frozen facts about one photo and one destination.

The engine gathers these from the catalogue; rules are pure functions over them, so each
rule is tested with a few lines of data and never touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from archive.compliance.model import Restriction
from archive.rights.terms import Terms

SEVERITIES = ("error", "warning", "info")
LAPSED = "override no longer applies"
USES = (
    "editorial",
    "commercial",
    "advertising",
    "social",
    "print",
    "web",
    "syndication",
    "archive",
    # Training AI models on the pictures (issue 19: data-mining checks plus:DataMining).
    "ai-training",
)
LICENCE_KINDS = (
    "agency-subscription",
    "rights-managed",
    "royalty-free",
    "editorial-only",
    "staff",
    "commissioned",
    "handout",
    "social-media",
    "pool",
)


@dataclass(frozen=True)
class LicenceFacts:
    kind: str | None = None
    uses: tuple[str, ...] = ()  # allowed uses; empty = not stated
    excluded_territories: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    valid_from: datetime | None = None  # aware (UTC); embargo / release
    valid_until: datetime | None = None  # aware (UTC); expiry
    time_limit_days: int | None = None  # "may only be used for N days from transmission"
    model_release: str | None = None  # "none", "not-applicable", "unlimited", "limited", or None
    property_release: str | None = None
    reference: str | None = None
    restrictions: tuple[Restriction, ...] = ()  # parsed from special instructions / usage terms


@dataclass(frozen=True)
class CostFacts:
    """What the next use would cost: the agency's terms and its period's uses so far."""

    terms: Terms | None = None
    # Publication dates of every use under these terms (subscriptions: the last year).
    pool_uses: tuple[date, ...] = ()
    # A quota that counts pictures: the picture of each of those uses, in the same order,
    # and this photo's picture (the smallest id of its versions).
    pool_pictures: tuple[int, ...] = ()
    picture: int | None = None


@dataclass(frozen=True)
class PhotoFacts:
    id: int
    sha256: str
    caption: str | None = None
    headline: str | None = None
    title: str | None = None
    credit_line: str | None = None
    photographer: str | None = None
    agency: str | None = None
    agency_parent: str | None = None
    # As the agency embedded them (raw IPTC/XMP), for credit-mismatch.
    embedded_byline: str | None = None
    embedded_credit: str | None = None
    embedded_source: str | None = None
    people: tuple[str, ...] = ()
    # Each tagged person's other names: "Kate Elizabeth Winslet" also names Kate Winslet.
    person_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # People of the registry whose name (or alias) appears in the caption.
    people_named_in_caption: tuple[str, ...] = ()
    event: str | None = None
    taken_at: datetime | None = None  # aware when known
    transmitted_at: datetime | None = None  # aware UTC: when the agency sent it (else imported)
    imported_at: datetime | None = None  # aware UTC
    licence: LicenceFacts = field(default_factory=LicenceFacts)
    # Other photos of the same picture (same content hash or perceptual hash): (id, credit line).
    duplicates: tuple[tuple[int, str | None], ...] = ()
    # The agency of each such copy, where known (a near copy from another agency is the
    # same picture to pay for twice): id → agency name.
    duplicate_agencies: Mapping[int, str] = field(default_factory=dict)
    # The picture's own latest publication (used-recently) and what using it costs.
    last_published: date | None = None
    cost: CostFacts = field(default_factory=CostFacts)
    # Every text field that will be written out, by name, for mojibake / IIM truncation checks.
    text_fields: Mapping[str, str] = field(default_factory=dict)
    # Provenance (archive.provenance): IPTC Digital Source Type term, PLUS Data Mining term,
    # C2PA state ("valid", "untrusted", "hash-mismatch", "signature-invalid"; None = none)
    # and the line saying what failed.
    digital_source_type: str | None = None
    data_mining: str | None = None
    c2pa_state: str | None = None
    c2pa_summary: str | None = None


@dataclass(frozen=True)
class ProfileFacts:
    name: str
    territory: str  # ISO 3166-1 alpha-2 of the publication
    uses: tuple[str, ...]  # e.g. ("editorial", "web")
    at: datetime  # aware UTC: when the pictures will be published
    credit_presentation: str = "(Image credit: {credit})"
    caption_min_length: int = 40
    people_must_be_named: bool = True
    expiring_days: int = 7
    used_recently_days: int = 30  # used-recently: published within this many days
    # Rule code → severity, overriding the rule's default ("off" disables the rule).
    severities: Mapping[str, str] = field(default_factory=dict)
    # Provenance settings (archive.provenance.settings.DEFAULTS).
    labelled_illustrations: bool = False
    ai_label: str = "(AI-generated image)"
    credentials_policy: str = "keep-or-remove"
    # Export writes the licence as usage terms and the agency's default copyright notice
    # when the file has none (issue 22 item 3).
    rights_on_export: bool = True


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    message: str  # what a photo editor needs to know
    fix: str  # what to do about it
    overridden: bool = False
    override_reason: str | None = None
    hard: bool = False  # the profile does not let this rule be overridden
    # An override was written for this rule, but for other facts than today's (the licence,
    # territory, embargo or credit changed since): it no longer applies (issue 22 item 1).
    override_lapsed: bool = False
    lapsed_reason: str | None = None  # the reason the lapsed override was written with
    lapsed_given_for: str | None = None  # the facts it was written for, in words

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "overridden": self.overridden,
        }
        if self.override_reason:
            out["override_reason"] = self.override_reason
        if self.hard:
            out["hard"] = True
        if self.override_lapsed:
            out["override_lapsed"] = True
            out["override_note"] = LAPSED
            out["lapsed_reason"] = self.lapsed_reason
            out["lapsed_given_for"] = self.lapsed_given_for
        return out
