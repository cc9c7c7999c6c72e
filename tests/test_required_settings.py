"""Settings Kronika needs from the site around it: drafts for new translations, ASCII slugs, no outside servers."""

import pytest
from django.core import checks
from django.urls import reverse

from projects.checks import check_required_settings

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_site_settings_meet_every_requirement():
    assert check_required_settings() == []


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True, "kronika.W001"),
        ("WAGTAIL_ALLOW_UNICODE_SLUGS", True, "kronika.W002"),
        ("WAGTAIL_GRAVATAR_PROVIDER_URL", "//www.gravatar.com/avatar", "kronika.W003"),
        ("WAGTAIL_ENABLE_UPDATE_CHECK", "lts", "kronika.W004"),
    ],
)
def test_a_site_that_sets_otherwise_is_warned(settings, setting, value, check_id):
    setattr(settings, setting, value)

    [warning] = check_required_settings()

    assert (warning.level, warning.id) == (checks.WARNING, check_id)


def test_a_site_without_the_settings_is_warned_about_each_default(settings):
    for name in ("WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", "WAGTAIL_ALLOW_UNICODE_SLUGS"):
        delattr(settings, name)
    del settings.WAGTAIL_GRAVATAR_PROVIDER_URL, settings.WAGTAIL_ENABLE_UPDATE_CHECK

    assert [warning.id for warning in check_required_settings()] == [
        "kronika.W001",
        "kronika.W002",
        "kronika.W003",
        "kronika.W004",
    ]


@pytest.mark.parametrize(
    "url_name",
    ["wagtailadmin_home", "wagtailusers_users:index", "wagtailadmin_account", "wagtailsnippets_projects_person:list"],
)
def test_admin_pages_name_no_other_server_to_load_from(admin_client, admin_user, url_name):
    PersonFactory(name="Anna Giżycka")

    html = admin_client.get(reverse(url_name)).content.decode()

    assert "gravatar" not in html
    assert 'data-controller="w-upgrade' not in html
    assert "w-panel-upgrade" not in html
