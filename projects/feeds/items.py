"""How one API listing item of a report reads in a feed: its place, its date, its image and an HTML body."""

import datetime

from django.utils import formats, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html, format_html_join

# The rendition a feed reader shows when it ignores srcset: the middle of the three widths.
FEED_IMAGE_WIDTH = 960


def place(item: dict) -> str:
    """'venue, city, region' as written, skipping what the report does not give."""
    return ", ".join(part for part in (item.get("venue"), item.get("city"), item.get("region")) if part)


def event_dates(item: dict) -> tuple[datetime.date | None, datetime.date | None]:
    start = parse_date(item["event_date"]) if item.get("event_date") else None
    end = parse_date(item["event_end_date"]) if item.get("event_end_date") else None
    return start, end


def dates_text(item: dict, language: str) -> str:
    start, end = event_dates(item)
    if start is None:
        return ""
    with translation.override(language):
        text = formats.date_format(start, "DATE_FORMAT")
        if end and end != start:
            text += " – " + formats.date_format(end, "DATE_FORMAT")
    return text


def published_at(item: dict) -> datetime.datetime | None:
    """When the report was first published (the API's meta.first_published_at)."""
    value = item["meta"].get("first_published_at")
    return parse_datetime(value) if value else None


def updated_at(item: dict) -> datetime.datetime | None:
    value = item["meta"].get("last_published_at") or item["meta"].get("first_published_at")
    return parse_datetime(value) if value else None


def image(item: dict) -> dict | None:
    """The hero image's URL for readers that take one, with its srcset and alt text; None without renditions."""
    hero = item.get("hero_image")
    renditions = [rendition for rendition in (hero or {}).get("renditions", []) if rendition["format"] == "original"]
    if not renditions:
        return None
    chosen = min(renditions, key=lambda rendition: abs(rendition["width"] - FEED_IMAGE_WIDTH))
    return {"url": chosen["url"], "width": chosen["width"], "srcset": hero["srcset"].get("original", ""), **hero}


def content_html(item: dict, language: str) -> str:
    """The report's image, date, place and summary as HTML for feed readers."""
    parts = []
    picture = image(item)
    if picture is not None:
        parts.append(
            format_html(
                '<figure><img src="{}" srcset="{}" sizes="(min-width: 60em) 60em, 100vw" alt="{}"></figure>',
                picture["url"],
                picture["srcset"],
                picture.get("alt", ""),
            )
        )
    facts = [text for text in (dates_text(item, language), place(item)) if text]
    if facts:
        parts.append(format_html("<p>{}</p>", " · ".join(facts)))
    if item.get("summary"):
        parts.append(format_html_join("", "<p>{}</p>", ((line,) for line in item["summary"].splitlines() if line)))
    return "".join(str(part) for part in parts)
