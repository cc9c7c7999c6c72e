"""Kronika's settings, read at call time with defaults so the app fits any Wagtail site."""

from django.conf import settings


def default_phone_region() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_PHONE_REGION", "PL")


def default_currency() -> str:
    return getattr(settings, "KRONIKA_DEFAULT_CURRENCY", "PLN")
