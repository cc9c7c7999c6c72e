"""The admin's flat listings of event reports and projects: columns, filters and sorting by date."""

import datetime
import re

import pytest
from django.urls import reverse

from projects.models import ProjectFunding

from .factories import EventReportPageFactory, FundingProgramPageFactory, ProjectPageFactory
from .localization_fixtures import translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(site_tree, english):
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Aktywni+")
    funded = ProjectPageFactory(parent=site_tree.projects, title="Sieciowanie", slug="sieciowanie")
    funded.funding.add(ProjectFunding(program=program, amount=1000))
    funded.save_revision().publish()
    other = ProjectPageFactory(parent=site_tree.projects, title="Śniadania", slug="sniadania")
    made = {
        "gniezno": EventReportPageFactory(
            parent=funded,
            title="Sesja w Gnieźnie",
            city="Gniezno",
            event_date=datetime.date(2016, 2, 26),
            event_kind="dialogue_session",
        ),
        "bilgoraj": EventReportPageFactory(
            parent=other,
            title="Śniadanie w Biłgoraju",
            city="Biłgoraj",
            event_date=datetime.date(2023, 10, 25),
            event_kind="networking",
        ),
        "konin": EventReportPageFactory(
            parent=funded,
            title="Warsztat w Koninie",
            city="Konin",
            event_date=datetime.date(2024, 3, 10),
            event_kind="workshop",
        ),
    }
    for page in (site_tree.home, site_tree.projects, funded):
        translate_everything(page, english)
    translate_everything(made["gniezno"], english)
    return {"program": program, "funded": funded, "other": other, **made}


def listed_titles(admin_client, **params) -> list[str]:
    response = admin_client.get(reverse("event_reports:index"), params)
    assert response.status_code == 200
    return re.findall(r'<span id="page_\d+_title">\s*(.+?)\s*</span>', response.content.decode())


def test_the_report_listing_shows_every_report_newest_event_first_with_its_columns(admin_client, reports):
    response = admin_client.get(reverse("event_reports:index"))
    html = response.content.decode()

    titles = listed_titles(admin_client)
    assert titles[:2] == ["Warsztat w Koninie", "Śniadanie w Biłgoraju"]
    assert sorted(titles[2:]) == ["EN Sesja w Gnieźnie", "Sesja w Gnieźnie"]
    for heading in ("Title", "Project", "Date", "City", "Kind", "Language", "Status", "Translation"):
        assert f">{heading}<" in html or f"{heading}\n" in html, heading
    assert "Dialogue session" in html and "Konin" in html and "Up to date" in html and "Source" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"city": "konin"}, ["Warsztat w Koninie"]),
        ({"event_kind": "networking"}, ["Śniadanie w Biłgoraju"]),
        ({"event_date_from": "01.01.2023", "event_date_to": "2023-12-31"}, ["Śniadanie w Biłgoraju"]),
        ({"locale": "en"}, ["EN Sesja w Gnieźnie"]),
        ({"translation_state": "up_to_date"}, ["EN Sesja w Gnieźnie"]),
        (
            {"ordering": "event_date", "locale": "pl"},
            ["Sesja w Gnieźnie", "Śniadanie w Biłgoraju", "Warsztat w Koninie"],
        ),
    ],
)
def test_the_report_listing_filters_and_sorts(admin_client, reports, params, expected):
    assert listed_titles(admin_client, **params) == expected


def test_the_report_listing_filters_by_project_and_program_in_every_language(admin_client, reports):
    by_project = listed_titles(admin_client, project=reports["funded"].pk)
    by_program = listed_titles(admin_client, program=reports["program"].pk)

    assert by_project[0] == by_program[0] == "Warsztat w Koninie"
    assert sorted(by_project[1:]) == sorted(by_program[1:]) == ["EN Sesja w Gnieźnie", "Sesja w Gnieźnie"]


def test_a_date_that_does_not_exist_is_an_error_in_the_filter_not_a_silent_change(admin_client, reports):
    response = admin_client.get(reverse("event_reports:index"), {"event_date_from": "30.02.2024"})

    assert response.status_code == 200
    assert "There is no such day as 30.02.2024" in response.content.decode()


def test_the_project_listing_filters_by_program_and_status(admin_client, reports):
    response = admin_client.get(reverse("project_listing:index"), {"program": reports["program"].pk, "locale": "pl"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sieciowanie" in html and "Śniadania" not in html
