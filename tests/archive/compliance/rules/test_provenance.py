"""Provenance rules (issue #19 §4): fire / no-fire, with the engine's real severities."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.archive.compliance.rules.facts import (
    COMMERCIAL_GB,
    EDITORIAL_WEB_GB,
    GETTY,
    found,
    quiet,
    run,
)

GENERATED = (
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "compositeSynthetic",
)


@pytest.mark.parametrize("term", GENERATED)
def test_ai_generated_blocks_an_editorial_profile_and_cannot_be_overridden(term: str) -> None:
    photo = replace(GETTY, digital_source_type=term)
    (f,) = found("ai-generated", photo)
    assert f.severity == "error" and f.hard  # a DEFAULT_HARD rule
    assert term in f.message
    (f,) = [
        x
        for x in run(photo, overrides={"ai-generated": "Desk says fine"})
        if x.rule == "ai-generated"
    ]
    assert not f.overridden


@pytest.mark.parametrize("term", ["digitalCapture", "negativeFilm", "computationalCapture", None])
def test_ai_generated_is_quiet_for_captures_and_unknown_sources(term: str | None) -> None:
    quiet("ai-generated", replace(GETTY, digital_source_type=term))


def test_ai_generated_allows_a_labelled_illustration_when_the_profile_does() -> None:
    profile = replace(
        EDITORIAL_WEB_GB, labelled_illustrations=True, ai_label="(AI-generated image)"
    )
    photo = replace(GETTY, digital_source_type="trainedAlgorithmicMedia")
    (f,) = found("ai-generated", photo, profile)
    assert "does not carry the label '(AI-generated image)'" in f.message
    labelled = replace(photo, caption=(photo.caption or "") + " (AI-generated image)")
    quiet("ai-generated", labelled, profile)
    # The label is the profile's own: another wording does not count.
    other = replace(profile, ai_label="[Illustration: AI]")
    assert found("ai-generated", labelled, other)
    # Without the profile's permission the label is not enough.
    assert found("ai-generated", labelled, EDITORIAL_WEB_GB)


def test_ai_generated_leaves_commercial_profiles_alone() -> None:
    quiet(
        "ai-generated", replace(GETTY, digital_source_type="trainedAlgorithmicMedia"), COMMERCIAL_GB
    )


@pytest.mark.parametrize("state", ["untrusted", "hash-mismatch", "signature-invalid"])
def test_provenance_invalid_warns_for_every_state_but_valid(state: str) -> None:
    photo = replace(GETTY, c2pa_state=state, c2pa_summary=f"Content Credentials: {state}")
    (f,) = found("provenance-invalid", photo)
    assert f.severity == "warning" and state in f.message


@pytest.mark.parametrize("state", ["valid", None])
def test_provenance_invalid_quiet_when_valid_or_absent(state: str | None) -> None:
    quiet("provenance-invalid", replace(GETTY, c2pa_state=state))


def test_source_type_missing_is_off_by_default_and_info_when_on() -> None:
    quiet("source-type-missing", GETTY)
    on = replace(EDITORIAL_WEB_GB, severities={"source-type-missing": "info"})
    (f,) = found("source-type-missing", GETTY, on)
    assert f.severity == "info"
    quiet("source-type-missing", replace(GETTY, digital_source_type="digitalCapture"), on)


def test_data_mining_warns_only_for_ai_training_profiles_and_prohibiting_files() -> None:
    training = replace(EDITORIAL_WEB_GB, name="training-set", uses=("ai-training",))
    for term in ("DMI-PROHIBITED-AIMLTRAINING", "DMI-PROHIBITED", "DMI-PROHIBITED-GENAIMLTRAINING"):
        (f,) = found("data-mining", replace(GETTY, data_mining=term), training)
        assert f.severity == "warning" and term in f.message
    quiet("data-mining", replace(GETTY, data_mining="DMI-ALLOWED"), training)
    quiet("data-mining", replace(GETTY, data_mining="DMI-UNSPECIFIED"), training)
    quiet("data-mining", GETTY, training)
    quiet("data-mining", replace(GETTY, data_mining="DMI-PROHIBITED"), EDITORIAL_WEB_GB)
