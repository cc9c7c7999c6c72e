"""Event dates as Polish texts write them: "26 lutego 2016 r.", "w sobotę 18 marca 2023", "5–7.05.2024",
"od 5 do 7 maja 2024 roku", "25 października" (no year: read as day and month only, never completed)."""

import datetime
import re
from dataclasses import dataclass

from .polish import MONTH_NAMES, MONTHS

_DASH = r"\s*[–—-]\s*"
_YEAR = r"(?:\s+(?P<y>\d{4})(?:\s*(?:r\.|roku|rok)\b)?)?"
_PATTERNS = [
    # od 5 do 7 maja 2024 roku; od 30 kwietnia do 2 maja 2024
    re.compile(
        rf"\bod\s+(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{MONTH_NAMES}))?\s+do\s+(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_NAMES}){_YEAR}"
    ),
    # 5–7 maja 2024; 30 kwietnia – 2 maja 2024
    re.compile(
        rf"\b(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{MONTH_NAMES}))?{_DASH}(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_NAMES}){_YEAR}"
    ),
    # 30.04–2.05.2024
    re.compile(rf"\b(?P<d1>\d{{1,2}})\.(?P<n1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\.(?P<n2>\d{{1,2}})\.(?P<y>\d{{4}})"),
    # 5–7.05.2024
    re.compile(rf"\b(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\.(?P<n2>\d{{1,2}})\.(?P<y>\d{{4}})"),
    # 26 lutego 2016 r.; 25 października
    re.compile(rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH_NAMES}){_YEAR}"),
    # 26.02.2016
    re.compile(r"\b(?P<d1>\d{1,2})\.(?P<n1>\d{1,2})\.(?P<y>\d{4})\b"),
    # 2016-02-26
    re.compile(r"\b(?P<y>\d{4})-(?P<n1>\d{2})-(?P<d1>\d{2})\b"),
]
_THIS_YEAR = re.compile(r"^\s*(?:b\.\s?r\.|br\.|bieżącego roku|tego roku)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date or range as written; `year` is None when the text gives none."""

    text: str
    position: int
    day: int
    month: int
    end_day: int | None
    end_month: int | None
    year: int | None
    this_year: bool = False

    @property
    def start(self) -> datetime.date | None:
        return datetime.date(self.year, self.month, self.day) if self.year else None

    @property
    def end(self) -> datetime.date | None:
        if not self.year or self.end_day is None:
            return None
        return datetime.date(self.year, self.end_month or self.month, self.end_day)

    @property
    def day_and_month(self) -> str:
        return f"{self.day:02d}.{self.month:02d}"


def find_dates(text: str) -> list[FoundDate]:
    """Every date or range in the text, in order; impossible dates ("31.02.2016") are left out."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            date = _as_date(match, text)
            if date is not None:
                found.append(date)
                taken.append(match.span())
    return sorted(found, key=lambda date: date.position)


def _as_date(match: re.Match, text: str) -> FoundDate | None:
    groups = match.groupdict()
    month = _month(groups.get("m1"), groups.get("n1"))
    end_month = _month(groups.get("m2"), groups.get("n2"))
    if month is None:
        month = end_month
    if month is None:
        return None
    day = int(groups["d1"])
    end_day = int(groups["d2"]) if groups.get("d2") else None
    year = int(groups["y"]) if groups.get("y") else None
    found = FoundDate(
        text=match.group(0).strip(),
        position=match.start(),
        day=day,
        month=month,
        end_day=end_day,
        end_month=end_month if end_day is not None else None,
        year=year,
        this_year=year is None and bool(_THIS_YEAR.match(text[match.end() :])),
    )
    try:
        start = datetime.date(year or 2000, month, day)
        if end_day is not None:
            end = datetime.date(year or 2000, found.end_month or month, end_day)
            if end <= start:
                return None
    except ValueError:
        return None
    return found


def _month(name: str | None, number: str | None) -> int | None:
    if name:
        return MONTHS[name.lower()]
    if number and 1 <= int(number) <= 12:
        return int(number)
    return None
