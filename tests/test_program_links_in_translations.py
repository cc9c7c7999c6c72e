"""A translated project or report names the funding program in its own language when that version is live."""

import pytest

from projects.models import ProjectFunding

from .factories import EventReportPageFactory, FundingProgramPageFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(site_tree):
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Aktywni+", slug="aktywni")
    project = ProjectPageFactory(parent=site_tree.projects, title="Sieciowanie", slug="sieciowanie")
    ProjectFunding.objects.create(page=project, program=program, currency="PLN")
    report = EventReportPageFactory(parent=project, title="Sesja", slug="sesja")
    return {"program": program, "project": project, "report": report}


def programs(client, page) -> list[int]:
    return [program["id"] for program in client.get(f"/api/v2/pages/{page.pk}/").json()["programs"]]


def test_english_project_and_report_link_the_english_program(client, site_tree, english, polish):
    for page in (site_tree.programs, site_tree.projects, polish["program"], polish["project"], polish["report"]):
        translate_everything(page, english)
    program, project, report = (polish[name].get_translation(english) for name in ("program", "project", "report"))

    assert programs(client, project) == [program.pk]
    assert programs(client, report) == [program.pk]
    assert programs(client, polish["project"]) == [polish["program"].pk]
    html = client.get(project.url).content.decode()
    assert f'href="{program.url}">EN Aktywni+</a>' in html


def test_without_a_live_english_program_the_english_project_keeps_the_polish_one(client, site_tree, english, polish):
    for page in (site_tree.projects, polish["project"]):
        translate_everything(page, english)
    project = polish["project"].get_translation(english)

    assert programs(client, project) == [polish["program"].pk]
