"""System checks for the site Kronika is installed into: `manage.py check` names what is missing, and why.

Each requirement of README's "Add Kronika to your Wagtail site" has its check, so a host site learns of a missing
app, middleware, URL include or language setting at start-up instead of from a traceback at the first request.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from .conf import api_path_prefix, api_url_namespace, base_template


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


# What a Wagtail site made by `wagtail start` lacks for Kronika (README, "Add Kronika to your Wagtail site").
REQUIRED_APPS = {
    "wagtail_localize": "pages and snippets are translated with wagtail-localize",
    "wagtail.api.v2": "the public API is Wagtail's API v2",
    "rest_framework": "the API's views and serializers are Django REST framework's",
    "modelcluster": "pages keep their inline rows (goals, outcomes, funding) in clusters",
    "taggit": "images and documents are tagged, and the API lists their tags",
    "wagtail.snippets": "organisations, people and offices are snippets",
    "wagtail.images": "pages and blocks show images",
    "wagtail.documents": "pages link documents",
}

SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
API_CACHE_MIDDLEWARE = "projects.api.caching.APICacheMiddleware"
REQUIRED_MIDDLEWARE = {
    "projects.api.throttling.APIRateLimitMiddleware": "without it the API has no rate limit",
    "projects.middleware.PrefixedPagesLocaleMiddleware": "without it the API answers in the browser's language, "
    "and a language-prefixed page route would redirect /api/ paths to their prefixed twins",
    API_CACHE_MIDDLEWARE: "without it the API sends no ETag, Last-Modified or Cache-Control and caches nothing",
}


# Apps whose models Kronika's models import: without one, Django stops while loading models, before any check runs.
APPS_FOR_MODELS = ("wagtail_localize", "taggit", "wagtail.images", "wagtail.documents")
INSTALL_HINT = 'Add it to INSTALLED_APPS (README, "Add Kronika to your Wagtail site").'


def missing_app_message(app: str) -> str:
    return f"Kronika needs {app!r} in INSTALLED_APPS: {REQUIRED_APPS[app]}."


def ensure_apps_for_models() -> None:
    """Name the missing app, where Django would raise a RuntimeError about a model class of wagtail-localize."""
    missing = [app for app in APPS_FOR_MODELS if not apps.is_installed(app)]
    if missing:
        raise ImproperlyConfigured(" ".join(missing_app_message(app) for app in missing) + " " + INSTALL_HINT)


def check_installed_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An error per app Kronika's models, admin or API need that the site does not install."""
    return [
        checks.Error(missing_app_message(app), hint=INSTALL_HINT, id="kronika.E001")
        for app in REQUIRED_APPS
        if not apps.is_installed(app)
    ]


def check_middleware(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning per middleware of Kronika the site leaves out, and one if the API cache runs before sessions."""
    middleware = list(settings.MIDDLEWARE)
    messages = [
        checks.Warning(
            f"{path} is not in MIDDLEWARE: {why}.",
            hint=f'Add "{path}" to MIDDLEWARE, after {SESSION_MIDDLEWARE}.',
            id="kronika.W005",
        )
        for path, why in REQUIRED_MIDDLEWARE.items()
        if path not in middleware
    ]
    if API_CACHE_MIDDLEWARE in middleware and SESSION_MIDDLEWARE in middleware:
        if middleware.index(API_CACHE_MIDDLEWARE) < middleware.index(SESSION_MIDDLEWARE):
            messages.append(
                checks.Warning(
                    f"{API_CACHE_MIDDLEWARE} comes before {SESSION_MIDDLEWARE}: it cannot tell a signed-in "
                    "editor's request from a partner's, and may share an answer meant for one person.",
                    hint=f"Move {API_CACHE_MIDDLEWARE} below {SESSION_MIDDLEWARE}.",
                    id="kronika.W006",
                )
            )
    return messages


def check_urls(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An error when the API is not mounted, or is hidden behind Wagtail's page route; a warning on another prefix."""
    hint = 'Add path("", include("projects.urls")) to the site\'s urlpatterns, before Wagtail\'s page route.'
    namespace = api_url_namespace()
    try:
        listing = reverse(f"{namespace}:pages:listing")
    except NoReverseMatch:
        return [checks.Error("Kronika's API is not in the site's URLs.", hint=hint, id="kronika.E002")]
    try:
        match = resolve(listing)
    except Resolver404:
        match = None
    if match is None or namespace not in match.namespaces:
        return [
            checks.Error(
                f"{listing} is answered by {match.url_name if match else 'nothing'}, not by Kronika's API.",
                hint=hint,
                id="kronika.E003",
            )
        ]
    if not listing.startswith(api_path_prefix()):
        return [
            checks.Warning(
                f"The API answers below {listing.removesuffix('pages/')} but KRONIKA_API_PATH_PREFIX is "
                f"{api_path_prefix()!r}: its caching and rate limits apply to the prefix, not to the API.",
                hint="Mount projects.urls at the site's root, or set KRONIKA_API_PATH_PREFIX to where the API answers.",
                id="kronika.W007",
            )
        ]
    return []


def check_languages(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Kronika's pages have locales: Wagtail's i18n on, content languages chosen, the default among them."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [
            checks.Error(
                "WAGTAIL_I18N_ENABLED is not True: Kronika's pages and snippets are translated per locale.",
                hint="Set WAGTAIL_I18N_ENABLED = True, with LANGUAGES and WAGTAIL_CONTENT_LANGUAGES.",
                id="kronika.E004",
            )
        ]
    content_languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None)
    if content_languages is None:
        return [
            checks.Warning(
                "WAGTAIL_CONTENT_LANGUAGES is not set: every language Django knows becomes a content language, "
                "and Kronika creates a locale for each.",
                hint='Set WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [("en", "English"), ...], the languages you publish.',
                id="kronika.W008",
            )
        ]
    codes = {code for code, _name in content_languages}
    if not {settings.LANGUAGE_CODE, settings.LANGUAGE_CODE.split("-")[0]} & codes:
        return [
            checks.Error(
                f"LANGUAGE_CODE {settings.LANGUAGE_CODE!r} is not one of WAGTAIL_CONTENT_LANGUAGES: Wagtail cannot "
                "choose the default locale, and pages fail when they are served.",
                hint="Set LANGUAGE_CODE to one of WAGTAIL_CONTENT_LANGUAGES, or add it there.",
                id="kronika.E005",
            )
        ]
    return []


def check_base_template(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning when the layout Kronika's pages extend (KRONIKA_BASE_TEMPLATE) does not exist."""
    name = base_template()
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            checks.Warning(
                f"Kronika's pages extend {name!r}, which the site's templates do not have.",
                hint='Set KRONIKA_BASE_TEMPLATE to a layout with a "content" block, or to "projects/layout.html", '
                "Kronika's own complete page.",
                id="kronika.W009",
            )
        ]
    return []


INSTALLATION_CHECKS = [
    (check_installed_apps, ()),
    (check_middleware, ()),
    (check_urls, (checks.Tags.urls,)),
    (check_languages, (checks.Tags.translation,)),
    (check_base_template, (checks.Tags.templates,)),
]
