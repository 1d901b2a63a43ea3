"""Agency restriction text → rules: real-world styles, every kind, no text ever dropped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.compliance import Kind, Restriction, RestrictionError, parse_restrictions
from archive.errors import ArchiveError

K = Kind


def R(
    kind: Kind, text: str, **params: object
) -> Restriction:  # a short name keeps the tables readable
    return Restriction(kind, text, **params)  # type: ignore[arg-type]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Styles of Getty, AP, Reuters, Shutterstock/Rex, PA, EPA, AFP and Alamy special instructions.
AGENCY_STRINGS = [
    (
        "EDITORIAL USE ONLY. UK OUT. MANDATORY CREDIT",
        [
            R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"),
            R(K.TERRITORY_OUT, "UK OUT", territories=("GB",)),
            R(K.MANDATORY_CREDIT, "MANDATORY CREDIT"),
        ],
    ),
    (
        "RESTRICTED TO EDITORIAL USE. NO SALES. NO ARCHIVE",
        [
            R(K.EDITORIAL_ONLY, "RESTRICTED TO EDITORIAL USE"),
            R(K.NO_SALES, "NO SALES"),
            R(K.NO_ARCHIVE, "NO ARCHIVE"),
        ],
    ),
    (
        "EDITORIAL USE ONLY / NO MARKETING / NO ADVERTISING CAMPAIGNS",
        # Both marketing clauses are one rule: the second collapses into the first.
        [R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"), R(K.NO_MARKETING, "NO MARKETING")],
    ),
    (
        "THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. IT IS DISTRIBUTED, EXACTLY AS RECEIVED "
        "BY REUTERS, AS A SERVICE TO CLIENTS. NO RESALES. NO ARCHIVES.",
        [
            R(K.UNPARSED, "THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY"),
            R(
                K.UNPARSED,
                "IT IS DISTRIBUTED, EXACTLY AS RECEIVED BY REUTERS, AS A SERVICE TO CLIENTS",
            ),
            R(K.NO_SALES, "NO RESALES"),
            R(K.NO_ARCHIVE, "NO ARCHIVES"),
        ],
    ),
    (
        "MANDATORY CREDIT. NO SALES. NO ARCHIVE. JAPAN OUT. MAGS OUT. TV OUT",
        [
            R(K.MANDATORY_CREDIT, "MANDATORY CREDIT"),
            R(K.NO_SALES, "NO SALES"),
            R(K.NO_ARCHIVE, "NO ARCHIVE"),
            R(K.TERRITORY_OUT, "JAPAN OUT", territories=("JP",)),
            R(K.MEDIA_OUT, "MAGS OUT", media=("magazines",)),
            R(K.MEDIA_OUT, "TV OUT", media=("tv",)),
        ],
    ),
    (
        "NO SALES, NO ARCHIVE, MANDATORY CREDIT, CHINA OUT, HONG KONG OUT, TAIWAN OUT",
        [
            R(K.NO_SALES, "NO SALES"),
            R(K.NO_ARCHIVE, "NO ARCHIVE"),
            R(K.MANDATORY_CREDIT, "MANDATORY CREDIT"),
            R(K.TERRITORY_OUT, "CHINA OUT", territories=("CN",)),
            R(K.TERRITORY_OUT, "HONG KONG OUT", territories=("HK",)),
            R(K.TERRITORY_OUT, "TAIWAN OUT", territories=("TW",)),
        ],
    ),
    (
        "EPA-EFE/JOHN SMITH EDITORIAL USE ONLY/NO SALES",
        [
            R(K.UNPARSED, "EPA-EFE/JOHN SMITH"),
            R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"),
            R(K.NO_SALES, "NO SALES"),
        ],
    ),
    (
        "Editorial use only. No commercial use. No merchandising.",
        [R(K.EDITORIAL_ONLY, "Editorial use only"), R(K.NO_MARKETING, "No commercial use")],
    ),
    (
        "Editorial use only, No book cover usage",
        [R(K.EDITORIAL_ONLY, "Editorial use only"), R(K.UNPARSED, "No book cover usage")],
    ),
    (
        "Mandatory Credit: Photo by John Smith/Shutterstock (12345a)",
        [
            R(
                K.MANDATORY_CREDIT,
                "Mandatory Credit: Photo by John Smith/Shutterstock (12345a)",
                credit="Photo by John Smith/Shutterstock (12345a)",
            )
        ],
    ),
    (
        "Mandatory Credit: Photo by Tim Rooke/Shutterstock (13953473a) Editorial use only",
        [
            R(
                K.MANDATORY_CREDIT,
                "Mandatory Credit: Photo by Tim Rooke/Shutterstock (13953473a)",
                credit="Photo by Tim Rooke/Shutterstock (13953473a)",
            ),
            R(K.EDITORIAL_ONLY, "Editorial use only"),
        ],
    ),
    (
        "Photo credit should read: Yui Mok/PA Wire",
        [
            R(
                K.MANDATORY_CREDIT,
                "Photo credit should read: Yui Mok/PA Wire",
                credit="Yui Mok/PA Wire",
            )
        ],
    ),
    (
        'RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT "AFP PHOTO / ELYSEE PALACE" - NO '
        "MARKETING NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS",
        [
            R(K.EDITORIAL_ONLY, "RESTRICTED TO EDITORIAL USE"),
            R(
                K.MANDATORY_CREDIT,
                'MANDATORY CREDIT "AFP PHOTO / ELYSEE PALACE"',
                credit="AFP PHOTO / ELYSEE PALACE",
            ),
            R(K.NO_MARKETING, "NO MARKETING"),
            R(K.UNPARSED, "DISTRIBUTED AS A SERVICE TO CLIENTS"),
        ],
    ),
    (
        "This content is intended for editorial use only. For other uses, additional "
        "clearances may be required.",
        [
            R(K.EDITORIAL_ONLY, "This content is intended for editorial use only"),
            R(K.UNPARSED, "For other uses, additional clearances may be required"),
        ],
    ),
    (
        "No Use in Japan. No Archiving Permitted. AP Clients Only.",
        [
            R(K.TERRITORY_OUT, "No Use in Japan", territories=("JP",)),
            R(K.NO_ARCHIVE, "No Archiving Permitted"),
            R(K.UNPARSED, "AP Clients Only"),
        ],
    ),
    (
        "FOR EDITORIAL USE ONLY. NO SALES. NO MODEL RELEASE.",
        [
            R(K.EDITORIAL_ONLY, "FOR EDITORIAL USE ONLY"),
            R(K.NO_SALES, "NO SALES"),
            R(K.MODEL_RELEASE_NONE, "NO MODEL RELEASE"),
        ],
    ),
    (
        "EDITORIAL USE ONLY. No use with unauthorised audio, video, data, fixture lists, "
        "club/league logos or 'live' services. Online in-match use limited to 120 images, no "
        "video emulation.",
        [
            R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"),
            R(
                K.UNPARSED,
                "No use with unauthorised audio, video, data, fixture lists, club/league logos "
                "or 'live' services",
            ),
            R(K.UNPARSED, "Online in-match use limited to 120 images, no video emulation"),
        ],
    ),
    (
        "For editorial use only; no commercial use",
        [R(K.EDITORIAL_ONLY, "For editorial use only"), R(K.NO_MARKETING, "no commercial use")],
    ),
    (
        "** EXCLUSIVE ** NOT FOR SALE FOR MARKETING OR ADVERTISING CAMPAIGNS",
        [
            R(K.EXCLUSIVE, "EXCLUSIVE"),
            R(K.NO_MARKETING, "NOT FOR SALE FOR MARKETING OR ADVERTISING CAMPAIGNS"),
        ],
    ),
    (
        "Editorial use only. Strictly no archiving.",
        [R(K.EDITORIAL_ONLY, "Editorial use only"), R(K.NO_ARCHIVE, "no archiving")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGENCY_STRINGS, ids=lambda v: str(v)[:40])
def test_agency_strings(text: str, expected: list[Restriction]) -> None:
    assert parse_restrictions(text) == expected


TERRITORIES = [
    ("UK OUT", ("GB",)),
    ("U.K. OUT", ("GB",)),
    ("UNITED KINGDOM OUT", ("GB",)),
    ("GREAT BRITAIN OUT", ("GB",)),
    ("BRITAIN OUT", ("GB",)),
    ("ENGLAND OUT", ("GB",)),  # no ISO code of its own: widened to GB, the safe direction
    ("GBR OUT", ("GB",)),
    ("GB OUT", ("GB",)),
    ("USA OUT", ("US",)),
    ("US OUT", ("US",)),
    ("U.S. OUT", ("US",)),
    ("UNITED STATES OUT", ("US",)),
    ("JAPAN OUT", ("JP",)),
    ("INDIA OUT", ("IN",)),
    ("NORWAY OUT", ("NO",)),
    ("Côte d'Ivoire out", ("CI",)),
    ("BOSNIA AND HERZEGOVINA OUT", ("BA",)),
    ("TRINIDAD & TOBAGO OUT", ("TT",)),
    ("GUINEA-BISSAU OUT", ("GW",)),
    ("NORTH KOREA OUT", ("KP",)),
    ("KOREA OUT", ("KR",)),
    ("NEW ZEALAND OUT", ("NZ",)),
    ("FRA OUT", ("FR",)),
    ("GERMANY, AUSTRIA, SWITZERLAND OUT", ("DE", "AT", "CH")),
    ("GERMANY, AUSTRIA AND SWITZERLAND OUT", ("DE", "AT", "CH")),
    ("GERMANY AUSTRIA SWITZERLAND OUT", ("DE", "AT", "CH")),
    ("UK/IRELAND OUT", ("GB", "IE")),
    ("UK / IRELAND OUT", ("GB", "IE")),
    ("UK, BRITAIN OUT", ("GB",)),
    ("SCANDINAVIA OUT", ("DK", "NO", "SE")),
    ("BENELUX OUT", ("BE", "NL", "LU")),
    ("OUT: UK, IRELAND", ("GB", "IE")),
    ("NO USE IN FRANCE", ("FR",)),
    ("NOT FOR USE IN FRANCE", ("FR",)),
    ("NO USE IN THE UK OR IRELAND", ("GB", "IE")),
    ("NO SALES IN CHINA", ("CN",)),
    ("Not to be published in Germany", ("DE",)),
]


@pytest.mark.parametrize(("text", "codes"), TERRITORIES)
def test_territories(text: str, codes: tuple[str, ...]) -> None:
    assert parse_restrictions(text) == [R(K.TERRITORY_OUT, text, territories=codes)]


@pytest.mark.parametrize(
    "text",
    [
        "IN OUT",  # IN is India's code, and an English word
        "IT OUT",
        "DAILY MAIL OUT",
        "THE SUN OUT",
        "NO USE IN UK TABLOIDS",  # the UK is not out: only its tabloids
        "OUT OF OFFICE",
        "WORLDWIDE RIGHTS EXCEPT UK",
    ],
)
def test_territory_false_positives_stay_unparsed(text: str) -> None:
    assert parse_restrictions(text) == [R(K.UNPARSED, text)]


MEDIA = [
    ("TV OUT", ("tv",)),
    ("NO TV", ("tv",)),
    ("MAGS OUT", ("magazines",)),
    ("NO MAGAZINES", ("magazines",)),
    ("NO NEWSPAPERS", ("newspapers",)),
    ("NO BOOKS", ("books",)),
    ("NO INTERNET", ("internet",)),
    ("ONLINE OUT", ("internet",)),
    ("NO ONLINE USE", ("internet",)),
    ("NO WEB USE", ("internet",)),
    ("NO SOCIAL MEDIA", ("social",)),
    ("NO USE ON SOCIAL MEDIA", ("social",)),
    ("TV AND INTERNET OUT", ("tv", "internet")),
    ("NO TV/INTERNET", ("tv", "internet")),
    ("NO TV, NO INTERNET", ("tv", "internet")),
    ("NO USE IN BOOKS", ("books",)),
    ("NOT FOR BROADCAST", ("tv",)),
]


@pytest.mark.parametrize(("text", "media"), MEDIA)
def test_media(text: str, media: tuple[str, ...]) -> None:
    assert parse_restrictions(text) == [R(K.MEDIA_OUT, text, media=media)]


SIMPLE = [
    ("EDITORIAL USE ONLY", K.EDITORIAL_ONLY),
    ("Editorial Only", K.EDITORIAL_ONLY),
    ("FOR EDITORIAL USE ONLY", K.EDITORIAL_ONLY),
    ("STRICTLY EDITORIAL USE ONLY", K.EDITORIAL_ONLY),
    ("RESTRICTED TO EDITORIAL USE", K.EDITORIAL_ONLY),
    ("For editorial purposes only", K.EDITORIAL_ONLY),
    ("MANDATORY CREDIT", K.MANDATORY_CREDIT),
    ("CREDIT REQUIRED", K.MANDATORY_CREDIT),
    ("MANDATORY BYLINE", K.MANDATORY_CREDIT),
    ("NO SALES", K.NO_SALES),
    ("NO RESALES", K.NO_SALES),
    ("NO THIRD PARTY SALES", K.NO_SALES),
    ("NOT FOR SALE", K.NO_SALES),
    ("NO ARCHIVE", K.NO_ARCHIVE),
    ("NO ARCHIVES", K.NO_ARCHIVE),
    ("NO ARCHIVING", K.NO_ARCHIVE),
    ("DO NOT ARCHIVE", K.NO_ARCHIVE),
    ("NO MARKETING", K.NO_MARKETING),
    ("NO ADVERTISING", K.NO_MARKETING),
    ("NO COMMERCIAL USE", K.NO_MARKETING),
    ("NO PROMOTIONAL USE", K.NO_MARKETING),
    ("NOT FOR ADVERTISING PURPOSES", K.NO_MARKETING),
    ("NON-COMMERCIAL USE ONLY", K.NO_MARKETING),
    ("Commercial use not permitted", K.NO_MARKETING),
    ("NO USE IN ADVERTISING", K.NO_MARKETING),
    ("EXCLUSIVE", K.EXCLUSIVE),
    ("WORLD EXCLUSIVE", K.EXCLUSIVE),
    ("NO MODEL RELEASE", K.MODEL_RELEASE_NONE),
    ("NOT MODEL RELEASED", K.MODEL_RELEASE_NONE),
    ("NON-EXCLUSIVE", K.UNPARSED),  # a negation must never fire the rule it negates
    ("NOT EXCLUSIVE", K.UNPARSED),
    ("NO EDITORIAL USE", K.UNPARSED),
    ("NOT FOR EDITORIAL USE", K.UNPARSED),
    ("MODEL RELEASED", K.UNPARSED),
    ("NO BOOK COVERS", K.UNPARSED),
    ("EMBARGOED", K.UNPARSED),
    ("AP CLIENTS ONLY", K.UNPARSED),
]


@pytest.mark.parametrize(("text", "kind"), SIMPLE)
def test_each_kind_fires_on_its_whole_phrase(text: str, kind: Kind) -> None:
    assert parse_restrictions(text) == [R(kind, text)]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("This image may only be used for 14 days from the time of transmission", 14),
        ("14 DAYS USE ONLY", 14),
        ("14-DAY USE ONLY", 14),
        ("for use within 14 days", 14),
        ("This image may only be used for 30 days from the date of publication", 30),
        ("may only be used for seven days", 7),
        ("Valid for 2 weeks", 14),
        ("This image may only be used for 48 hours from the time of transmission", 2),
        ("Usage limited to 90 days", 90),
    ],
)
def test_time_limits(text: str, days: int) -> None:
    assert parse_restrictions(text) == [R(K.TIME_LIMIT, text, days=days)]


def test_a_time_limit_that_is_not_whole_days_is_not_rounded() -> None:
    text = "This image may only be used for 36 hours"
    assert parse_restrictions(text) == [R(K.UNPARSED, text)]


EMBARGOES = [
    ("EMBARGOED UNTIL 00:01 GMT 15 May 2023", utc(2023, 5, 15, 0, 1)),
    ("EMBARGOED UNTIL 00:01 BST 15 May 2023", utc(2023, 5, 14, 23, 1)),  # BST is UTC+1
    ("Embargoed until 15/05/2023 00:01 BST", utc(2023, 5, 14, 23, 1)),
    ("EMBARGOED UNTIL 00:01 GMT 15.05.2023", utc(2023, 5, 15, 0, 1)),
    ("Embargo: 2023-05-15T00:01:00Z", utc(2023, 5, 15, 0, 1)),
    ("EMBARGOED UNTIL 2023-05-15T00:01:00+01:00", utc(2023, 5, 14, 23, 1)),
    ("Embargoed until May 15, 2023 at 12:01 am EDT", utc(2023, 5, 15, 4, 1)),
    ("Embargoed until 12:01 a.m. EDT May 15, 2023", utc(2023, 5, 15, 4, 1)),
    ("Embargoed until 0001 BST Monday 15 May 2023", utc(2023, 5, 14, 23, 1)),
    ("EMBARGOED UNTIL 0001 HRS GMT 15 MAY 2023", utc(2023, 5, 15, 0, 1)),
    ("EMBARGOED UNTIL 00.01 BST 15 MAY 2023", utc(2023, 5, 14, 23, 1)),
    ("EMBARGOED UNTIL 10:00 CET 3 January 2024", utc(2024, 1, 3, 9, 0)),
    ("EMBARGOED UNTIL 10:00 CEST 3 July 2024", utc(2024, 7, 3, 8, 0)),
    ("Embargoed until 9pm PST Dec 1 2024", utc(2024, 12, 2, 5, 0)),
    ("EMBARGOED UNTIL 09:00 JST 1 April 2024", utc(2024, 4, 1, 0, 0)),
    ("EMBARGOED UNTIL 09:00 AEST 1 April 2024", utc(2024, 3, 31, 23, 0)),
    ("EMBARGOED UNTIL 15:00 GMT+2 1 June 2024", utc(2024, 6, 1, 13, 0)),
    ("Embargoed until 00:01 UK time 15 May 2023", utc(2023, 5, 14, 23, 1)),  # zoneinfo: BST
    ("Embargoed until 00:01 UK time 15 January 2023", utc(2023, 1, 15, 0, 1)),  # and GMT
    ("Not for publication before 00:01 GMT Tuesday 16 May 2023", utc(2023, 5, 16, 0, 1)),
    ("HOLD FOR RELEASE UNTIL 06:00 EST 2 Feb 2024", utc(2024, 2, 2, 11, 0)),
]


@pytest.mark.parametrize(("text", "until"), EMBARGOES)
def test_embargo_instant(text: str, until: datetime) -> None:
    [rule] = parse_restrictions(text)
    assert rule == R(K.EMBARGO, text, until=until)
    assert rule.until is not None and rule.until.tzinfo is UTC


def test_embargo_without_zone_uses_default_tz() -> None:
    text = "EMBARGOED UNTIL 00:01 15 May 2023"
    assert parse_restrictions(text)[0].until == utc(2023, 5, 15, 0, 1)
    london = parse_restrictions(text, default_tz=ZoneInfo("Europe/London"))
    assert london[0].until == utc(2023, 5, 14, 23, 1)
    fixed = parse_restrictions(text, default_tz=timezone(timedelta(hours=-5)))
    assert fixed[0].until == utc(2023, 5, 15, 5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "EMBARGOED TO 0001 TUESDAY APRIL 15",  # no year: never guessed
        "EMBARGOED UNTIL 15 May 2023",  # no time: start or end of day?
        "EMBARGOED UNTIL 05/06/2023 00:01 GMT",  # 5 June or May 6?
        "EMBARGOED UNTIL MIDNIGHT 15 May 2023",
        "EMBARGOED UNTIL 00:01 local time 15 May 2023",
        "EMBARGOED UNTIL 00:01 IST 15 May 2023",  # India, Ireland or Israel?
        "Embargoed until 0001 BST Tuesday 15 May 2023",  # 15 May 2023 was a Monday
        "EMBARGOED UNTIL 31 April 2023 00:01 GMT",
        "EMBARGOED UNTIL FURTHER NOTICE",
        "NO WEB UNTIL 18:00 GMT",
    ],
)
def test_unreadable_embargo_is_unparsed_never_dropped(text: str) -> None:
    assert parse_restrictions(text) == [R(K.UNPARSED, text)]


def test_embargo_followed_by_other_rules() -> None:
    assert parse_restrictions("EMBARGOED UNTIL 00:01 GMT 15.05.2023. NO SALES") == [
        R(K.EMBARGO, "EMBARGOED UNTIL 00:01 GMT 15.05.2023", until=utc(2023, 5, 15, 0, 1)),
        R(K.NO_SALES, "NO SALES"),
    ]
    assert parse_restrictions("EMBARGOED UNTIL 15/05/2023 00:01 BST/NO SALES")[1].kind is K.NO_SALES


def test_media_embargo_names_its_media() -> None:
    text = "NO ONLINE USE BEFORE 21:00 GMT 3 June 2024"
    expected = R(K.EMBARGO, text, until=utc(2024, 6, 3, 21, 0), media=("internet",))
    assert parse_restrictions("EXCLUSIVE: " + text) == [R(K.EXCLUSIVE, "EXCLUSIVE"), expected]


def test_separators_not_cut_inside_dates_credits_urls_initials() -> None:
    rules = parse_restrictions("See www.example.com/terms.html. NO SALES | U.K. OUT – NO TV")
    assert rules == [
        R(K.UNPARSED, "See www.example.com/terms.html"),
        R(K.NO_SALES, "NO SALES"),
        R(K.TERRITORY_OUT, "U.K. OUT", territories=("GB",)),
        R(K.MEDIA_OUT, "NO TV", media=("tv",)),
    ]
    rules = parse_restrictions("Mandatory credit: Photo by J. Smith/Rex; NO SALES")
    assert rules[0].credit == "Photo by J. Smith/Rex"
    assert rules[1] == R(K.NO_SALES, "NO SALES")


def test_case_spacing_and_punctuation_tolerated() -> None:
    assert parse_restrictions("  editorial   use   only ;;  no   sales!!  ") == [
        R(K.EDITORIAL_ONLY, "editorial   use   only"),
        R(K.NO_SALES, "no   sales"),
    ]


def test_several_rules_in_one_clause_and_leftovers_kept() -> None:
    assert parse_restrictions("EDITORIAL USE ONLY NO SALES JAPAN OUT PLEASE CALL DESK") == [
        R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"),
        R(K.NO_SALES, "NO SALES"),
        R(K.TERRITORY_OUT, "JAPAN OUT", territories=("JP",)),
        R(K.UNPARSED, "PLEASE CALL DESK"),
    ]


def test_duplicates_collapse_across_fields_and_wordings() -> None:
    special = "EDITORIAL USE ONLY. NO SALES. EDITORIAL USE ONLY"
    usage = "Restricted to editorial use. No sales. Japan out. JAPAN OUT"
    assert parse_restrictions(special, None, usage, "  ") == [
        R(K.EDITORIAL_ONLY, "EDITORIAL USE ONLY"),
        R(K.NO_SALES, "NO SALES"),
        R(K.TERRITORY_OUT, "Japan out", territories=("JP",)),
    ]


def test_bare_mandatory_credit_yields_to_a_credit_line() -> None:
    rules = parse_restrictions("MANDATORY CREDIT", "Mandatory Credit: Photo by X/Shutterstock")
    assert [(r.kind, r.credit) for r in rules] == [(K.MANDATORY_CREDIT, "Photo by X/Shutterstock")]


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t", "...", " / ; | - ", "\x00\x00"])
def test_empty_input(text: str | None) -> None:
    assert parse_restrictions(text) == []


def test_unparsed_text_is_verbatim() -> None:
    text = "Pas d'utilisation commerciale — nur für redaktionelle Zwecke"
    assert parse_restrictions(text) == [
        R(K.UNPARSED, "Pas d'utilisation commerciale"),
        R(K.UNPARSED, "nur für redaktionelle Zwecke"),
    ]


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("UK OUT", ("uk-out", "gb-out")),
        ("GERMANY, AUSTRIA OUT", ("de-out", "at-out")),
        ("TV AND MAGS OUT", ("tv-out", "magazines-out")),
        ("EDITORIAL USE ONLY", ("editorial-only",)),
        ("MANDATORY CREDIT", ("mandatory-credit",)),
        ("NO SALES", ("no-sales",)),
        ("NO ARCHIVE", ("no-archive",)),
        ("NO MARKETING", ("no-marketing",)),
        ("EXCLUSIVE", ("exclusive",)),
        ("EMBARGOED UNTIL 00:01 GMT 15 May 2023", ("embargo",)),
        ("14 DAYS USE ONLY", ("time-limit",)),
        ("NO MODEL RELEASE", ("no-model-release",)),
        ("WHATEVER", ("unparsed",)),
    ],
)
def test_slugs(text: str, slugs: tuple[str, ...]) -> None:
    [rule] = parse_restrictions(text)
    assert rule.slugs() == slugs
    assert rule.slug() == slugs[0]


def test_kind_values() -> None:
    assert [k.value for k in Kind] == [
        "editorial-only", "mandatory-credit", "territory-out", "media-out", "no-sales",
        "no-archive", "no-marketing", "exclusive", "embargo", "time-limit", "no-model-release",
        "unparsed",
    ]  # fmt: skip


def test_json_round_trip() -> None:
    text = " | ".join(
        [row[0] for row in AGENCY_STRINGS]
        + [row[0] for row in EMBARGOES[:3]]
        + ["14 DAYS USE ONLY"]
    )
    rules = parse_restrictions(text)
    assert {r.kind for r in rules} == set(Kind)  # every kind fires somewhere in the table
    for rule in rules:
        data = rule.to_json()
        assert Restriction.from_json(data) == rule
        assert all(isinstance(v, str | int | list) for v in data.values())
    embargo = next(r for r in rules if r.kind is K.EMBARGO)
    assert embargo.to_json()["until"] == "2023-05-15T00:01:00+00:00"


def test_until_is_normalised_to_utc_and_must_be_aware() -> None:
    bst = timezone(timedelta(hours=1))
    rule = Restriction(K.EMBARGO, "x", until=datetime(2023, 5, 15, 0, 1, tzinfo=bst))
    assert rule.until == utc(2023, 5, 14, 23, 1) and rule.until.tzinfo is UTC
    with pytest.raises(RestrictionError):
        Restriction(K.EMBARGO, "x", until=datetime(2023, 5, 15))


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {},
        {"kind": "nonsense", "text": "x"},
        {"kind": "embargo"},
        {"kind": "embargo", "text": 3},
        {"kind": "embargo", "text": "x", "until": "soon"},
        {"kind": "embargo", "text": "x", "until": "2023-05-15T00:01:00"},
        {"kind": "territory-out", "text": "x", "territories": ["ZZ"]},
        {"kind": "territory-out", "text": "x", "territories": "GB"},
        {"kind": "media-out", "text": "x", "media": ["radio"]},
        {"kind": "time-limit", "text": "x", "days": 0},
        {"kind": "time-limit", "text": "x", "days": True},
        {"kind": "time-limit", "text": "x", "days": "14"},
        {"kind": "mandatory-credit", "text": "x", "credit": 5},
    ],
)
def test_from_json_rejects_corrupt_rows(data: object) -> None:
    with pytest.raises(RestrictionError) as info:
        Restriction.from_json(data)
    assert isinstance(info.value, ArchiveError)


_WORDS = st.sampled_from(
    [
        "EDITORIAL", "USE", "ONLY", "NO", "SALES", "OUT", "UK", "TV", "EMBARGOED", "UNTIL",
        "00:01", "GMT", "15", "May", "2023", "/", ".", ";", " - ", "MANDATORY", "CREDIT:",
        "Photo", "by", '"', "(12345a)", "14", "DAYS", "IN", "FRANCE", "AND", ",", "OUT:",
        "www.x.com", "EXCLUSIVE", "NON-EXCLUSIVE", "0001", "BST", "Monday", "9999-12-31",
        "23:59", "-14:00", "\x00", "\n", "é", "İ",
    ]
)  # fmt: skip
_TEXT = st.one_of(st.text(), st.lists(_WORDS, max_size=30).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_never_raises_and_never_drops(a: str, b: str) -> None:
    rules = parse_restrictions(a, b)
    if any(ch.isalnum() for ch in a + b):
        assert rules, "text with letters or digits must yield at least one rule"
    else:
        assert rules == []
    for rule in rules:
        assert rule.text.strip() and rule.text in (a + "\n" + b).replace("\x00", " ")
        assert Restriction.from_json(rule.to_json()) == rule
    assert len({(r.kind, r.text) for r in rules}) == len(rules)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=20).map(" ".join))
def test_every_meaningful_word_is_kept_somewhere(text: str) -> None:
    """Nothing silently vanishes: each word is in some rule's evidence, or is pure filler."""
    from archive.compliance.clause_rules import FILLER

    rules = parse_restrictions(text)
    evidence = " ".join(r.text for r in rules).casefold()
    for word in re.findall(r"[^\W_]+", text.replace("\x00", " ")):
        assert word.casefold() in FILLER or word.casefold() in evidence, (word, rules)


def test_deterministic() -> None:
    text = " | ".join(row[0] for row in AGENCY_STRINGS)
    assert parse_restrictions(text) == parse_restrictions(text)
