"""System checks for the settings of the site Kronika is installed into."""

from django.conf import settings
from django.core import checks

# Setting, the value Kronika needs, and why.
REQUIRED_SETTINGS = [
    (
        "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE",
        False,
        "otherwise a translation is published the moment it is requested, with the source text standing in for "
        "every string not yet translated, and partners asking for that language get the source language",
        "kronika.W001",
    ),
    (
        "WAGTAIL_ALLOW_UNICODE_SLUGS",
        False,
        "otherwise slugs keep letters such as 'ł', URLs are percent-encoded, and wagtail-localize drops those "
        "letters from the slugs of translations",
        "kronika.W002",
    ),
]


def check_translation_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn about settings that let untranslated text reach readers as another language, or mangle slugs."""
    return [
        checks.Warning(f"{name} should be {value!r}: {why}.", hint=f"Set {name} = {value!r}.", id=check_id)
        for name, value, why, check_id in REQUIRED_SETTINGS
        if getattr(settings, name, True) != value
    ]
