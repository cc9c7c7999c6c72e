"""Dates in the admin: typed as Polish editors write them or as ISO, never silently changed."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from projects.admin_dates import KronikaDateInput
from projects.models import EventReportPage

from .admin_forms import form_errors, page_post
from .factories import EventReportPageFactory, ProjectPageFactory
from .test_admin_pages import report_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(site_tree):
    return ProjectPageFactory(parent=site_tree.projects, slug="projekt")


def add_report_url(project) -> str:
    return reverse("wagtailadmin_pages:add", args=["projects", "eventreportpage", project.pk])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("10.03.2024", datetime.date(2024, 3, 10)),
        ("1.3.2024", datetime.date(2024, 3, 1)),
        ("10.03.2024 r.", datetime.date(2024, 3, 10)),
        ("2024-03-10", datetime.date(2024, 3, 10)),
        (" 29.02.2024 ", datetime.date(2024, 2, 29)),
    ],
)
def test_a_date_typed_the_polish_way_or_as_iso_is_stored_as_typed(admin_client, project, typed, stored):
    response = admin_client.post(
        add_report_url(project), page_post("eventreportpage", report_fields(event_date=typed, event_end_date=""))
    )

    assert response.status_code == 302, form_errors(response.context["form"])
    assert EventReportPage.objects.get(slug="sesja-dialogowa").event_date == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2024-02-30", "There is no such day as 2024-02-30: check the day and the month."),
        ("31.04.2024", "There is no such day as 31.04.2024: check the day and the month."),
        ("10/2024", "Enter the date as DD.MM.YYYY (10.03.2024) or YYYY-MM-DD (2024-03-10)."),
        ("jutro", "Enter the date as DD.MM.YYYY (10.03.2024) or YYYY-MM-DD (2024-03-10)."),
    ],
)
def test_an_impossible_or_unreadable_date_is_an_error_on_its_own_field_and_stays_as_typed(
    admin_client, project, typed, message
):
    response = admin_client.post(
        add_report_url(project),
        page_post("eventreportpage", report_fields(event_date=typed, event_end_date="2024-03-12")),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form_errors(form) == {"event_date": [message]}
    assert f'value="{typed}"' in response.content.decode()
    assert not EventReportPage.objects.exists()


def test_the_date_picker_never_replaces_what_was_typed():
    config = KronikaDateInput().get_config()

    assert config["validateOnBlur"] is False


@pytest.mark.parametrize(
    ("language", "shown", "picker_format"), [("pl", "10.03.2024", "d.m.Y"), ("en", "2024-03-10", "Y-m-d")]
)
def test_the_editor_sees_dates_in_the_way_of_their_admin_language(
    admin_client, admin_user, project, language, shown, picker_format
):
    report = EventReportPageFactory(parent=project, event_date=datetime.date(2024, 3, 10))
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()

    field = re.search(r'<input[^>]*name="event_date"[^>]*>', html)[0]
    assert f'value="{shown}"' in field
    config = json.loads(re.search(r'initDateChooser\("id_event_date", (\{.*?\})\);', html)[1])
    assert config["format"] == picker_format
    assert config["validateOnBlur"] is False


def test_dates_shown_in_polish_are_read_back_unchanged(admin_client, project):
    with translation.override("pl"):
        shown = KronikaDateInput().format_value(datetime.date(2024, 3, 10))

    response = admin_client.post(
        add_report_url(project), page_post("eventreportpage", report_fields(event_date=shown, event_end_date=""))
    )

    assert response.status_code == 302
    assert EventReportPage.objects.get().event_date == datetime.date(2024, 3, 10)
