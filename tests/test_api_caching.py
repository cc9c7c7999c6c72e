"""HTTP caching of the public API: validators, 304s, the server-side cache and its invalidation."""

import gzip

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from projects.api import caching

from .factories import EventReportPageFactory, OrganisationFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=projects.EventReportPage&fields=title"
FULL_LISTING = "/api/v2/pages/?type=projects.EventReportPage&fields=*"


@pytest.fixture
def project(site_tree):
    return ProjectPageFactory(parent=site_tree.projects, slug="projekt")


@pytest.fixture
def report(project):
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa")
    report.save_revision().publish()
    return report


@pytest.fixture
def several_reports(project) -> list:
    """Enough reports for a listing with every field to pass 1 KB."""
    reports = []
    for number in range(3):
        report = EventReportPageFactory(parent=project, slug=f"relacja-{number}", title=f"Spotkanie {number}")
        report.save_revision().publish()
        reports.append(report)
    return reports


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize("path", [LISTING, "/api/v2/pages/{id}/", "/api/v2/changes/"])
def test_public_answers_carry_validators_and_shared_cache_headers(client, report, path):
    response = client.get(path.format(id=report.pk))

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=60"
    vary = {value.strip() for value in response["Vary"].split(",")}
    assert {"Accept", "Accept-Encoding", "Origin"} <= vary


@pytest.mark.parametrize("method", ["get", "head"])
def test_if_none_match_gets_304_until_the_content_changes(client, report, method):
    etag = client.get(LISTING)["ETag"]

    not_modified = getattr(client, method)(LISTING, headers={"if-none-match": etag})
    report.title = "Nowy tytuł"
    report.save_revision().publish()
    changed = getattr(client, method)(LISTING, headers={"if-none-match": etag})

    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_gets_304_until_the_content_changes(client, report):
    last_modified = client.get(LISTING)["Last-Modified"]

    assert client.get(LISTING, headers={"if-modified-since": last_modified}).status_code == 304
    assert client.get(LISTING, headers={"if-modified-since": "not a date"}).status_code == 200


