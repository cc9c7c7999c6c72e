import pytest

from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_report_under_project_is_served_and_listed_by_the_api(client, site_tree):
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(parent=project, slug="relacja", title="Sesja dialogowa")

    page_response = client.get(report.url)
    api_response = client.get("/api/v2/pages/", {"type": "projects.EventReportPage"})

    assert page_response.status_code == 200
    assert "Sesja dialogowa" in page_response.content.decode()
    assert [item["title"] for item in api_response.json()["items"]] == ["Sesja dialogowa"]
