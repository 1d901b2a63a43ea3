"""Provenance rules (issue #19 §4): generated pictures, broken Content Credentials, missing
source types, and pictures whose rights holder forbids AI training.

`ai-generated` is one of the engine's DEFAULT_HARD rules: no override makes a generated
picture run as a photograph. The profile decides whether labelled illustrations may run
(`profiles edit NAME --provenance labelled_illustrations=yes`): then the rule is satisfied
by the caption carrying the profile's label, and by nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

from archive.compliance.facts import PhotoFacts, ProfileFacts
from archive.compliance.rules.base import Issue, rule
from archive.provenance.vocab import (
    data_mining_words,
    forbids_training,
    is_generated,
    source_words,
)

TRAINING_USE = "ai-training"


def _labelled(caption: str | None, label: str) -> bool:
    return bool(caption) and label.casefold() in str(caption).casefold()


@rule("ai-generated", severity="error", title="Generated or composite picture")
def ai_generated(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    term = photo.digital_source_type
    if not is_generated(term) or "editorial" not in profile.uses:
        return  # commercial and advertising work may run illustrations: editorial may not
    what = f"the file says it is {source_words(term)} (IPTC Digital Source Type {term})"
    if not profile.labelled_illustrations:
        yield Issue(
            f"{what}: {profile.name} runs no generated or composite pictures",
            "Do not publish it as a photograph. If the desk runs labelled illustrations, "
            f"allow them in the profile (--provenance labelled_illustrations=yes) and "
            f"label the caption {profile.ai_label!r}.",
        )
    elif not _labelled(photo.caption, profile.ai_label):
        yield Issue(
            f"{what}, and the caption does not carry the label {profile.ai_label!r}",
            f"Add {profile.ai_label!r} to the caption before publishing.",
        )


@rule("provenance-invalid", severity="warning", title="Content Credentials not valid")
def provenance_invalid(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    state = photo.c2pa_state
    if state is None or state == "valid":
        return
    fixes = {
        "untrusted": "Check who signed it: add the signer's root certificate to the "
        "archive's trust-anchors.pem only if the desk trusts that signer.",
        "hash-mismatch": "The picture was changed after it was signed: ask the agency for "
        "the file as transmitted before publishing it as authentic.",
        "signature-invalid": "The credentials were altered or cannot be verified: ask the "
        "agency for the original file.",
    }
    yield Issue(
        photo.c2pa_summary or f"Content Credentials: {state}",
        fixes.get(state, "Check the picture's origin by hand before publishing."),
    )


@rule("source-type-missing", severity="info", title="No Digital Source Type")
def source_type_missing(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    # Off by default (engine.DEFAULT_OFF): most agency files state none yet.
    if not photo.digital_source_type:
        yield Issue(
            "the file does not say how the picture was made (no IPTC Digital Source Type)",
            "Set it if known: `creditdesk edit ID --source-type digitalCapture`.",
        )


@rule("data-mining", severity="warning", title="AI training prohibited")
def data_mining(photo: PhotoFacts, profile: ProfileFacts) -> Iterator[Issue]:
    if TRAINING_USE not in profile.uses or not forbids_training(photo.data_mining):
        return
    yield Issue(
        f"the rights holder's data-mining setting is {data_mining_words(photo.data_mining)} "
        f"(plus:DataMining {photo.data_mining}) and {profile.name} is for AI training",
        "Leave the picture out of training sets, or obtain the rights holder's permission.",
    )
