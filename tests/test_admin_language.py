"""Every Kronika screen of the admin speaks one language: English or Polish, never a mix of the two."""

import datetime
import json

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.users.models import UserProfile

from projects.models import ReportModerator, ReportOrganiser

from .admin_language import words_of_the_other_language
from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    """One of each thing, named with words of neither language."""
    for index, page in enumerate([site_tree.home, site_tree.programs, site_tree.projects, site_tree.reports]):
        page.title = f"Zefirra {index}"
        page.save_revision().publish()
    organisation = OrganisationFactory(name="Zefirra", city="Gniezno")
    person = PersonFactory(name="Ilona Zdrojek", role="Zefirra", department="", organisation=organisation)
    office = OfficeFactory(organisation=organisation, name="Gniezno", street_address="Zdrojowa 5")
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Zefirra Plus", slug="zefirra-plus")
    project = ProjectPageFactory(
        parent=site_tree.projects, title="Zefirra", slug="zefirra", lead_organisation=organisation
    )
    image = wagtail_factories.ImageFactory(title="Zefirra")
    report = EventReportPageFactory(
        parent=project,
        title="Zefirra Gniezno",
        slug="zefirra-gniezno",
        city="Gniezno",
        region="Wielkopolska",
        event_date=datetime.date(2024, 3, 10),
        hero_image=image,
    )
    report.organisers.add(ReportOrganiser(organisation=organisation))
    report.moderators.add(ReportModerator(person=person))
    report.save_revision().publish()
    return {
        "organisation": organisation,
        "person": person,
        "office": office,
        "program": program,
        "project": project,
        "report": report,
        "site_tree": site_tree,
    }


def screens(content) -> dict[str, str]:
    """Every Kronika screen of the admin by a name, with its URL."""
    report, project = content["report"], content["project"]
    snippet_screens = {}
    for model in ("organisation", "person", "office"):
        snippet_screens |= {
            f"{model} list": reverse(f"wagtailsnippets_projects_{model}:list"),
            f"{model} add": reverse(f"wagtailsnippets_projects_{model}:add"),
            f"{model} edit": reverse(f"wagtailsnippets_projects_{model}:edit", args=[content[model].pk]),
            f"{model} chooser": reverse(f"wagtailsnippetchoosers_projects_{model}:choose"),
        }
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[project.pk]),
        "report add": reverse("wagtailadmin_pages:add", args=["projects", "eventreportpage", project.pk]),
        "report edit": reverse("wagtailadmin_pages:edit", args=[report.pk]),
        "project add": reverse(
            "wagtailadmin_pages:add", args=["projects", "projectpage", content["site_tree"].projects.pk]
        ),
        "project edit": reverse("wagtailadmin_pages:edit", args=[project.pk]),
        "program edit": reverse("wagtailadmin_pages:edit", args=[content["program"].pk]),
        "report type usage": reverse("wagtailadmin_pages:type_use", args=["projects", "eventreportpage"]),
        "page chooser": reverse("wagtailadmin_choose_page"),
        "image chooser": reverse("wagtailimages_chooser:choose"),
        "translation status": reverse("kronika_translation_status"),
        **snippet_screens,
    }


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("zefir", "zefir@example.org", "haslo")
    client.force_login(user)
    return user


@pytest.mark.parametrize("language", ["en", "pl"])
def test_every_kronika_screen_speaks_only_the_editors_language(client, editor, content, language):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()

    mixed = {}
    for name, url in screens(content).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = response.json().get("html", "")
        found = words_of_the_other_language(body, language)
        if found:
            mixed[name] = sorted({text for texts in found.values() for text in texts})

    assert mixed == {}, json.dumps(mixed, ensure_ascii=False, indent=1)


def test_polish_buttons_decline_their_nouns_and_tab_anchors_do_not_change_with_the_language(client, editor, content):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "pl"
    profile.save()

    html = client.get(reverse("wagtailadmin_pages:edit", args=[content["report"].pk])).content.decode()
    listing = client.get(reverse("wagtailadmin_pages:type_use", args=["projects", "eventreportpage"])).content.decode()

    assert 'href="#tab-event"' in html and 'href="#tab-people"' in html
    assert "Dodaj organizatora" in html and "Dodaj Organizator<" not in html
    assert "Wybierz osobę" in html and "Wybierz osoba" not in html
    assert "wydarzenias" not in listing


def test_a_user_without_a_first_and_last_name_changes_the_admin_language(client, django_user_model):
    user = django_user_model.objects.create_superuser("bez-imienia", "bez@example.org", "haslo-testowe-1")
    client.force_login(user)

    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "",
            "name_email-last_name": "",
            "name_email-email": "bez@example.org",
            "locale-preferred_language": "pl",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )

    assert response.status_code == 302, response.context["panels_by_tab"]
    assert UserProfile.get_for_user(user).preferred_language == "pl"
    assert '<html lang="pl"' in client.get(reverse("wagtailadmin_account")).content.decode()
