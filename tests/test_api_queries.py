import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .api_fixtures import build_reports

pytestmark = pytest.mark.django_db

LISTING = {"type": "projects.EventReportPage", "fields": "*"}
# Fixed cost of a listing of reports with every field: view restrictions, site, its translations, count, pages,
# five kinds of inline rows, images, people, offices, renditions, parent projects, their funding, linked pages
# and translations, and for meta.translation_status every locale's version of the items and their translation
# sources (projects.localization.status). It does not grow with the number of items.
LISTING_QUERIES = 20
DETAIL_QUERIES = 22


def _queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(queries)


def test_a_listing_of_20_and_of_100_reports_costs_the_same_queries(client, site_tree, django_assert_max_num_queries):
    build_reports(site_tree, 100)
    client.get("/api/v2/pages/", LISTING)  # fills the site root paths cache, as any running site has

    twenty = _queries(client, "/api/v2/pages/", {**LISTING, "limit": 20})
    hundred = _queries(client, "/api/v2/pages/", {**LISTING, "limit": 100})

    assert twenty == hundred
    with django_assert_max_num_queries(LISTING_QUERIES):
        client.get("/api/v2/pages/", {**LISTING, "limit": 100})


def test_a_report_detail_has_a_fixed_query_budget(client, site_tree, django_assert_max_num_queries):
    report = build_reports(site_tree, 3)[1]
    client.get(f"/api/v2/pages/{report.pk}/")

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(f"/api/v2/pages/{report.pk}/")

    assert response.json()["id"] == report.pk


@pytest.mark.parametrize(
    "endpoint", ["/api/v2/people/", "/api/v2/organisations/", "/api/v2/offices/", "/api/v2/images/"]
)
def test_snippet_and_image_listings_do_not_grow_with_items(client, site_tree, endpoint):
    build_reports(site_tree, 12, images=6)
    client.get(endpoint)

    few = _queries(client, endpoint, {"limit": 2, "fields": "*"})
    many = _queries(client, endpoint, {"limit": 12, "fields": "*"})

    assert few == many
