"""Ingest presets: fill-only-if-empty vs always, template variables and codes, applied as one
audited, undoable edit (Photo Mechanic's IPTC Stationery Pad semantics: a stationery field
left blank changes nothing; "Replace" vs "Append" per field)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.captions import CodeReplacements
from archive.cli import main
from archive.errors import UsageError
from archive.handle import Archive
from archive.ingest.apply import PresetApplier
from archive.ingest.presets import Preset
from archive.ingest.presets_store import PresetService
from archive.services.history import HistoryService
from archive.services.photos import PhotoService
from tests.archive.services.helpers import import_example

PRESET = Preset(
    name="bafta-desk",
    fields={
        "headline": "{event} - Arrivals",
        "city": "London",
        "copyright": "© 2023 Getty Images",
        "alt_text": "=kw= on the red carpet",
        "caption": "{people} {verb:arrives} at the {event}.",
    },
    mode="fill",
    modes={"city": "always"},
    keywords=("Red Carpet", "BAFTA 2023"),
    event="BAFTA TV 2023",
)


def test_fill_only_if_empty_keeps_the_agency_value_always_replaces(
    archive: Archive, tmp_path: Path
) -> None:
    getty, wire, bare = import_example(archive, tmp_path / "in")
    photos = PhotoService(archive.sessions)
    before = {p["id"]: p for p in photos.details([getty, wire, bare])}
    codes = CodeReplacements.from_mapping({"kw": "Kate Winslet"})
    result = PresetApplier(archive.sessions, codes).apply([getty, wire, bare], PRESET)
    after = {p["id"]: p for p in photos.details([getty, wire, bare])}

    # Getty embedded a headline, a copyright, a caption and an event: "fill" keeps them.
    assert after[getty]["headline"] == before[getty]["headline"]
    assert after[getty]["copyright"] == "2023 Getty Images"
    assert after[getty]["caption"] == before[getty]["caption"]
    assert after[getty]["event"]["name"] == before[getty]["event"]["name"]
    # "always": the city is replaced on every photo.
    assert {after[i]["city"] for i in (getty, wire, bare)} == {"London"}
    # The bare picture had nothing: every field is filled, templates from its own values
    # (the event the same preset attaches), codes replaced.
    assert after[bare]["event"]["name"] == "BAFTA TV 2023"
    assert after[bare]["headline"] == "BAFTA TV 2023 - Arrivals"
    assert after[bare]["alt_text"] == "Kate Winslet on the red carpet"
    assert after[bare]["copyright"] == "© 2023 Getty Images"
    # Keywords are added, never replacing the agency's.
    # Keywords are added (once: Getty already has "Red Carpet"), never replacing any.
    assert after[getty]["keywords"] == [*before[getty]["keywords"], "BAFTA 2023"]
    assert after[bare]["caption"] == before[bare]["caption"] == "Guests arrive"  # fill: kept
    assert result.warnings == []
    # A template whose variable has no value on a photo leaves that field alone, and says so.
    strict = Preset(name="s", fields={"caption": PRESET.fields["caption"]}, mode="always")
    warned = PresetApplier(archive.sessions).apply([bare], strict)
    assert PhotoService(archive.sessions).detail(bare)["caption"] == "Guests arrive"
    assert any("people" in w for w in warned.warnings), warned.warnings

    # One batch: one undo takes the whole preset back.
    HistoryService(archive.sessions).undo()
    reverted = {p["id"]: p for p in photos.details([getty, wire, bare])}
    for pid in (getty, wire, bare):
        for key in ("headline", "city", "copyright", "alt_text", "keywords", "caption"):
            assert reverted[pid][key] == before[pid][key], (pid, key)
        assert (reverted[pid]["event"] or {}).get("name") == (before[pid]["event"] or {}).get(
            "name"
        )


def test_always_overwrites_what_the_agency_said(archive: Archive, tmp_path: Path) -> None:
    getty, _wire, _bare = import_example(archive, tmp_path / "in")
    preset = Preset(
        name="house", fields={"copyright": "© Our House", "source": "Desk"}, mode="always"
    )
    PresetApplier(archive.sessions).apply([getty], preset)
    detail = PhotoService(archive.sessions).detail(getty)
    assert (detail["copyright"], detail["source"]) == ("© Our House", "Desk")
    # The agency's words stay in the raw metadata: evidence is never rewritten.
    assert detail["embedded"]["xmp"]["Xmp.photoshop.Source"] == "Getty Images Europe"


def test_presets_are_validated_when_saved(archive: Archive) -> None:
    service = PresetService(archive.sessions)
    with pytest.raises(UsageError, match="no field 'colour'"):
        service.add(Preset(name="x", fields={"colour": "red"}))
    with pytest.raises(UsageError, match="headline"):
        service.add(Preset(name="x", fields={"headline": "{event"}))
    with pytest.raises(UsageError, match="fill or always"):
        service.add(Preset(name="x", mode="sometimes"))
    service.add(Preset(name="x"))
    with pytest.raises(UsageError, match="exists already"):
        service.add(Preset(name="x"))


def test_presets_cli_list_show_add_edit_remove_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = ["--archive", str(tmp_path / "arc")]
    assert main([*arc, "presets", "add", "wire", "--set", "city=London", "--set",
                 "headline={event} - Arrivals", "--always", "city", "--keyword", "News",
                 "--profile", "editorial-web-GB"]) == 0  # fmt: skip
    assert main([*arc, "presets", "edit", "wire", "--set", "state=England", "--unset",
                 "headline", "--mode", "always", "--event", "Budget Day"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main([*arc, "presets", "show", "wire", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["fields"] == {"city": "London", "state": "England"}
    assert (shown["mode"], shown["event"], shown["keywords"]) == ("always", "Budget Day", ["News"])
    assert shown["profile"] == "editorial-web-GB"
    assert main([*arc, "presets", "add", "bad", "--profile", "nowhere"]) == 1
    assert "nowhere" in capsys.readouterr().err
    assert main([*arc, "presets", "list", "--json"]) == 0
    assert [p["name"] for p in json.loads(capsys.readouterr().out)] == ["wire"]

    pic = tmp_path / "in"
    from tests.factories import Agency, write_photo

    write_photo(pic / "a.jpg", Agency(caption="Budget day in Westminster"), seed=91)
    assert main([*arc, "import", str(pic), "--preset", "wire", "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert imported["preset"]["name"] == "wire" and imported["preset"]["photo_ids"] == [1]
    assert main([*arc, "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["city"], shown["state"], shown["event"]["name"]) == (
        "London",
        "England",
        "Budget Day",
    )
    assert main([*arc, "presets", "apply", "wire", "--query", "event:budget", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == 0  # already applied: nothing new
    # The preset names the exported files (and checks against its profile).
    assert main([*arc, "presets", "edit", "wire", "--name-template", "{event}_{seq}.jpg"]) == 0
    assert main([*arc, "edit", "1", "--credit", "Stefan Rousseau/PA Wire"]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main([*arc, "export", "1", "--to", str(out), "--preset", "wire",
                 "--contact-sheet", "none", "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["files"][0]["file"] == "Budget-Day_001.jpg"
    assert main([*arc, "presets", "remove", "wire"]) == 0
    assert main([*arc, "presets", "show", "wire"]) == 1
