"""Fault tests: the database or the cache goes away, and the site says so instead of failing with a 500.

The cache is taken away by pointing it at a closed port on 127.0.0.1 (the shared Redis stays up); the
database by refusing every query of the connection (in this process) or by a DATABASE_URL that leads
nowhere (in a second process, tests/outage_probe.py, which is what another worker is). Broken PO and demo
files are covered where those features are tested: tests/test_localization_po.py and tests/test_demo_errors.py.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client

from cms.settings.env import redis_cache
from projects.cache_outage import OUTAGE_LOGGER, warning_interval

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("KRONIKA_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound by us, then let go."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def quiet_client() -> Client:
    """A client that gets the answer Django's error handlers give, as a real server would send it."""
    return Client(raise_request_exception=False)


@pytest.fixture
def outage_warnings():
    warning_interval.reset()
    yield
    warning_interval.reset()


def _probe(paths: list[str], settings: dict | None = None, database_url: str | None = None) -> list[dict]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    if database_url:
        environment["DATABASE_URL"] = database_url
    config = json.dumps({"paths": paths, "settings": settings or {}})
    result = subprocess.run(  # noqa: S603 - our own interpreter and module, with our own arguments
        [sys.executable, "-m", "tests.outage_probe", config],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


# The cache


def test_with_redis_down_the_api_and_the_site_still_serve_and_warn_once(
    client, site_tree, settings, closed_port, outage_warnings, caplog
):
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port}/2")}
    settings.KRONIKA_API_RATE_LIMIT = "2/minute"

    with caplog.at_level(logging.WARNING):
        api = [client.get("/api/v2/pages/") for _ in range(4)]
        detail = client.get(f"/api/v2/pages/{site_tree.reports.pk}/")
        site = client.get("/pl/")

    assert [response.status_code for response in api] == [200, 200, 200, 200]
    assert all(response.json()["items"] for response in api)
    assert detail.status_code == 200
    assert site.status_code == 200
    outage_records = [record for record in caplog.records if record.name == OUTAGE_LOGGER]
    assert [record.levelname for record in outage_records] == ["WARNING"]
    assert "answers are served uncached" in outage_records[0].getMessage()
    assert outage_records[0].exc_info is None


def test_a_cache_backend_that_raises_on_an_outage_is_tolerated_by_the_api_cache_and_the_rate_limit(
    client, db, settings, closed_port, outage_warnings, caplog
):
    # Django's own Redis backend raises instead of ignoring the outage, as a site may configure it.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/2",
        }
    }
    settings.KRONIKA_API_RATE_LIMIT = "1/minute"

    with caplog.at_level(logging.WARNING):
        answers = [client.get("/api/v2/documents/") for _ in range(3)]

    assert [response.status_code for response in answers] == [200, 200, 200]
    assert [record.levelname for record in caplog.records if record.name == OUTAGE_LOGGER] == ["WARNING"]


@pytest.fixture
def shared_redis(settings):
    """The shared Redis, under a key prefix of this test's own, emptied afterwards."""
    cache_settings = {**redis_cache(REDIS_URL), "KEY_PREFIX": f"kronika-test-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": cache_settings}
    settings.KRONIKA_API_RATE_LIMIT = "2/day"
    yield cache_settings
    caches["default"].delete_pattern("*")


def test_with_redis_the_rate_limit_is_counted_across_workers(client, site_tree, shared_redis):
    assert [client.get("/api/v2/pages/").status_code for _ in range(2)] == [200, 200]

    (other_worker,) = _probe(
        ["/api/v2/pages/"], {"CACHES": {"default": shared_redis}, "KRONIKA_API_RATE_LIMIT": "2/day"}
    )

    assert other_worker["status"] == 429
    assert json.loads(other_worker["body"])["message"].startswith("Too many requests")


def test_without_redis_each_worker_counts_the_rate_limit_on_its_own(client, site_tree, settings):
    settings.KRONIKA_API_RATE_LIMIT = "2/day"
    assert [client.get("/api/v2/pages/").status_code for _ in range(3)] == [200, 200, 429]

    (other_worker,) = _probe(["/api/v2/pages/"], {"KRONIKA_API_RATE_LIMIT": "2/day"}, database_url="sqlite://")

    # Its local-memory cache has counted nothing, so it lets the request through to the view.
    assert other_worker["status"] != 429


# The database


def _refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def test_with_the_database_down_the_api_answers_a_json_503_with_retry_after(quiet_client, site_tree):
    with connection.execute_wrapper(_refuse_every_query):
        response = quiet_client.get("/api/v2/pages/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "The database is unavailable; try again in 30 seconds."}
    assert response["Retry-After"] == "30"


def test_a_database_failure_inside_an_api_view_is_a_json_503_too(quiet_client, site_tree):
    def refuse_pages(execute, sql, params, many, context):
        if "wagtailcore_page" in sql:
            _refuse_every_query(execute, sql, params, many, context)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_pages):
        response = quiet_client.get("/api/v2/pages/")

    assert response.status_code == 503
    assert response.json()["message"].startswith("The database is unavailable")
    assert response["Retry-After"] == "30"


def test_with_the_database_down_the_site_answers_a_plain_503_page(quiet_client, site_tree):
    with connection.execute_wrapper(_refuse_every_query):
        response = quiet_client.get("/pl/")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    assert "Chwilowo niedostępne" in response.content.decode()


def _unreachable_database_url(closed_port: int) -> str:
    if connection.vendor == "postgresql":
        return f"postgres://postgres@127.0.0.1:{closed_port}/kronika"
    return "sqlite:////nonexistent-kronika-directory/db.sqlite3"


def test_a_worker_whose_database_is_unreachable_answers_503s(closed_port):
    api, site = _probe(["/api/v2/pages/", "/pl/"], database_url=_unreachable_database_url(closed_port))

    assert (api["status"], api["content_type"], api["retry_after"]) == (503, "application/json", "30")
    assert json.loads(api["body"])["message"].startswith("The database is unavailable")
    assert (site["status"], site["retry_after"]) == (503, "30")
    assert site["content_type"].startswith("text/html")
