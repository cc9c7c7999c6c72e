"""Builders of realistic report trees for the API tests."""

import datetime

import wagtail_factories
from wagtail.models import Page

from projects.models import (
    EventReportPage,
    ProjectFunding,
    ReportGoal,
    ReportModerator,
    ReportOrganiser,
    ReportOutcome,
    ReportParticipant,
)

from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)


def rich_body(image_ids: list[int], person_id: int, office_id: int, link_page: Page | None = None) -> list[dict]:
    link = f'<a linktype="page" id="{link_page.pk}">projekt</a>' if link_page else "projekt"
    return [
        {"type": "paragraph", "value": f"<p>Spotkanie w ramach {link}.</p>"},
        {
            "type": "image",
            "value": {"image": image_ids[0], "alt_text": "Sala", "caption": "Sala sesyjna", "credit": "fot. A"},
        },
        {
            "type": "quote",
            "value": {"text": "Sieciowanie to współpraca.", "person": person_id, "attribution": "", "role": ""},
        },
        {
            "type": "gallery",
            "value": {
                "title": "Zdjęcia",
                "images": [{"image": i, "alt_text": "", "caption": "", "credit": ""} for i in image_ids],
            },
        },
        {"type": "staff_contact", "value": {"person": person_id, "note": "Zapisy"}},
        {"type": "office", "value": {"office": office_id}},
    ]


def rich_contacts(person_id: int, office_id: int) -> list[dict]:
    return [
        {"type": "staff_contact", "value": {"person": person_id, "note": ""}},
        {"type": "office", "value": {"office": office_id}},
        {"type": "contact_line", "value": {"label": "Zapisy", "phone": "501 144 678", "email": ""}},
    ]


def build_reports(site_tree, count: int, *, images: int = 2) -> list[EventReportPage]:
    """`count` published reports with every kind of block, inline row and chosen snippet."""
    organisation = OrganisationFactory(name="Wielkopolski Ośrodek Ekonomii Społecznej", acronym="WOES", city="Poznań")
    person = PersonFactory(name="Anna Giżycka", organisation=organisation, internal_notes="prywatne")
    moderator = PersonFactory(name="Jarosław Wypyszyński", organisation=organisation)
    office = OfficeFactory(organisation=organisation, name="Konin", city="Konin", phone="63 245 58 29")
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Aktywni+", slug="aktywni")
    project = ProjectPageFactory(
        parent=site_tree.projects, title="Sieciowanie", slug="sieciowanie", lead_organisation=organisation
    )
    ProjectFunding.objects.create(page=project, program=program, currency="PLN")
    image_objects = [wagtail_factories.ImageFactory(title=f"Zdjęcie {n}") for n in range(images)]
    reports = []
    for n in range(count):
        report = EventReportPageFactory(
            parent=project,
            slug=f"relacja-{n}",
            title=f"Sesja dialogowa w Gnieźnie {n}",
            city="Gniezno",
            region="powiat gnieźnieński",
            event_date=datetime.date(2016, 2, 26) + datetime.timedelta(days=n),
            hero_image=image_objects[0],
            body=rich_body([i.pk for i in image_objects], person.pk, office.pk, link_page=project),
            contacts=rich_contacts(person.pk, office.pk),
        )
        ReportOrganiser.objects.create(page=report, organisation=organisation, role="organizator")
        ReportParticipant.objects.create(page=report, organisation=OrganisationFactory(name=f"MOPS {n}"))
        ReportParticipant.objects.create(page=report, name="PUP w Gnieźnie")
        ReportModerator.objects.create(page=report, person=moderator)
        ReportGoal.objects.create(page=report, text="Budowanie relacji")
        ReportOutcome.objects.create(page=report, text="Wspólna wizja")
        reports.append(report)
    return reports
