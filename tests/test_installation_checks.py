"""`manage.py check` tells a host site what Kronika still needs: one check per step of the README's installation."""

import pytest
from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import include, path
from wagtail import urls as wagtail_urls

from projects.checks import (
    API_CACHE_MIDDLEWARE,
    INSTALLATION_CHECKS,
    SESSION_MIDDLEWARE,
    check_base_template,
    check_installed_apps,
    check_languages,
    check_middleware,
    check_urls,
)


class SiteWithoutKronika:
    urlpatterns = [path("", include(wagtail_urls))]


class SiteWithThePageRouteFirst:
    urlpatterns = [path("", include(wagtail_urls)), path("", include("projects.urls"))]


class SiteWithKronikaBelowAPath:
    urlpatterns = [path("kronika/", include("projects.urls")), path("", include(wagtail_urls))]


def ids(messages: list[checks.CheckMessage]) -> list[str]:
    return [message.id for message in messages]


def test_the_kronika_site_passes_every_installation_check():
    assert [message for check, _tags in INSTALLATION_CHECKS for message in check()] == []


def test_the_checks_run_with_manage_py_check():
    registered = checks.registry.registry.get_checks()

    assert {check for check, _tags in INSTALLATION_CHECKS} <= set(registered)


@pytest.mark.parametrize("app", ["wagtail_localize", "wagtail.api.v2", "rest_framework", "modelcluster", "taggit"])
def test_a_missing_app_is_an_error_that_names_it(monkeypatch, app):
    # Overriding INSTALLED_APPS would rebuild the app registry (and Wagtail's API routers with it): hide one app.
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != app and installed(name))

    [error] = check_installed_apps()

    assert (error.level, error.id) == (checks.ERROR, "kronika.E001")
    assert repr(app) in error.msg


@pytest.mark.parametrize("app", ["wagtail_localize", "taggit"])
def test_an_app_the_models_import_is_named_before_they_load(monkeypatch, app):
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != app and installed(name))

    with pytest.raises(ImproperlyConfigured, match=f"Kronika needs '{app}' in INSTALLED_APPS"):
        apps.get_app_config("projects").import_models()


@pytest.mark.parametrize(
    "middleware",
    [
        "projects.api.throttling.APIRateLimitMiddleware",
        "projects.middleware.PrefixedPagesLocaleMiddleware",
        "projects.api.caching.APICacheMiddleware",
    ],
)
def test_a_missing_middleware_is_a_warning_that_names_it(settings, middleware):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != middleware]

    [warning] = check_middleware()

    assert (warning.level, warning.id) == (checks.WARNING, "kronika.W005")
    assert middleware in warning.msg


def test_the_api_cache_before_sessions_is_a_warning(settings):
    rest = [name for name in settings.MIDDLEWARE if name != API_CACHE_MIDDLEWARE]
    settings.MIDDLEWARE = [API_CACHE_MIDDLEWARE, *rest]
    assert SESSION_MIDDLEWARE in settings.MIDDLEWARE

    assert ids(check_middleware()) == ["kronika.W006"]


@override_settings(ROOT_URLCONF=SiteWithoutKronika)
def test_a_site_without_the_include_is_told_to_add_it():
    [error] = check_urls()

    assert (error.level, error.id) == (checks.ERROR, "kronika.E002")
    assert 'include("projects.urls")' in error.hint


@override_settings(ROOT_URLCONF=SiteWithThePageRouteFirst)
def test_an_include_behind_the_page_route_is_an_error():
    [error] = check_urls()

    assert error.id == "kronika.E003"
    assert error.msg == "/api/v2/pages/ is answered by wagtail_serve, not by Kronika's API."


@override_settings(ROOT_URLCONF=SiteWithKronikaBelowAPath)
def test_an_api_below_another_prefix_is_a_warning_until_the_prefix_setting_follows():
    assert ids(check_urls()) == ["kronika.W007"]

    with override_settings(KRONIKA_API_PATH_PREFIX="/kronika/api/v2/"):
        assert check_urls() == []


def test_wagtail_i18n_off_is_an_error(settings):
    settings.WAGTAIL_I18N_ENABLED = False

    assert ids(check_languages()) == ["kronika.E004"]


def test_content_languages_left_to_django_are_a_warning(settings):
    del settings.WAGTAIL_CONTENT_LANGUAGES

    assert ids(check_languages()) == ["kronika.W008"]


@pytest.mark.parametrize(("language_code", "expected"), [("de", ["kronika.E005"]), ("pl", []), ("en-us", [])])
def test_the_default_language_must_be_a_content_language(settings, language_code, expected):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polish"), ("en", "English")]
    settings.LANGUAGE_CODE = language_code

    assert ids(check_languages()) == expected


@pytest.mark.parametrize(
    ("base_template", "expected"),
    [("no/such/layout.html", ["kronika.W009"]), ("projects/layout.html", []), ("base.html", [])],
)
def test_a_layout_the_site_lacks_is_a_warning(settings, base_template, expected):
    settings.KRONIKA_BASE_TEMPLATE = base_template

    assert ids(check_base_template()) == expected
