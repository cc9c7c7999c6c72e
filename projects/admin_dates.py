"""Dates in the admin as Polish editors type them (10.03.2024) and as ISO (2024-03-10).

Wagtail's date widget hands what was typed to a jQuery date picker that, on leaving the field, replaces
any value it cannot read with today's date and rolls an impossible one over (2024-02-30 becomes
2024-03-01): the editor's date is silently changed. Here the picker never rewrites the field, the form
reads both spellings whatever language the admin speaks, and an impossible or unreadable date is an
error on that field, with what was typed kept in it.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.datetimepicker import to_datetimepicker_format
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput

# Day, month and a four-digit year, separated by dots (slashes and dashes pass too), optionally
# followed by "r." ("10.03.2024 r."), as Polish writes dates; or ISO 8601.
DAY_MONTH_YEAR = re.compile(r"^(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})(?:\s*r\.?)?$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")

# How the widget shows a date, by the admin's language; both spellings are read in every language.
DISPLAY_FORMATS = {"pl": "%d.%m.%Y"}
ISO_FORMAT = "%Y-%m-%d"


def display_format() -> str:
    """The strftime format dates are shown in for the admin's current language."""
    return DISPLAY_FORMATS.get(translation.get_language() or "", ISO_FORMAT)


def parse_date(text: str) -> datetime.date:
    """Read a date typed as DD.MM.YYYY or YYYY-MM-DD; raise ValidationError saying what is wrong."""
    cleaned = text.strip()
    match = DAY_MONTH_YEAR.match(cleaned) or ISO_DATE.match(cleaned)
    if match is None:
        raise ValidationError(
            _("Enter the date as DD.MM.YYYY (10.03.2024) or YYYY-MM-DD (2024-03-10)."), code="invalid"
        )
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise ValidationError(
            _("There is no such day as %(date)s: check the day and the month."),
            code="invalid_date",
            params={"date": cleaned},
        ) from None


class KronikaDateInput(AdminDateInput):
    """Wagtail's date picker, showing dates in the editor's language and never rewriting what was typed."""

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:  # noqa: A002
        super().__init__(attrs=attrs, format=format)
        # None: decided at render time, by the language of the editor's admin.
        self.fixed_format = format

    def current_format(self) -> str:
        return self.fixed_format or display_format()

    def format_value(self, value: object) -> str | None:
        if isinstance(value, datetime.date):
            return value.strftime(self.current_format())
        return super().format_value(value)

    def get_config(self) -> dict:
        return {
            "dayOfWeekStart": formats.get_format("FIRST_DAY_OF_WEEK"),
            "format": to_datetimepicker_format(self.current_format()),
            # The picker's own check replaces an unreadable value with today's date: the form checks instead.
            "validateOnBlur": False,
        }


class KronikaDateField(forms.DateField):
    """A date typed as DD.MM.YYYY or YYYY-MM-DD, in any admin language."""

    widget = KronikaDateInput

    def to_python(self, value: object) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(str(value))


def use_kronika_dates_in_the_admin() -> None:
    """Every date field of an admin model form (pages, snippets, settings) reads and shows dates as above."""
    register_form_field_override(
        models.DateField, override={"form_class": KronikaDateField, "widget": KronikaDateInput}, exact_class=True
    )
