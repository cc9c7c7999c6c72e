"""Wagtail's v3 API preview at /api/v3-preview/: our models work there, for authenticated tooling only."""

import pytest
from wagtail.api import APIField
from wagtail.models import APIToken

from projects.models import Office, Organisation, Person

from .factories import EventReportPageFactory, OfficeFactory, OrganisationFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

V3 = "/api/v3-preview"


@pytest.fixture
def token(django_user_model) -> str:
    user = django_user_model.objects.create_superuser("tooling", "tooling@example.org", "password")
    _, plaintext = APIToken.create_token(user=user, name="import script")
    return plaintext


@pytest.fixture
def report(site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    return EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa", city="Gniezno")


def bearer(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


def test_an_event_report_can_be_read_with_a_token(client, token, report):
    response = client.get(f"{V3}/pages/{report.pk}/", headers=bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Sesja dialogowa"
    assert body["city"] == "Gniezno"
    assert body["meta"]["type"] == "projects.EventReportPage"


def test_our_page_types_and_snippets_are_in_the_schema_registry(client, token):
    response = client.get(f"{V3}/schema/", headers=bearer(token))

    assert response.status_code == 200
    names = {item["name"] for item in response.json()["types"]}
    assert {"projects.EventReportPage", "projects.ProjectPage", "projects.FundingProgramPage"} <= names


@pytest.mark.parametrize(
    "path",
    ["/pages/", "/pages/{id}/", "/schema/", "/openapi.json", "/docs/", "/whoami/", "/snippets/projects.Person/"],
)
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-real-token", "Basic dXNlcjpwYXNz"])
def test_anonymous_and_bad_credentials_get_401_json(client, report, path, authorization):
    headers = {"authorization": authorization} if authorization else {}

    response = client.get(V3 + path.format(id=report.pk), headers=headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "v3 preview" in response.json()["message"]


def test_a_revoked_token_is_refused(client, token, report):
    APIToken.objects.update(revoked_at="2025-01-01T00:00:00Z")

    assert client.get(f"{V3}/pages/{report.pk}/", headers=bearer(token)).status_code == 401


def test_a_logged_in_editor_may_use_it(admin_client, report):
    assert admin_client.get(f"{V3}/pages/{report.pk}/").status_code == 200


def test_v3_answers_are_never_cached_for_partners(client, token, report):
    response = client.get(f"{V3}/pages/{report.pk}/", headers=bearer(token))

    assert "X-Kronika-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("model", "factory"), [(Organisation, OrganisationFactory), (Office, OfficeFactory), (Person, PersonFactory)]
)
def test_snippets_with_api_fields_can_be_read_and_keep_internal_fields_in(client, token, model, factory):
    if not APIField.get_fields_for_model(model):
        pytest.skip(f"{model._meta.label} declares no api_fields, so Wagtail's v3 API leaves it out")
    snippet = factory(**({"internal_notes": "Tylko dla zespołu"} if model is Person else {}))

    response = client.get(f"{V3}/snippets/{model._meta.label}/{snippet.pk}/", headers=bearer(token))

    assert response.status_code == 200
    assert "internal_notes" not in response.json()
    assert "Tylko dla zespołu" not in response.content.decode()
