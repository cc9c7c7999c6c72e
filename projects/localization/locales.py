"""The locales a site translates into, created from the configured content languages."""

from django.conf import settings
from wagtail.models import Locale


def configured_language_codes() -> list[str]:
    """The content languages in settings order; the first is the source language by convention."""
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]


def ensure_locales() -> list[Locale]:
    """Create a Locale for each configured language that lacks one; returns those created.

    Locales of languages dropped from the settings are kept: deleting one would delete its pages.
    """
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [Locale.objects.create(language_code=code) for code in configured_language_codes() if code not in existing]


def target_locales() -> list[Locale]:
    """Every configured locale other than the source (default) one."""
    default = Locale.get_default()
    return list(Locale.objects.filter(language_code__in=configured_language_codes()).exclude(pk=default.pk))
