"""Kronika's own labels, help texts and messages in Polish: in the admin of a Polish editor and on /pl/ pages."""

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import streamfield
from wagtail.users.models import UserProfile

from projects.localization.machine import translate_object
from projects.models import EventKind, EventReportPage

from .admin_forms import page_post
from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

POLISH_EDITOR = [
    "Rodzaj wydarzenia",
    "Dzień wydarzenia albo jego pierwszy dzień.",
    "Powiat lub region",
    "Sesja dialogowa",
    "Osoby i organizacje",
    "Uwagi o źródle",
    "Organizacje uczestniczące",
    "Wybierz organizację albo wpisz jej nazwę, jeśli nie ma jej jeszcze w Kronice.",
]
ENGLISH_EDITOR = [
    "Kind of event",
    "The day of the event, or its first day.",
    "County or region",
    "Dialogue session",
    "People and organisations",
    "Source notes",
    "Participating organisations",
    "Choose an organisation, or type its name if it is not in Kronika yet.",
]


@pytest.fixture
def report(site_tree) -> EventReportPage:
    project = ProjectPageFactory(parent=site_tree.projects, slug="projekt")
    report = EventReportPageFactory(
        parent=project,
        slug="relacja",
        title="Relacja z Gniezna",
        event_kind=EventKind.DIALOGUE_SESSION,
        city="Gniezno",
    )
    report.organisers.create(name="Wielkopolski Ośrodek Ekonomii Społecznej")
    report.goals.create(text="Wspólna wizja przeciwdziałania bezrobociu")
    report.save_revision().publish()
    return report


def editor_client(client, django_user_model, preferred_language: str):
    user = django_user_model.objects.create_superuser("redakcja", "redakcja@example.org", "password")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preferred_language
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("preferred_language", "accept_language", "shown", "not_shown"),
    [
        ("pl", "en", POLISH_EDITOR, ENGLISH_EDITOR),
        ("", "pl", POLISH_EDITOR, ENGLISH_EDITOR),
        ("", "en", ENGLISH_EDITOR, POLISH_EDITOR),
        ("en", "pl", ENGLISH_EDITOR, POLISH_EDITOR),
    ],
    ids=["preference-pl", "accept-language-pl", "accept-language-en", "preference-en"],
)
def test_the_report_editor_speaks_the_editors_language(
    client, django_user_model, report, preferred_language, accept_language, shown, not_shown
):
    editor = editor_client(client, django_user_model, preferred_language)

    content = editor.get(
        reverse("wagtailadmin_pages:edit", args=[report.pk]), HTTP_ACCEPT_LANGUAGE=accept_language
    ).content.decode()

    assert [text for text in shown if text not in content] == []
    assert [text for text in not_shown if text in content] == []


def test_a_polish_editor_reads_validation_messages_in_polish(client, django_user_model, report):
    editor = editor_client(client, django_user_model, "pl")
    fields = {
        "title": report.title,
        "slug": report.slug,
        "event_kind": "dialogue_session",
        "event_date": "2016-02-26",
        "event_end_date": "2016-02-25",
        "city": "Gniezno",
        "body": streamfield([]),
        "contacts": streamfield([]),
    }
    revisions = Revision.objects.count()

    response = editor.post(reverse("wagtailadmin_pages:edit", args=[report.pk]), page_post("eventreportpage", fields))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wydarzenie nie może się zakończyć przed rozpoczęciem." in content
    assert "The event cannot end before it starts." not in content
    assert Revision.objects.count() == revisions


def test_the_contacts_menu_and_the_translation_report_are_polish(client, django_user_model, site_tree):
    editor = editor_client(client, django_user_model, "pl")

    content = editor.get(reverse("kronika_translation_status")).content.decode()

    assert "Stan tłumaczeń" in content
    assert "Kontakty" in content
    assert "Wszystkie języki docelowe" in content
    assert "Translation status" not in content


@pytest.mark.parametrize(
    ("prefix", "shown", "not_shown"),
    [
        (
            "/pl/",
            ["Wydarzenie", "Miejsce", "Organizatorzy", "Cele", "Sesja dialogowa", '<html lang="pl"'],
            ["Event", "Place", "Organised by", "Goals", "Dialogue session"],
        ),
        (
            "/en/",
            ["Event", "Place", "Organised by", "Goals", "Dialogue session", '<html lang="en"'],
            ["Wydarzenie", "Miejsce", "Organizatorzy", "Cele"],
        ),
    ],
)
def test_a_report_page_labels_its_facts_in_the_language_of_its_url(
    client, site_tree, report, english, django_capture_on_commit_callbacks, prefix, shown, not_shown
):
    with django_capture_on_commit_callbacks(execute=True):
        for page in [site_tree.home, site_tree.projects, report.get_parent(), report]:
            translate_object(page, english)

    response = client.get(f"{prefix}projekty/projekt/relacja/")

    content = response.content.decode()
    assert response.status_code == 200
    assert [text for text in shown if text not in content] == []
    assert [text for text in not_shown if text in content] == []
