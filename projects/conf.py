"""Kronika's settings, read at call time with defaults so the app fits any Wagtail site."""

from django.conf import settings


def default_phone_region() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_PHONE_REGION", "PL")


def default_currency() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_CURRENCY", "PLN")


def index_parent_page_types() -> list[str]:
    """Page types ("app.Model") the program, project and report indexes may sit under."""
    return list(getattr(settings, "KRONIKA_INDEX_PARENT_PAGE_TYPES", ["wagtailcore.Page"]))
