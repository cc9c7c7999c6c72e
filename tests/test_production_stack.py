"""The production stack, run for real: gunicorn with its config file and the production settings, static files
from whitenoise, health and readiness probes, `check --deploy`, and a shared Redis cache across two servers."""

import json
import pickle
import uuid
from pathlib import Path

import pytest
import redis
from django.db.utils import OperationalError
from django.test import Client

from cms import health
from projects.read_models import generation

from .factories import EventReportPageFactory, ProjectPageFactory
from .server_processes import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    AdminSession,
    create_editor_for_production,
    fetch,
    free_port,
    gunicorn,
    manage,
    production_environment,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_SERVER = "redis://127.0.0.1:6379"


@pytest.fixture
def production(tmp_path):
    port = free_port()
    return port, production_environment(f"http://127.0.0.1:{port}", tmp_path)


def test_check_deploy_is_clean_with_the_documented_environment(production):
    _, environment = production
    environment.pop("SECURE_SSL_REDIRECT")  # as documented: HTTPS redirects on

    result = manage(environment, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_gunicorn_serves_the_api_probes_and_compressed_hashed_static_files(site_tree, production):
    port, environment = production
    manifest = json.loads((Path(environment["STATIC_ROOT"]) / "staticfiles.json").read_text())
    hashed_script = manifest["paths"]["projects/admin/draftail-save-on-submit.js"]

    with gunicorn(environment, port, workers=2) as server:
        assert fetch(server + "/healthz/").json() == {"status": "ok"}
        ready = fetch(server + "/readyz/")
        assert (ready.status, ready.json()["checks"]) == (200, {"database": "ok", "cache": "ok"})
        # Load balancers probe by address, not by the site's host name: the probe must not be a 400.
        assert fetch(server + "/healthz/", headers={"Host": "10.1.2.3"}).status == 200

        static = fetch(f"{server}/static/{hashed_script}", headers={"Accept-Encoding": "gzip"})
        assert static.status == 200
        assert static.headers["content-encoding"] == "gzip"
        assert "immutable" in static.headers["cache-control"]

        listing = fetch(server + "/api/v2/pages/")
        assert listing.status == 200
        assert listing.json()["meta"]["total_count"] >= 1


def test_readiness_is_503_while_the_database_is_down(db, monkeypatch):
    def database_down() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.READINESS_CHECKS, "database", database_down)

    response = Client().get("/readyz/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}
    assert response["Retry-After"] == "5"
    assert Client().get("/healthz/").status_code == 200


@pytest.fixture
def shared_redis():
    """A Redis database of its own for this test, emptied before and after."""
    database = 12
    client = redis.Redis.from_url(f"{REDIS_SERVER}/{database}")
    client.flushdb()
    yield f"{REDIS_SERVER}/{database}"
    client.flushdb()


def test_two_servers_sharing_redis_serve_a_change_made_through_either_at_once(
    site_tree, django_user_model, tmp_path, shared_redis
):
    create_editor_for_production(django_user_model)
    project = ProjectPageFactory(parent=site_tree.projects, slug="wspolpraca")
    title = f"Spotkanie {uuid.uuid4().hex[:8]}"
    report = EventReportPageFactory(parent=project, title=title)
    listing = "/api/v2/pages/?type=projects.EventReportPage&fields=title"
    port_a, port_b = free_port(), free_port()
    environment = production_environment(f"http://127.0.0.1:{port_a}", tmp_path, REDIS_URL=shared_redis)

    with gunicorn(environment, port_a) as server_a, gunicorn(environment, port_b) as server_b:
        for server in (server_a, server_b):
            assert [item["title"] for item in fetch(server + listing).json()["items"]] == [title]
        before = fetch(server_b + listing)
        assert before.headers["x-kronika-cache"] == "hit"
        assert fetch(server_b + listing, {"If-None-Match": before.headers["etag"]}).status == 304
        # Both servers read the API generation from Redis, not from the database, for a hit and a 304.
        generation_before = _generation_in_redis(shared_redis)
        assert generation_before is not None

        editor = AdminSession(server_a, EDITOR_USERNAME, EDITOR_PASSWORD)
        assert editor.post(f"/admin/pages/{report.pk}/unpublish/", {}) == 302  # back to the page listing

        after = fetch(server_b + listing)
        assert after.json()["items"] == []
        assert after.headers["x-kronika-cache"] == "miss"
        assert fetch(server_b + listing, {"If-None-Match": before.headers["etag"]}).status == 200
        assert fetch(server_a + listing).headers["etag"] == after.headers["etag"]
        assert _generation_in_redis(shared_redis) > generation_before


def _generation_in_redis(url: str) -> int | None:
    """The generation value the servers share through Redis (django-redis pickles it under its prefixed key)."""
    client = redis.Redis.from_url(url)
    keys = client.keys(f"*{generation.CACHE_KEY}")
    return pickle.loads(client.get(keys[0]))[0] if keys else None  # noqa: S301 - our own value, in our own Redis
