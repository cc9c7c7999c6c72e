"""Phone numbers and office hours as the seeds write them, and values that must be refused."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from projects.office_hours import office_hours_as_data, parse_office_hours
from projects.phones import normalise_phone, normalise_phone_or_blank, validate_phone


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("501 144 678", "+48501144678"),
        ("512-212-242", "+48512212242"),
        ("63 245 58 29", "+48632455829"),
        ("61 887-11-66", "+48618871166"),
        ("tel. 518 359 273", "+48518359273"),
        ("Tel.: 61 887 11 66", "+48618871166"),
        ("tel 501144678", "+48501144678"),
        ("+48 501 144 678", "+48501144678"),
        ("0048 501 144 678", "+48501144678"),
        ("(61) 887 11 66", "+48618871166"),
        ("+49 30 901820", "+4930901820"),
    ],
)
def test_phones_as_written_are_stored_normalised(written, e164):
    assert normalise_phone(written) == e164
    validate_phone(written)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("", "invalid_phone"),
        ("tel.", "invalid_phone"),
        ("zadzwoń do biura", "invalid_phone"),
        ("501 144", "invalid_phone"),
        ("501 144 678 999 000", "invalid_phone"),
        ("+48 000 000 000", "invalid_phone"),
        ("biuro@spoldzielnie.org", "invalid_phone"),
    ],
)
def test_unreadable_phones_are_refused(written, code):
    with pytest.raises(ValidationError) as error:
        normalise_phone(written)

    assert error.value.code == code
    assert normalise_phone_or_blank(written) == ""


@override_settings(KRONIKA_DEFAULT_PHONE_REGION="DE")
def test_numbers_without_a_country_code_follow_the_configured_region():
    assert normalise_phone("030 901820") == "+4930901820"


def test_an_empty_phone_is_allowed_where_it_is_optional():
    validate_phone("")
    assert normalise_phone_or_blank("  ") == ""


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("written", "ranges"),
    [
        ("8.00 – 16.00", [{"days": [], "opens": "08:00", "closes": "16:00"}]),
        ("8:30-16:30", [{"days": [], "opens": "08:30", "closes": "16:30"}]),
        ("8-16", [{"days": [], "opens": "08:00", "closes": "16:00"}]),
        ("0:00-24:00", [{"days": [], "opens": "00:00", "closes": "24:00"}]),
        ("pon.-pt. 8:00-16:00", [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}]),
        ("pn–pt 8.00 – 16.00", [{"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"}]),
        ("Mon-Fri 9:00-17:00", [{"days": WEEKDAYS, "opens": "09:00", "closes": "17:00"}]),
        ("środa 10-12", [{"days": ["wed"], "opens": "10:00", "closes": "12:00"}]),
        (
            "pon.-pt. 8:00-16:00; sob. 9-13",
            [
                {"days": WEEKDAYS, "opens": "08:00", "closes": "16:00"},
                {"days": ["sat"], "opens": "09:00", "closes": "13:00"},
            ],
        ),
        (
            "wt. 8-12\nczw. 12-16",
            [
                {"days": ["tue"], "opens": "08:00", "closes": "12:00"},
                {"days": ["thu"], "opens": "12:00", "closes": "16:00"},
            ],
        ),
        ("", []),
    ],
)
def test_office_hours_as_written_become_structured_ranges(written, ranges):
    assert [opening.as_dict() for opening in parse_office_hours(written)] == ranges
    assert office_hours_as_data(written) == ranges


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("rano", "invalid_hours"),
        ("8:00", "invalid_hours"),
        ("8:00 16:00", "invalid_hours"),
        ("8-", "invalid_hours"),
        ("8:60-16:00", "invalid_hours"),
        ("25-26", "invalid_hours"),
        ("24:30-24:45", "invalid_hours"),
        ("pt.-pon. 8-16", "invalid_hours"),
        ("jutro 8-16", "invalid_hours"),
        ("pon.-xyz 8-16", "invalid_hours"),
        ("pon.; 8-16", "invalid_hours"),
        ("16:00-8:00", "hours_order"),
        ("8:00-8:00", "hours_order"),
    ],
)
def test_unreadable_office_hours_are_refused(written, code):
    with pytest.raises(ValidationError) as error:
        parse_office_hours(written)

    assert error.value.code == code
    assert office_hours_as_data(written) == []
