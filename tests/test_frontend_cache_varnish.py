"""Wagtail's frontend cache purging a real HTTP cache: Varnish (Debian's, with cms/varnish/kronika.vcl) in front
of gunicorn keeps the API's answers, and unpublishing a report through the admin purges its listing and detail."""

import pytest

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
    served_from_cache,
    varnish,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_unpublishing_purges_the_api_listing_and_detail_from_varnish(site_tree, django_user_model, tmp_path):
    create_editor_for_production(django_user_model)
    project = ProjectPageFactory(parent=site_tree.projects, slug="wspolpraca")
    report = EventReportPageFactory(parent=project, title="Sesja dialogowa w Gnieźnie")
    app_port, cache_port = free_port(), free_port()
    public_url = f"http://127.0.0.1:{cache_port}"
    environment = production_environment(public_url, tmp_path, FRONTEND_CACHE_URL=public_url)
    listing, detail = "/api/v2/pages/", f"/api/v2/pages/{report.pk}/"

    with gunicorn(environment, app_port), varnish(app_port, cache_port) as cache:
        for path in (listing, detail):
            fetch(cache + path)
            again = fetch(cache + path)
            assert again.status == 200
            assert served_from_cache(again), f"Varnish did not keep {path}"
        assert report.pk in [item["id"] for item in fetch(cache + listing).json()["items"]]

        editor = AdminSession(cache, EDITOR_USERNAME, EDITOR_PASSWORD)
        assert editor.post(f"/admin/pages/{report.pk}/unpublish/", {}) == 302  # back to the page listing
        # Wagtail queues purges as background tasks: run the worker the README's production section starts.
        worker = manage(environment, "db_worker", "--batch", "--no-startup-delay")
        assert worker.returncode == 0, worker.stderr

        fresh_listing = fetch(cache + listing)
        assert not served_from_cache(fresh_listing)
        assert report.pk not in [item["id"] for item in fresh_listing.json()["items"]]
        assert fetch(cache + detail).status == 404
