from __future__ import annotations

from dataclasses import replace

from tests.archive.compliance.rules.facts import GETTY, WIREIMAGE, fires, quiet


def test_credit_missing() -> None:
    f = fires("credit-missing", "error", replace(GETTY, credit_line="  "))
    assert "Joe Maher/Getty Images" in f.fix  # the line to add, from the agency's format
    quiet("credit-missing", GETTY)


def test_credit_format_wireimage_credited_to_getty() -> None:
    photo = replace(WIREIMAGE, credit_line="Mike Marsland/Getty")
    f = fires("credit-format", "error", photo)
    assert "Mike Marsland/WireImage/Getty Images" in f.message
    assert f.fix == "Change the credit line to 'Mike Marsland/WireImage/Getty Images'."


def test_credit_format_agency_from_the_line_when_not_filed() -> None:
    photo = replace(GETTY, agency=None, credit_line="Joe Maher / getty images")
    f = fires("credit-format", "error", photo)
    assert "Joe Maher/Getty Images" in f.fix


def test_credit_format_leaving_out_a_known_photographer() -> None:
    f = fires("credit-format", "error", replace(GETTY, credit_line="Getty Images"))
    assert "Joe Maher" in f.message


def test_credit_format_passes_canonical_lines_and_brands() -> None:
    quiet("credit-format", GETTY)
    quiet("credit-format", WIREIMAGE)
    # A correct brand line on a picture filed under the parent is fine.
    quiet("credit-format", replace(WIREIMAGE, agency="Getty Images"))
    quiet("credit-format", replace(GETTY, credit_line="Getty Images", photographer=None))


def test_photographer_missing() -> None:
    photo = replace(WIREIMAGE, photographer=None, credit_line="WireImage/Getty Images")
    f = fires("photographer-missing", "error", photo)
    assert "WireImage" in f.message
    quiet("photographer-missing", WIREIMAGE)
    # Getty Images does not require one.
    quiet("photographer-missing", replace(GETTY, photographer=None, credit_line="Getty Images"))


def test_agency_unknown() -> None:
    photo = replace(GETTY, agency=None, credit_line="Jane Bloggs Photography")
    f = fires("agency-unknown", "warning", photo)
    assert "Jane Bloggs Photography" in f.message
    quiet("agency-unknown", GETTY)
    quiet("agency-unknown", replace(GETTY, agency=None))  # the line names Getty


def test_credit_mismatch_photographer() -> None:
    photo = replace(GETTY, embedded_byline="Samir Hussein")
    f = fires("credit-mismatch", "error", photo)
    assert "Samir Hussein" in f.message and "Joe Maher" in f.message


def test_credit_mismatch_is_case_and_accent_insensitive() -> None:
    quiet("credit-mismatch", replace(GETTY, embedded_byline="JOE MAHER"))
    photo = replace(GETTY, photographer="Zoë Ball", credit_line="Zoë Ball/Getty Images")
    quiet("credit-mismatch", replace(photo, embedded_byline="ZOE BALL"))


def test_credit_mismatch_agency() -> None:
    photo = replace(GETTY, embedded_credit="REUTERS", embedded_source="Reuters")
    f = fires("credit-mismatch", "error", photo)
    assert "Reuters" in f.message


def test_credit_mismatch_less_specific_than_the_agency() -> None:
    # The agency sent WireImage; crediting plain Getty Images drops the brand.
    photo = replace(WIREIMAGE, credit_line="Mike Marsland/Getty Images", agency="Getty Images")
    f = fires("credit-mismatch", "error", photo)
    assert "Mike Marsland/WireImage/Getty Images" in f.fix


def test_credit_mismatch_not_for_brand_or_cut_line() -> None:
    quiet("credit-mismatch", GETTY)  # embedded "Getty Images" + By-line: same agency
    quiet("credit-mismatch", WIREIMAGE)  # embedded credit cut at 32 bytes
    # Ours more specific than the embedded parent agency: WireImage under Getty Images.
    quiet(
        "credit-mismatch", replace(WIREIMAGE, embedded_credit="Getty Images", embedded_source=None)
    )
    quiet(
        "credit-mismatch",
        replace(GETTY, embedded_byline=None, embedded_credit=None, embedded_source=None),
    )
