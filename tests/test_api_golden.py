import pytest

from .api_contract_tree import build_contract_tree
from .golden_json import assert_golden, normalised
from .openapi_validation import errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree, django_capture_on_commit_callbacks):
    return build_contract_tree(site_tree, django_capture_on_commit_callbacks)


# (golden file, document path, URL of the tree, query, status): one per public endpoint shape.
SHAPES = [
    ("page_listing", "/api/v2/pages/", lambda tree: "/api/v2/pages/", {}, 200),
    (
        "report_listing",
        "/api/v2/pages/",
        lambda tree: "/api/v2/pages/",
        {"type": "projects.EventReportPage", "fields": "*"},
        200,
    ),
    ("report_detail", "/api/v2/pages/{id}/", lambda tree: f"/api/v2/pages/{tree.report.pk}/", {}, 200),
    ("project_detail", "/api/v2/pages/{id}/", lambda tree: f"/api/v2/pages/{tree.project.pk}/", {}, 200),
    ("program_detail", "/api/v2/pages/{id}/", lambda tree: f"/api/v2/pages/{tree.program.pk}/", {}, 200),
    ("organisations", "/api/v2/organisations/", lambda tree: "/api/v2/organisations/", {"fields": "*"}, 200),
    ("people", "/api/v2/people/", lambda tree: "/api/v2/people/", {"fields": "*"}, 200),
    ("offices", "/api/v2/offices/", lambda tree: "/api/v2/offices/", {"fields": "*"}, 200),
    ("images", "/api/v2/images/", lambda tree: "/api/v2/images/", {"fields": "*"}, 200),
    ("documents", "/api/v2/documents/", lambda tree: "/api/v2/documents/", {"fields": "*"}, 200),
    ("changes", "/api/v2/changes/", lambda tree: "/api/v2/changes/", {}, 200),
    ("error_bad_request", "/api/v2/pages/", lambda tree: "/api/v2/pages/", {"limit": "0"}, 400),
    ("error_not_found", "/api/v2/pages/{id}/", lambda tree: "/api/v2/pages/99999/", {}, 404),
]


@pytest.mark.parametrize("name, path, url_of, query, status", SHAPES, ids=[shape[0] for shape in SHAPES])
def test_response_matches_its_golden_file(client, tree, name, path, url_of, query, status):
    """The response equals tests/golden/<name>.json (volatile values normalised, see tests/golden_json.py).

    Any difference fails. To change the output on purpose, rewrite the files with
    `KRONIKA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_api_golden.py`, review `git diff tests/golden`,
    and commit the files with the change that caused it.
    """
    response = client.get(url_of(tree), query)

    assert response.status_code == status
    assert errors_of(client.get("/api/v2/openapi.json").json(), path, status, response.json()) == []
    assert_golden(name, response.json())


def test_normalising_drops_what_varies_between_runs():
    data = {
        "id": 41,
        "meta": {"detail_url": "http://localhost/api/v2/pages/41/", "last_published_at": "2025-01-31T10:00:00Z"},
        "parent": {"id": 7},
        "body": [{"type": "heading", "id": "0f0e7c9e-2b45-4ab6-b9a5-2a2d0cbbd2a7"}],
        "url": "http://localhost/media/images/example_Ab12xYz.width-480.jpg",
        "first_published_at": None,
    }

    assert normalised(data) == {
        "id": "<id>",
        "meta": {"detail_url": "http://localhost/api/v2/pages/<id>/", "last_published_at": "<timestamp>"},
        "parent": {"id": "<id>"},
        "body": [{"type": "heading", "id": "<uuid>"}],
        "url": "http://localhost/media/images/example.width-480.jpg",
        "first_published_at": None,
    }
