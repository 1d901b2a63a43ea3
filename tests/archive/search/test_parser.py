"""The query language: the tree it parses to, and clear errors with positions."""

from __future__ import annotations

import pytest

from archive.handle import Archive
from archive.search import QueryError, SearchService, parse_query, register_field
from archive.search import fields as search_fields
from archive.search.nodes import And, Everything, Field, Not, Or, Phrase, Word


def test_tree() -> None:
    q = parse_query('person:"Kate Winslet" (bafta OR "red carpet") -by:maher winsl* sort:taken')
    assert q.sort == "taken"
    assert q.root == And(
        (
            Field("person", "Kate Winslet", True, 0, 8),
            Or((Word("bafta", False, 23), Phrase("red carpet", 32))),
            Not(Field("photographer", "maher", False, 47, 50), 46),
            Word("winsl", True, 56),
        )
    )
    assert parse_query("").root == Everything()
    assert parse_query("date:2023").root == Field("taken", "2023", False, 0, 5)
    assert parse_query("a OR b c").root == Or(
        (Word("a", False, 0), And((Word("b", False, 5), Word("c", False, 7))))
    )
    assert parse_query("and or not").root == And(
        tuple(Word(w, False, i) for w, i in (("and", 0), ("or", 4), ("not", 7)))
    )
    assert parse_query("Winslet - BAFTA").root == And(
        (Word("Winslet", False, 0), Word("BAFTA", False, 10))
    )


@pytest.mark.parametrize(
    ("query", "position", "says"),
    [
        ("person:", 0, "needs a value"),
        ("kate person: x", 5, "needs a value"),
        ("foo:bar", 0, "unknown field 'foo:'"),
        ("(kate", 0, "missing ')'"),
        ("kate (mia OR (x)", 5, "missing ')'"),
        ("kate)", 4, "unexpected ')'"),
        ("kate OR", 5, "'OR' needs something after it"),
        ("OR kate", 0, "'OR' needs something before it"),
        ("(OR kate)", 1, "'OR' needs something before it"),
        ("AND kate", 0, "'AND' needs something before it"),
        ("AND OR", 0, "'AND' needs something before it"),
        ("kate AND", 5, "'AND' needs something after it"),
        ("NOT", 0, "'NOT' needs something after it"),
        ("kate NOT )", 5, "'NOT' needs something after it"),
        ("()", 0, "empty parentheses"),
        ('"unbalanced', 0, "unterminated quote"),
        ('kate person:"Kate', 12, "unterminated quote"),
        ("sort:size", 5, "sort: is one of"),
        ("(kate sort:taken)", 6, "whole query"),
        ("sort:taken sort:imported", 11, "given twice"),
        ("NEAR(", 4, "missing ')'"),
    ],
)
def test_malformed(query: str, position: int, says: str) -> None:
    with pytest.raises(QueryError) as err:
        parse_query(query)
    assert says in err.value.message
    assert err.value.position == position
    assert err.value.query == query
    assert err.value.caret().splitlines()[1] == " " * position + "^"


@pytest.mark.parametrize(
    ("query", "position", "says"),
    [
        ("taken:2023-13", 6, "not a valid date"),
        ("kate taken:yesterdayish", 11, "not a date"),
        ("taken:2023..2022", 6, "ends before it starts"),
        ("imported:..", 9, "at least one end"),
        ("taken:2023..20x", 12, "not a date"),
        ("has:nothing", 4, "has: is one of"),
        ("no:idea", 3, "no: is one of"),
        ("id:abc", 3, "expects numbers"),
        ("id:1,x", 5, "expects numbers"),
        ("sha:xyz", 4, "sha: expects"),
        ("person:***", 7, "needs letters or digits"),
        ("status:maybe", 7, "status: is one of blocked, warning, clear"),
        ('kate restriction:"  "', 18, "restriction: needs a tag"),
        ("licence:lapsed", 8, "licence: is one of expired"),
        ("license:soon", 8, "licence: is one of expired"),
        ("exported:often", 9, "exported: is yes or no"),
    ],
)
def test_bad_values(archive: Archive, query: str, position: int, says: str) -> None:
    """Values are checked when the query runs: same error type, same caret."""
    with pytest.raises(QueryError) as err:
        SearchService(archive).search(query)
    assert says in err.value.message
    assert (err.value.position, err.value.query) == (position, query)


HOSTILE = [
    "'; DROP TABLE photo; --",
    '"unbalanced',
    "NEAR(",
    "NEAR(kate mia)",
    "*",
    "-",
    "AND OR",
    "kate:*",
    '") OR 1=1 --',
    "{body people} : x",
    "photo_fts MATCH '*'",
    "person:\"x' OR '1'='1\"",
    "kate^",
    "^kate",
    "a + b",
    "\\x00\x00",
    "((((((((((kate))))))))))",
    "taken:0001-01-01..9999-12-31",
    "id:99999999999999999999",
    "sha:" + "f" * 64,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_is_an_error_or_a_safe_result(archive: Archive, query: str) -> None:
    svc = SearchService(archive)
    try:
        result = svc.search(query)
    except QueryError as exc:
        assert exc.message and 0 <= exc.position <= len(query)
    else:
        assert result.total == 0
    assert svc.search("").total == 0  # still a working catalogue (nothing was dropped)


def test_registering_a_field(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive.db.models import Photo

    monkeypatch.setattr(search_fields, "FIELDS", dict(search_fields.FIELDS))
    monkeypatch.setattr(search_fields, "PENDING", dict(search_fields.PENDING))
    monkeypatch.setattr(search_fields, "ALIASES", dict(search_fields.ALIASES))
    seen: list[str] = []

    def status(node: Field, _ctx: search_fields.Context) -> object:
        seen.append(node.value)
        if node.value not in ("blocked", "warning", "clear"):
            raise node.error("status: is blocked, warning or clear")
        return Photo.id < 0  # a SQL condition over Photo (here: nothing)

    register_field("status", status, aliases=("st",))  # type: ignore[arg-type]
    assert SearchService(archive).search("st:blocked OR -kate").total == 0
    assert seen == ["blocked"]
    with pytest.raises(QueryError) as err:
        SearchService(archive).search("status:maybe")
    assert err.value.position == 7
