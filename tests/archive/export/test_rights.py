"""Issue 22 item 3, the pure part: the licence in words, the agency's copyright form from the
rule pack (an archive's agencies.toml adds or replaces one), never invented without a form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archive.compliance.facts import LicenceFacts
from archive.compliance.model import Kind, Restriction
from archive.credits.errors import RulePackError
from archive.credits.registry import bundled_registry, registry_from_text
from archive.export.rights import default_copyright, licence_terms, usage_terms

TAKEN = datetime(2023, 5, 14, 17, 42, tzinfo=UTC)
UK_OUT = Restriction(Kind.TERRITORY_OUT, "UK OUT", territories=("GB",))


def test_the_licence_in_words() -> None:
    licence = LicenceFacts(
        kind="editorial-only",
        uses=("editorial", "web"),
        excluded_territories=("GB", "FR"),
        valid_from=datetime(2030, 1, 1, 0, 1, tzinfo=UTC),
        time_limit_days=30,
        reference="INV-4471",
        restrictions=(UK_OUT,),
    )
    assert licence_terms(licence) == (
        "Editorial use only. Licensed uses: editorial, web. Not licensed in: FR, GB. "
        "Not before 2030-01-01 00:01 UTC. Use within 30 days of transmission. "
        "Restrictions: UK OUT. Licence reference: INV-4471."
    )
    assert licence_terms(LicenceFacts()) is None


def test_the_agencys_own_usage_terms_come_first_and_stay_whole() -> None:
    licence = LicenceFacts(restrictions=(UK_OUT,))
    terms, added = usage_terms("Agency: no resale.", licence)
    assert terms == "Agency: no resale. Restrictions: UK OUT." and added
    # Already said: nothing added twice.
    assert usage_terms(terms, licence) == (terms, False)
    assert usage_terms(None, LicenceFacts()) == (None, False)


def test_copyright_forms_from_the_pack() -> None:
    reg = bundled_registry()
    assert default_copyright(reg, "Getty Images", "Joe Maher", TAKEN) == "2023 Getty Images"
    assert default_copyright(reg, "WireImage", None, TAKEN) == "2023 Getty Images"  # parent's
    assert default_copyright(reg, "Reuters", None, TAKEN) is None  # no form: none invented
    assert default_copyright(reg, None, None, TAKEN) is None

    ours = registry_from_text(
        'version = 1\n[[agency]]\nname = "Desk Pool"\naliases = ["Desk Pool"]\n'
        'format = "{photographer}/Desk Pool"\nphotographer_required = true\n'
        'restrictions = []\ncopyright = "© {year} {photographer} / Desk Pool"\n'
    )
    assert default_copyright(ours, "Desk Pool", "Ana Ruiz", TAKEN) == "© 2023 Ana Ruiz / Desk Pool"
    assert default_copyright(ours, "Desk Pool", None, TAKEN) is None  # the form needs a name


def test_a_copyright_that_is_not_text_is_refused() -> None:
    with pytest.raises(RulePackError, match="copyright"):
        registry_from_text(
            'version = 1\n[[agency]]\nname = "X"\naliases = ["X"]\nformat = "{photographer}/X"\n'
            "photographer_required = false\nrestrictions = []\ncopyright = 2023\n"
        )
