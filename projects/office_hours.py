"""Office hours: parsed from the way organisations write them into structured ranges.

"8.00 – 16.00", "8:30-16:30", "pon.-pt. 8:00-16:00; sob. 9-13" all parse. Days are kept only
when written: a range without days says nothing about which days it holds on.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    "mon": ("pon", "pn", "poniedziałek", "mon", "monday"),
    "tue": ("wt", "wto", "wtorek", "tue", "tuesday"),
    "wed": ("śr", "sr", "środa", "sroda", "wed", "wednesday"),
    "thu": ("czw", "cz", "czwartek", "thu", "thursday"),
    "fri": ("pt", "pią", "pia", "piątek", "piatek", "fri", "friday"),
    "sat": ("sob", "so", "sobota", "sat", "saturday"),
    "sun": ("nd", "niedz", "ndz", "niedziela", "sun", "sunday"),
}
_DAY_LOOKUP = {name: day for day, names in _DAY_NAMES.items() for name in names}
_TIME = r"(\d{1,2})(?:[.:](\d{2}))?"
_RANGE = re.compile(rf"^{_TIME}\s*[-–—]\s*{_TIME}$")
_DAY_SPAN = re.compile(r"^([^\W\d_]+)\.?\s*(?:[-–—]\s*([^\W\d_]+)\.?)?$")


@dataclass(frozen=True)
class OpeningRange:
    """One span of opening time, on the listed days (empty: days not stated)."""

    opens: str
    closes: str
    days: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"days": list(self.days), "opens": self.opens, "closes": self.closes}


def _clock(hours: str, minutes: str | None, raw: str) -> tuple[int, int]:
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise _invalid(raw)
    return hour, minute


def _invalid(raw: str) -> ValidationError:
    return ValidationError(
        _("Could not read the office hours “%(value)s”. Write them like 8:00–16:00 or pon.–pt. 8:00–16:00."),
        code="invalid_hours",
        params={"value": raw},
    )


def _days(text: str, raw: str) -> tuple[str, ...]:
    match = _DAY_SPAN.match(text.strip())
    if not match:
        raise _invalid(raw)
    first, last = (_DAY_LOOKUP.get((name or "").lower()) for name in match.groups())
    if first is None or (match.group(2) and last is None):
        raise _invalid(raw)
    if last is None:
        return (first,)
    start, end = WEEKDAYS.index(first), WEEKDAYS.index(last)
    if end < start:
        raise _invalid(raw)
    return WEEKDAYS[start : end + 1]


def parse_office_hours(raw: str) -> list[OpeningRange]:
    """Structured ranges from hours as written; raises ValidationError when unreadable."""
    ranges = []
    for part in re.split(r"[;,\n]", raw or ""):
        part = part.strip()
        if not part:
            continue
        time_at = re.search(r"\d", part)
        if time_at is None:
            raise _invalid(raw)
        day_text, time_text = part[: time_at.start()].strip(" :"), part[time_at.start() :].strip()
        match = _RANGE.match(time_text)
        if not match:
            raise _invalid(raw)
        opens = _clock(match.group(1), match.group(2), raw)
        closes = _clock(match.group(3), match.group(4), raw)
        if closes <= opens:
            raise ValidationError(
                _("In “%(value)s” the closing time is not after the opening time."),
                code="hours_order",
                params={"value": raw},
            )
        ranges.append(
            OpeningRange(
                opens="{:02d}:{:02d}".format(*opens),
                closes="{:02d}:{:02d}".format(*closes),
                days=_days(day_text, raw) if day_text else (),
            )
        )
    return ranges


def office_hours_as_data(raw: str) -> list[dict]:
    """JSON-ready ranges, or [] where the text does not parse (for saves that do not validate)."""
    try:
        return [opening.as_dict() for opening in parse_office_hours(raw)]
    except ValidationError:
        return []
