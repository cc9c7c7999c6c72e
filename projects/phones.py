"""Phone numbers: kept as the organisation writes them, stored normalised (E.164) beside that."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .conf import default_phone_region


def parse_phone(raw: str, region: str | None = None) -> phonenumbers.PhoneNumber:
    """Parse a number as people type it ("tel. 61 887-11-66", "+48 501 144 678")."""
    text = (raw or "").strip()
    for prefix in ("tel.:", "tel.", "tel:", "tel"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    try:
        number = phonenumbers.parse(text, region or default_phone_region())
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("“%(value)s” is not a phone number. Write it as on a business card, e.g. 61 887 11 66."),
            code="invalid_phone",
            params={"value": raw},
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number: check the digits and the area code."),
            code="invalid_phone",
            params={"value": raw},
        )
    return number


def normalise_phone(raw: str, region: str | None = None) -> str:
    """The E.164 form ("+48611887166") of a number typed in any of the usual ways."""
    return phonenumbers.format_number(parse_phone(raw, region), phonenumbers.PhoneNumberFormat.E164)


def normalise_phone_or_blank(raw: str) -> str:
    """E.164 where the number parses, "" otherwise: for saves that do not validate."""
    if not (raw or "").strip():
        return ""
    try:
        return normalise_phone(raw)
    except ValidationError:
        return ""


def validate_phone(raw: str) -> None:
    if (raw or "").strip():
        parse_phone(raw)
