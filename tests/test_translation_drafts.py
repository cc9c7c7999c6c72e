"""A translation is a draft until its translator publishes it: partners never get Polish text labelled English."""

import pytest
from django.urls import reverse

from projects.models import EventReportPage

from .factories import EventReportPageFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish_report(site_tree, english):
    """A live Polish report whose project is already translated into English and published."""
    for page in (site_tree.home, site_tree.projects):
        translate_everything(page, english)
    project = ProjectPageFactory(parent=site_tree.projects, slug="sniadania", title="Śniadania seniorów")
    translate_everything(project, english)
    return EventReportPageFactory(parent=project, slug="sniadanie-w-bilgoraju", title="Śniadanie w Biłgoraju")


def english_reports(client, **params) -> list[dict]:
    response = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "locale": "en", **params})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def request_translation(admin_client, page, locale, django_capture_on_commit_callbacks):
    # wagtail-localize publishes after the commit: run what it queued, as a real request would.
    with django_capture_on_commit_callbacks(execute=True):
        return admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]}
        )


def test_a_requested_translation_is_a_draft_that_partners_do_not_see(
    admin_client, client, polish_report, english, django_capture_on_commit_callbacks
):
    response = request_translation(admin_client, polish_report, english, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    translation = EventReportPage.objects.get(translation_key=polish_report.translation_key, locale=english)
    assert (translation.live, translation.slug) == (False, "sniadanie-w-bilgoraju")
    assert english_reports(client) == []
    [fallback] = english_reports(client, fallback="true")
    assert (fallback["id"], fallback["meta"]["locale"], fallback["meta"]["fallback"]) == (polish_report.pk, "pl", True)
    assert client.get(f"/api/v2/pages/{translation.pk}/").status_code == 404


def test_a_translation_published_by_its_translator_replaces_the_fallback(client, polish_report, english):
    translate_everything(polish_report, english)

    [item] = english_reports(client, fallback="true")

    assert (item["title"], item["meta"]["locale"], item["meta"]["fallback"]) == (
        "EN Śniadanie w Biłgoraju",
        "en",
        False,
    )


def test_each_badge_of_the_status_page_starts_the_translation_or_opens_its_editor(
    admin_client, polish_report, english, django_capture_on_commit_callbacks
):
    start = reverse("wagtail_localize:submit_page_translation", args=[polish_report.pk])
    status_url = reverse("kronika_translation_status")

    before = admin_client.get(status_url, {"locale": "en", "status": "missing"}).content.decode()
    request_translation(admin_client, polish_report, english, django_capture_on_commit_callbacks)
    after = admin_client.get(status_url, {"locale": "en"}).content.decode()

    translation = EventReportPage.objects.get(translation_key=polish_report.translation_key, locale=english)
    assert f'<a class="state missing" href="{start}">Missing</a>' in before
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[translation.pk])}">Out of date</a>' in after
