"""Creating and editing every page type through the real admin views, with the messages editors see."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from projects.models import EventReportPage, FundingProgramPage, ProjectPage

from .admin_forms import all_messages, form_errors, page_post
from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


def add_url(model: type[Page], parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def report_fields(**overrides) -> dict:
    fields = {
        "title": "Sesja dialogowa w Gnieźnie – relacja",
        "slug": "sesja-dialogowa",
        "event_kind": "dialogue_session",
        "event_date": "2023-02-26",
        "city": "Gniezno",
        "region": "powiat gnieźnieński",
        "venue": "Sala sesyjna, Starostwo Powiatowe w Gnieźnie",
        "body": streamfield([("paragraph", rich_text("<p>Relacja ze spotkania.</p>"))]),
        "contacts": streamfield([]),
    }
    fields.update(overrides)
    return fields


def project_fields(**overrides) -> dict:
    fields = {
        "title": "Śniadania seniorów",
        "slug": "sniadania",
        "official_title": "Śniadania seniorów w Biłgoraju",
        "start_date": "2021-01-01",
        "end_date": "2025-12-31",
        "body": streamfield([]),
        "contacts": streamfield([]),
    }
    fields.update(overrides)
    return fields


def program_fields(**overrides) -> dict:
    fields = {"title": "Aktywni+", "slug": "aktywni", "first_year": "2021", "last_year": "2025", "description": ""}
    fields.update(overrides)
    return {**fields, "description": streamfield([])}


@pytest.fixture
def project(site_tree) -> ProjectPage:
    return ProjectPageFactory(parent=site_tree.projects, slug="projekt", start_date="2021-01-01", end_date="2025-12-31")


def test_create_and_edit_a_funding_program(admin_client, site_tree):
    funder = OrganisationFactory(name="Ministerstwo Rodziny")
    fields = program_fields(funder=str(funder.pk), website="https://example.org/")
    response = admin_client.post(
        add_url(FundingProgramPage, site_tree.programs), page_post("fundingprogrampage", fields)
    )
    program = FundingProgramPage.objects.get(slug="aktywni")

    edited = admin_client.post(edit_url(program), page_post("fundingprogrampage", {**fields, "last_year": "2030"}))

    assert response.status_code == edited.status_code == 302
    program.refresh_from_db()
    assert (program.funder, program.last_year, program.live) == (funder, 2030, False)
    assert program.revisions.count() == 2


def test_create_and_edit_a_project_with_its_rows(admin_client, site_tree):
    lead = OrganisationFactory(name="Fundacja Bliżej Pasji")
    partner = OrganisationFactory(name="Starostwo Powiatowe w Biłgoraju")
    coordinator = PersonFactory(name="Monika Dominik")
    rows = {
        "partners": [{"organisation": str(partner.pk), "name": "", "role": "partner"}],
        "coordinators": [{"person": str(coordinator.pk), "name": ""}],
        "funding": [{"program": "", "amount": "50000", "currency": "PLN", "agreement_number": "AKT/2021/1"}],
        "source_notes": [{"kind": "missing", "field_name": "official title", "note": "Brak tytułu w źródle."}],
    }
    fields = project_fields(lead_organisation=str(lead.pk), **{"action-publish": "publish"})

    response = admin_client.post(add_url(ProjectPage, site_tree.projects), page_post("projectpage", fields, **rows))
    project = ProjectPage.objects.get(slug="sniadania")
    edited = admin_client.post(edit_url(project), page_post("projectpage", {**fields, "status": "running"}))

    assert response.status_code == edited.status_code == 302
    project.refresh_from_db()
    assert (project.live, project.status, project.lead_organisation) == (True, "running", lead)
    assert [row.display_name for row in project.partners.all()] == ["Starostwo Powiatowe w Biłgoraju"]
    assert [(str(row.amount), row.currency, row.agreement_number) for row in project.funding.all()] == [
        ("50000.00", "PLN", "AKT/2021/1")
    ]
    first = project.revisions.order_by("pk").first().as_object()
    assert [row.display_name for row in first.partners.all()] == ["Starostwo Powiatowe w Biłgoraju"]
    assert [row.display_name for row in first.coordinators.all()] == ["Monika Dominik"]


def test_create_and_edit_an_event_report(admin_client, project):
    moderator = PersonFactory(name="Anna Giżycka")
    participant = OrganisationFactory(name="MOPS Gniezno")
    data = page_post(
        "eventreportpage",
        report_fields(**{"action-publish": "publish"}),
        goals=[{"text": "Wspólna wizja"}, {"text": "Spółdzielnie socjalne"}],
        moderators=[{"person": str(moderator.pk), "name": ""}],
        participants=[{"organisation": str(participant.pk), "name": ""}, {"organisation": "", "name": "WTZ Kłecko"}],
    )

    response = admin_client.post(add_url(EventReportPage, project), data, follow=True)
    report = EventReportPage.objects.get(slug="sesja-dialogowa")
    first, second = report.goals.all()
    goals = [
        {"id": str(first.pk), "text": first.text, "ORDER": "0", "DELETE": "1"},
        {"id": str(second.pk), "text": "Spółdzielnie socjalne dla uczestników WTZ", "ORDER": "1"},
    ]
    edited = admin_client.post(
        edit_url(report),
        page_post("eventreportpage", report_fields(venue="Urząd Gminy"), goals=inline_formset(goals, initial=2)),
    )

    assert response.status_code == 200 and edited.status_code == 302
    assert report.live and report.get_parent().specific == project
    assert [p.display_name for p in report.participants.all()] == ["MOPS Gniezno", "WTZ Kłecko"]
    assert [g.text for g in report.goals.all()] == ["Wspólna wizja", "Spółdzielnie socjalne"]
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    report.refresh_from_db()
    draft = report.get_latest_revision_as_object()
    assert (draft.venue, [g.text for g in draft.goals.all()]) == (
        "Urząd Gminy",
        ["Spółdzielnie socjalne dla uczestników WTZ"],
    )


@pytest.mark.parametrize(
    ("model_name", "parent", "fields", "formsets", "field", "message"),
    [
        pytest.param(
            "projectpage",
            "projects",
            project_fields(start_date="2022-05-01", end_date="2022-04-30"),
            {},
            "end_date",
            "The project cannot end before it starts.",
            id="project-ends-before-start",
        ),
        pytest.param(
            "fundingprogrampage",
            "programs",
            program_fields(first_year="2025", last_year="2021"),
            {},
            "last_year",
            "The last year cannot come before the first year.",
            id="program-years-reversed",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(event_date="2023-02-26", event_end_date="2023-02-25"),
            {},
            "event_end_date",
            "The event cannot end before it starts.",
            id="report-ends-before-start",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(),
            {"participants": [{"organisation": "", "name": ""}]},
            "participants-0-organisation",
            "Choose an organisation or type its name.",
            id="participant-with-neither",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(),
            {"participants": [{"organisation": "ORG", "name": "MOPS Gniezno"}]},
            "participants-0-name",
            "Choose an organisation or type a name, not both.",
            id="participant-with-both",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(
                body=streamfield(
                    [("quote", {"text": "Sesja dialogowa to…", "person": "", "attribution": "", "role": ""})]
                )
            ),
            {},
            "body",
            "Say who is quoted: choose a person or type a name.",
            id="quote-without-attribution",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(
                body=streamfield(
                    [("quote", {"text": "Sesja dialogowa to…", "person": "PUBLIC", "attribution": "Ktoś", "role": ""})]
                )
            ),
            {},
            "body",
            "Choose a person or type a name, not both.",
            id="quote-with-person-and-name",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(
                body=streamfield(
                    [("quote", {"text": "Sesja dialogowa to…", "person": "HIDDEN", "attribution": "", "role": ""})]
                )
            ),
            {},
            "body",
            "This person is not public: tick “shown publicly” on them first.",
            id="quote-of-a-non-public-person",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(contacts=streamfield([("staff_contact", {"person": "HIDDEN", "note": ""})])),
            {},
            "contacts",
            "This person is not public: tick “shown publicly” on them first.",
            id="staff-contact-not-public",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(),
            {"moderators": [{"person": "HIDDEN", "name": ""}]},
            "moderators-0-person",
            "This person is not public: tick “shown publicly” on them first.",
            id="moderator-not-public",
        ),
        pytest.param(
            "eventreportpage",
            "project",
            report_fields(contacts=streamfield([("contact_line", {"label": "", "phone": "12", "email": ""})])),
            {},
            "contacts",
            "“12” is not a valid phone number: check the digits and the area code.",
            id="contact-line-bad-phone",
        ),
        pytest.param(
            "projectpage",
            "projects",
            project_fields(),
            {"funding": [{"program": "", "amount": "-100", "currency": "PLN", "agreement_number": "A/1"}]},
            "funding-0-amount",
            "The amount must be more than zero.",
            id="funding-negative-amount",
        ),
        pytest.param(
            "projectpage",
            "projects",
            project_fields(),
            {"funding": [{"program": "", "amount": "100", "currency": "zł", "agreement_number": "A/1"}]},
            "funding-0-currency",
            "Use a three-letter currency code, e.g. PLN or EUR.",
            id="funding-bad-currency",
        ),
    ],
)
def test_bad_page_input_is_refused_with_a_clear_message(
    admin_client, site_tree, project, model_name, parent, fields, formsets, field, message
):
    parent_page = project if parent == "project" else getattr(site_tree, parent)
    hidden = PersonFactory(name="Osoba niepubliczna", is_public=False)
    organisation = OrganisationFactory()
    substitutes = {"HIDDEN": str(hidden.pk), "PUBLIC": str(PersonFactory().pk), "ORG": str(organisation.pk)}
    data = {key: substitutes.get(value, value) for key, value in page_post(model_name, fields, **formsets).items()}
    model = {"projectpage": ProjectPage, "fundingprogrampage": FundingProgramPage}.get(model_name, EventReportPage)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    response = admin_client.post(add_url(model, parent_page), data)

    assert response.status_code == 200
    assert message in form_errors(response.context["form"]).get(field, []), all_messages(response.context["form"])
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


@pytest.mark.parametrize(
    ("page_kind", "fields", "field", "message"),
    [
        ("project", project_fields(start_date="2024-01-01", end_date="2023-01-01"), "end_date", "cannot end before"),
        ("program", program_fields(first_year="2030", last_year="2020"), "last_year", "cannot come before"),
        ("report", report_fields(event_end_date="2020-01-01"), "event_end_date", "cannot end before"),
    ],
)
def test_bad_edits_change_nothing(admin_client, site_tree, project, page_kind, fields, field, message):
    page = {
        "project": project,
        "program": FundingProgramPageFactory(parent=site_tree.programs),
        "report": EventReportPageFactory(parent=project),
    }[page_kind]
    page.save_revision()
    revisions = Revision.objects.count()

    response = admin_client.post(edit_url(page), page_post(page.specific_class._meta.model_name, fields))

    assert response.status_code == 200
    assert any(message in text for text in form_errors(response.context["form"])[field])
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert Revision.objects.count() == revisions


def test_a_report_outside_its_projects_period_is_saved_with_a_warning(admin_client, project):
    data = page_post("eventreportpage", report_fields(event_date="2026-03-01"))

    response = admin_client.post(add_url(EventReportPage, project), data, follow=True)

    report = EventReportPage.objects.get(slug="sesja-dialogowa")
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == ["The event date 2026-03-01 is outside the project's period (2021-01-01 – 2025-12-31)."]
    assert report.get_latest_revision() is not None


def test_editing_a_report_out_of_its_projects_period_warns(admin_client, project):
    report = EventReportPageFactory(parent=project, slug="relacja", event_date="2023-10-25")

    response = admin_client.post(
        edit_url(report), page_post("eventreportpage", report_fields(slug="relacja", event_date="2020-10-25"))
    )
    follow = admin_client.get(response["Location"])

    assert response.status_code == 302
    assert "outside the project&#x27;s period" in follow.content.decode()
    report.refresh_from_db()
    assert str(report.get_latest_revision_as_object().event_date) == "2020-10-25"


def test_the_report_editor_shows_its_tabs_and_warnings(admin_client, project):
    report = EventReportPageFactory(parent=project, event_date="2030-01-01")
    report.source_notes.create(kind="assumption", note="Rok przyjęty z okresu programu.")
    report.save()

    content = admin_client.get(edit_url(report)).content.decode()

    # The titles editors read: tab ids follow the language the editor was first built in, as in Wagtail.
    tabs = re.findall(r'id="tab-label-\w+"[^>]*>\s*([^<]+?)\s*<', content)
    assert tabs == ["Report", "Event", "People and organisations", "Source notes", "Promote"]
    assert "Assumed by the editor: Rok przyjęty z okresu programu." in content
    assert "outside the project&#x27;s period" in content


def test_a_new_report_is_never_autosaved_behind_the_editors_back(admin_client, project):
    """Wagtail's autosave of a new page raced the editor's "Save draft" (both created the page; one failed on the
    slug with a 500): the forms editors write in carry no autosave."""
    for url in (
        reverse("wagtailadmin_pages:add", args=["projects", "eventreportpage", project.pk]),
        reverse("wagtailadmin_pages:edit", args=[project.pk]),
    ):
        form = admin_client.get(url).content.decode()

        assert "data-edit-form" in form
        assert "w-autosave#save" not in form


def test_a_draft_without_a_city_is_saved_and_says_at_once_what_publishing_needs(admin_client, project):
    response = admin_client.post(
        add_url(EventReportPage, project), page_post("eventreportpage", report_fields(city="", event_kind=""))
    )

    report = EventReportPage.objects.get(slug="sesja-dialogowa")
    assert response.status_code == 302 and not report.live
    warnings = [str(message) for message in get_messages(response.wsgi_request)]
    assert "To publish, fill in: Kind of event, City." in warnings
    editor = admin_client.get(edit_url(report))
    assert "To publish, fill in: Kind of event, City." in editor.content.decode()

    response = admin_client.post(
        edit_url(report), page_post("eventreportpage", report_fields(city="", **{"action-publish": "publish"}))
    )
    assert response.status_code == 200 and "This field is required." in form_errors(response.context["form"])["city"]