def test_second_request_is_served_from_the_server_cache(client, report, django_assert_max_num_queries):
    first = client.get(LISTING)
    with django_assert_max_num_queries(1):
        second = client.get(LISTING)

    assert first["X-Kronika-Cache"] == "miss"
    assert second["X-Kronika-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_an_anonymous_hit_is_answered_before_sessions_and_authentication(client, report, monkeypatch):
    first = client.get(LISTING)

    def unreachable(*args, **kwargs):
        raise AssertionError("a cache hit of an anonymous API read must not reach the session middleware")

    monkeypatch.setattr(SessionMiddleware, "process_request", unreachable)
    hit = client.get(LISTING)
    revalidated = client.get(LISTING, headers={"if-none-match": first["ETag"]})

    assert hit["X-Kronika-Cache"] == "hit"
    assert hit.content == first.content
    assert hit["Content-Length"] == str(len(hit.content))
    assert hit["Cache-Control"] == first["Cache-Control"]
    assert hit["Last-Modified"] == first["Last-Modified"]
    assert revalidated.status_code == 304


def test_a_request_with_a_session_cookie_is_left_to_the_full_middleware(client, report, monkeypatch):
    client.get(LISTING)
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "not-a-session"
    loaded = []
    original = SessionMiddleware.process_request
    monkeypatch.setattr(
        SessionMiddleware, "process_request", lambda self, request: loaded.append(1) or original(self, request)
    )

    response = client.get(LISTING)

    # The cookie names no session that holds anything, so the shared answer is still right for it.
    assert loaded
    assert response["X-Kronika-Cache"] == "hit"


def test_clients_that_accept_gzip_get_the_stored_compressed_answer(client, several_reports):
    plain = client.get(FULL_LISTING)
    first = client.get(FULL_LISTING, headers={"accept-encoding": "gzip, deflate"})
    hit = client.get(FULL_LISTING, headers={"accept-encoding": "gzip"})
    revalidated = client.get(FULL_LISTING, headers={"accept-encoding": "gzip", "if-none-match": plain["ETag"]})

    assert len(plain.content) >= caching.GZIP_MIN_BYTES
    assert plain["X-Kronika-Cache"] == "miss"
    assert "Content-Encoding" not in plain
    assert first["X-Kronika-Cache"] == hit["X-Kronika-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == plain.content
    assert hit["Content-Length"] == str(len(hit.content)) and len(hit.content) < len(plain.content)
    assert hit["ETag"] == f"W/{plain['ETag']}"
    assert "Accept-Encoding" in hit["Vary"]
    assert revalidated.status_code == 304


def test_a_compressed_miss_is_stored_plain_for_other_clients(client, several_reports):
    compressed = client.get(FULL_LISTING, headers={"accept-encoding": "gzip"})
    plain = client.get(FULL_LISTING)

    assert compressed["X-Kronika-Cache"] == "miss"
    assert compressed["Content-Encoding"] == "gzip"
    assert plain["X-Kronika-Cache"] == "hit"
    assert "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(compressed.content)


def test_a_revalidation_reads_only_the_stored_etag(client, several_reports, monkeypatch, django_assert_num_queries):
    plain = client.get(FULL_LISTING)
    compressed = client.get(FULL_LISTING, headers={"accept-encoding": "gzip"})
    read = cache.get

    def without_stored_answers(key, *args, **kwargs):
        # The whole answer gone (evicted), its ETag still there: a revalidation needs no more.
        if key.startswith(caching.CACHE_KEY_PREFIX) and not key.endswith(":etag"):
            return None
        return read(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", without_stored_answers)

    with django_assert_num_queries(0):
        revalidated = client.get(FULL_LISTING, headers={"if-none-match": plain["ETag"]})
        revalidated_gzip = client.get(FULL_LISTING, headers={"if-none-match": plain["ETag"], "accept-encoding": "gzip"})
    other_etag = client.get(FULL_LISTING, headers={"if-none-match": '"something else"'})

    assert revalidated.status_code == revalidated_gzip.status_code == 304
    assert revalidated["ETag"] == plain["ETag"]
    assert revalidated_gzip["ETag"] == compressed["ETag"] == f"W/{plain['ETag']}"
    assert revalidated["Last-Modified"] == plain["Last-Modified"]
    assert other_etag.status_code == 200
    assert other_etag.content == plain.content


def test_small_answers_are_not_compressed(client, site_tree):
    response = client.get(
        "/api/v2/pages/?type=projects.EventReportPage&fields=title", headers={"accept-encoding": "gzip"}
    )

    assert len(response.content) < caching.GZIP_MIN_BYTES
    assert "Content-Encoding" not in response


def test_the_listing_changes_after_a_publish(client, project, report):
    assert titles(client.get(LISTING)) == ["Sesja dialogowa"]

    other = EventReportPageFactory(parent=project, slug="druga", title="Warsztaty", live=False)
    other.save_revision().publish()

    assert titles(client.get(LISTING)) == ["Sesja dialogowa", "Warsztaty"]


def test_the_listing_and_the_detail_change_after_an_unpublish(client, report):
    detail = f"/api/v2/pages/{report.pk}/"
    assert titles(client.get(LISTING)) == ["Sesja dialogowa"]
    assert client.get(detail).status_code == 200

    report.unpublish()

    assert titles(client.get(LISTING)) == []
    assert client.get(detail).status_code != 200


def test_a_draft_is_never_served_from_the_cache(client, report):
    client.get(LISTING)

    report.title = "Szkic, nie publikować"
    report.save_revision()

    assert titles(client.get(LISTING)) == ["Sesja dialogowa"]


def test_a_page_made_private_leaves_the_cached_listing(client, project, report):
    client.get(LISTING)

    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)

    assert titles(client.get(LISTING)) == []


def test_a_snippet_save_invalidates_the_cache(client, report):
    changes = client.get("/api/v2/changes/").json()["items"]
    OrganisationFactory()

    assert len(client.get("/api/v2/changes/").json()["items"]) == len(changes) + 1


@pytest.mark.parametrize("credentials", ["session", "bearer"])
def test_answers_for_a_user_are_private_and_never_stored(admin_client, report, credentials):
    anonymous = Client()
    anonymous_before = anonymous.get(LISTING)
    if credentials == "session":
        response = admin_client.get(LISTING)
    else:
        response = anonymous.get(LISTING, headers={"authorization": "Bearer something"})
    anonymous_after = anonymous.get(LISTING)

    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    assert "X-Kronika-Cache" not in response
    assert anonymous_before["X-Kronika-Cache"] == "miss"
    assert anonymous_after["X-Kronika-Cache"] == "hit"


def test_errors_are_not_stored_nor_publicly_cacheable(client, site_tree):
    response = client.get("/api/v2/pages/?limit=abc")

    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert "X-Kronika-Cache" not in response


def test_the_server_cache_can_be_turned_off(client, report, settings):
    settings.KRONIKA_API_CACHE_SECONDS = 0
    client.get(LISTING)

    response = client.get(LISTING)

    assert "X-Kronika-Cache" not in response
    assert response["ETag"]


def test_admin_pages_are_left_alone(admin_client, site_tree):
    response = admin_client.get("/admin/")

    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


class RecordingBackend(BaseBackend):
    """A frontend cache backend that remembers what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url: str) -> None:
        self.purged.append(url)

    def purge_batch(self, urls: list[str]) -> None:
        self.purged.extend(urls)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": "tests.test_api_caching.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_publishing_purges_listing_urls_from_the_frontend_cache(
    project, frontend_cache, django_capture_on_commit_callbacks
):
    report = EventReportPageFactory(parent=project, slug="cdn", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    for path in ["/api/v2/pages/", "/api/v2/changes/", "/api/v2/images/", f"/api/v2/pages/{report.pk}/"]:
        assert f"http://testserver{path}" in frontend_cache


def test_unpublishing_purges_listing_urls_too(report, frontend_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report.unpublish()

    assert "http://testserver/api/v2/pages/" in frontend_cache
    assert f"http://testserver/api/v2/pages/{report.pk}/" in frontend_cache


def test_listing_paths_come_from_the_router(site_tree):
    assert {"/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/changes/"} <= set(
        caching.api_listing_paths()
    )
