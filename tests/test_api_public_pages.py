"""Which pages the API shows, by the index-friendly rule of projects.api.public_pages: the site roots, any language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from .factories import EventReportPageFactory, HomePageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.KRONIKA_API_CACHE_SECONDS = 0


def _titles(client, **params) -> list[str]:
    response = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "limit": 100, **params})
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


@pytest.fixture
def english_report(site_tree):
    english = Locale.objects.get_or_create(language_code="en")[0]
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Relacja")
    translation = report.copy_for_translation(english, copy_parents=True)
    translation.title = "Report"
    translation.save_revision().publish()
    return translation


def test_reports_below_the_root_and_below_its_translation_are_shown_and_those_of_another_tree_are_not(
    client, site_tree, english_report
):
    elsewhere = HomePageFactory(parent=Page.get_first_root_node(), slug="inna-witryna")
    project = ProjectPageFactory(parent=elsewhere, slug="obcy-projekt")
    EventReportPageFactory(parent=project, slug="obca", title="Obca")

    assert _titles(client) == ["Relacja", "Report"]
    assert _titles(client, locale="en") == ["Report"]


def test_a_translation_of_the_root_moved_to_another_depth_still_serves_its_pages(client, site_tree, english_report):
    english_home = site_tree.home.get_translation(english_report.locale)
    folder = HomePageFactory(parent=Page.get_first_root_node(), slug="folder")
    english_home.move(folder, "last-child")

    assert Page.objects.get(pk=english_home.pk).depth == site_tree.home.depth + 1
    assert _titles(client, locale="en") == ["Report"]


def test_a_listing_of_one_type_is_not_narrowed_by_a_subquery_of_every_public_page(client, site_tree, english_report):
    with CaptureQueriesContext(connection) as queries:
        _titles(client)

    listing = [
        query["sql"] for query in queries if "projects_eventreportpage" in query["sql"] and "LIMIT" in query["sql"]
    ]
    assert listing and all('"page_ptr_id" IN (SELECT' not in sql for sql in listing)
