from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page

from projects.api.counting import total_count
from projects.models import PageAPISnapshot
from projects.renditions import RESPONSIVE_SPECS, generate_responsive_renditions

from .api_fixtures import build_reports
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db

LISTING = {"type": "projects.EventReportPage", "fields": "*"}
# Issue 4 asks for at most 10 queries for a listing of 20 or 100 reports and 6 for a detail; these are what
# they cost, asserted so that any new query shows. Through the whole middleware stack, with every cache
# empty: the API cache generation, view restrictions, the site, the count, the pages joined to their
# snapshots, and every locale's version of them (alternates and stored translation states in one query).
LISTING_QUERIES = 6
# The same without the count.
DETAIL_QUERIES = 5
# Pages without a snapshot are fetched again in full and built live, one query per kind of object they inline.
LIVE_LISTING_QUERIES = 23
SNIPPET_AND_IMAGE_LISTING_QUERIES = 10


def _cold_queries(client, url: str, params: dict | None = None) -> int:
    """Queries of one request with the server-side response cache and Wagtail's site root cache empty."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    assert response["X-Kronika-Cache"] == "miss"
    assert not [query for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
    return len(queries)


@pytest.fixture
def published_reports(site_tree, django_capture_on_commit_callbacks) -> list:
    """100 rich reports, committed, with the renditions, snapshots and translation states publishing makes."""
    with django_capture_on_commit_callbacks(execute=True):
        reports = build_reports(site_tree, 100, images=4)
    for image in get_image_model().objects.all():
        generate_responsive_renditions.enqueue(image.pk)
    call_command("rebuild_api_snapshots", stdout=StringIO())
    return reports


def test_a_listing_of_20_and_of_100_reports_costs_the_same_few_queries(client, published_reports):
    renditions = get_image_model().get_rendition_model().objects.count()

    twenty = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 20})
    hundred = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 100})

    assert twenty == hundred <= LISTING_QUERIES
    assert get_image_model().get_rendition_model().objects.count() == renditions
    report = client.get("/api/v2/pages/", {**LISTING, "limit": 1}).json()["items"][0]
    assert len(report["hero_image"]["renditions"]) == len(RESPONSIVE_SPECS)


def test_a_report_detail_has_a_fixed_query_budget(client, published_reports):
    report = published_reports[1]

    assert _cold_queries(client, f"/api/v2/pages/{report.pk}/") <= DETAIL_QUERIES


@pytest.fixture
def translated_reports(published_reports, site_tree, english, django_capture_on_commit_callbacks) -> list:
    """The 100 reports, the first five translated into English through wagtail-localize, all committed."""
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects, published_reports[0].get_parent()]:
            translate_everything(page, english)
        for report in published_reports[:5]:
            translate_everything(report, english)
    call_command("rebuild_api_snapshots", stdout=StringIO())
    return published_reports


def test_translated_reports_cost_no_more_queries(client, translated_reports):
    twenty = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 20})
    hundred = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 100})
    english = _cold_queries(client, "/api/v2/pages/", {**LISTING, "locale": "en"})

    assert twenty == hundred <= LISTING_QUERIES
    # `locale=` first looks the locale up, to answer 400 for an unknown one (as Wagtail's filter does).
    assert english == twenty + 1
    items = client.get("/api/v2/pages/", {**LISTING, "locale": "en"}).json()["items"]
    assert len(items) == 5
    assert {item["meta"]["translation_status"] for item in items} == {"up_to_date"}


@pytest.mark.parametrize("locale", ["pl", "en"])
def test_a_translated_report_detail_has_the_same_query_budget(client, translated_reports, english, locale):
    report = translated_reports[0]
    page = report if locale == "pl" else report.get_translation(english)

    assert _cold_queries(client, f"/api/v2/pages/{page.pk}/") <= DETAIL_QUERIES
    meta = client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]
    assert meta["translation_status"] == ("source" if locale == "pl" else "up_to_date")
    assert set(meta["alternates"]) == {"en" if locale == "pl" else "pl"}


def test_pages_without_snapshots_are_built_live_in_queries_that_do_not_grow_with_items(client, published_reports):
    PageAPISnapshot.objects.all().delete()

    twenty = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 20})
    hundred = _cold_queries(client, "/api/v2/pages/", {**LISTING, "limit": 100})

    assert twenty == hundred <= LIVE_LISTING_QUERIES


@pytest.mark.parametrize(
    "endpoint", ["/api/v2/people/", "/api/v2/organisations/", "/api/v2/offices/", "/api/v2/images/"]
)
def test_snippet_and_image_listings_do_not_grow_with_items(client, site_tree, endpoint):
    build_reports(site_tree, 12, images=6)

    few = _cold_queries(client, endpoint, {"limit": 2, "fields": "*"})
    many = _cold_queries(client, endpoint, {"limit": 12, "fields": "*"})

    assert few == many <= SNIPPET_AND_IMAGE_LISTING_QUERIES


def _counts(client, params: dict) -> tuple[int, int]:
    """(meta.total_count, how many COUNT queries the request made)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/pages/", {**LISTING, "limit": 20, **params})
    assert response.status_code == 200, response.content
    counting = [query for query in queries if "COUNT(" in query["sql"].upper()]
    return response.json()["meta"]["total_count"], len(counting)


def test_paging_through_a_listing_counts_it_once_until_something_changes(
    client, published_reports, django_capture_on_commit_callbacks
):
    cache.clear()

    first_page = _counts(client, {"offset": 0})
    second_page = _counts(client, {"offset": 20})
    other_filter = _counts(client, {"offset": 0, "city": published_reports[0].city})
    with django_capture_on_commit_callbacks(execute=True):
        published_reports[5].unpublish()
    after_unpublish = _counts(client, {"offset": 40})

    assert first_page == (100, 1)
    assert second_page == (100, 0)
    assert other_filter[1] == 1
    assert after_unpublish == (99, 1)


def test_a_listing_that_cannot_match_anything_counts_zero(site_tree):
    assert total_count(Page.objects.filter(pk__in=[]).filter(title="Sesja")) == 0
    assert total_count(Page.objects.none()) == 0
