"""System checks for the settings of the site Kronika is installed into."""

from dataclasses import dataclass

from django.conf import settings
from django.core import checks


@dataclass(frozen=True)
class RequiredSetting:
    """A setting of Wagtail or wagtail-localize whose default does not suit Kronika, and why."""

    name: str
    value: object
    default: object
    why: str
    check_id: str

    def is_met(self) -> bool:
        return getattr(settings, self.name, self.default) == self.value


REQUIRED_SETTINGS = [
    RequiredSetting(
        "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE",
        False,
        True,
        "otherwise a translation is published the moment it is requested, with the source text standing in for "
        "every string not yet translated, and partners asking for that language get the source language",
        "kronika.W001",
    ),
    RequiredSetting(
        "WAGTAIL_ALLOW_UNICODE_SLUGS",
        False,
        True,
        "otherwise slugs keep letters such as 'ł', URLs are percent-encoded, and wagtail-localize drops those "
        "letters from the slugs of translations",
        "kronika.W002",
    ),
    RequiredSetting(
        "WAGTAIL_GRAVATAR_PROVIDER_URL",
        None,
        "//www.gravatar.com/avatar",
        "otherwise the admin sends a hash of each editor's e-mail address to gravatar.com, and shows broken "
        "avatars where it cannot be reached",
        "kronika.W003",
    ),
    RequiredSetting(
        "WAGTAIL_ENABLE_UPDATE_CHECK",
        False,
        True,
        "otherwise the admin's browser asks releases.wagtail.org for new versions on every visit to the dashboard",
        "kronika.W004",
    ),
]


def check_required_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn about settings that publish untranslated text, mangle slugs, or make the admin call other servers."""
    return [
        checks.Warning(
            f"{setting.name} should be {setting.value!r}: {setting.why}.",
            hint=f"Set {setting.name} = {setting.value!r}.",
            id=setting.check_id,
        )
        for setting in REQUIRED_SETTINGS
        if not setting.is_met()
    ]
