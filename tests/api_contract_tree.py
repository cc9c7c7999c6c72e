"""A published tree with every block, inline row and endpoint shape, from named objects with stable values."""

import datetime
from dataclasses import dataclass

import wagtail_factories
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from projects.models import (
    EventKind,
    EventReportPage,
    FundingProgramPage,
    Office,
    Organisation,
    Person,
    ProjectFunding,
    ProjectPage,
    ProjectPartner,
    ProjectStatus,
    ReportGoal,
    ReportModerator,
    ReportOrganiser,
    ReportOutcome,
    ReportParticipant,
)
from projects.renditions import RESPONSIVE_FILTERS

from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)


@dataclass
class ContractTree:
    program: FundingProgramPage
    program_en: FundingProgramPage
    project: ProjectPage
    report: EventReportPage
    organisation: Organisation
    person: Person
    office: Office
    photo: Image


def _story(photo: Image, person: Person, office: Office, link: Page) -> list[dict]:
    """One block of every kind the body of a report offers, quotes both ways."""
    return [
        {"type": "heading", "value": {"text": "Przebieg spotkania", "level": "h2"}},
        {"type": "paragraph", "value": f'<p>Spotkanie w ramach <a linktype="page" id="{link.pk}">projektu</a>.</p>'},
        {
            "type": "image",
            "value": {"image": photo.pk, "alt_text": "Sala", "caption": "Sala sesyjna", "credit": "fot. A"},
        },
        {
            "type": "quote",
            "value": {"text": "Sieciowanie to współpraca.", "person": person.pk, "attribution": "", "role": ""},
        },
        {
            "type": "quote",
            "value": {
                "text": "Warto było przyjść.",
                "person": None,
                "attribution": "Uczestniczka",
                "role": "mieszkanka",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Zdjęcia",
                "images": [{"image": photo.pk, "alt_text": "", "caption": f"Ujęcie {n}", "credit": ""} for n in (1, 2)],
            },
        },
        {"type": "list", "value": {"style": "numbers", "items": ["Powitanie", "Dyskusja"]}},
        {"type": "staff_contact", "value": {"person": person.pk, "note": "Zapisy"}},
        {"type": "office", "value": {"office": office.pk}},
    ]


def _contacts(person: Person, office: Office, note: str | None = "") -> list[dict]:
    return [
        {"type": "staff_contact", "value": {"person": person.pk, "note": note}},
        {"type": "office", "value": {"office": office.pk}},
        {"type": "contact_line", "value": {"label": "Zapisy", "phone": "501 144 678", "email": "zapisy@example.org"}},
    ]


def build_contract_tree(site_tree, django_capture_on_commit_callbacks) -> ContractTree:
    organisation = OrganisationFactory(
        name="Wielkopolski Ośrodek Ekonomii Społecznej",
        acronym="WOES",
        city="Poznań",
        website="https://woes.example.org/",
    )
    unit = OrganisationFactory(name="Biuro w Koninie", acronym="", city="Konin", parent=organisation)
    person = PersonFactory(
        name="Anna Giżycka", email="anna@example.org", organisation=organisation, internal_notes="prywatne"
    )
    moderator = PersonFactory(name="Jarosław Wypyszyński", email="jw@example.org", show_phone=False, organisation=unit)
    office = OfficeFactory(
        organisation=organisation, name="Konin", city="Konin", phone="63 245 58 29", office_hours="pon.-pt. 8:00-16:00"
    )
    photo = wagtail_factories.ImageFactory(title="Sala sesyjna", description="Sala z uczestnikami")
    photo.create_renditions(*RESPONSIVE_FILTERS)
    wagtail_factories.DocumentFactory(title="Sprawozdanie")

    program = FundingProgramPageFactory(
        parent=site_tree.programs,
        title="Aktywni+",
        slug="aktywni",
        full_name="Program Wieloletni Aktywni+",
        funder=organisation,
        website="https://aktywni.example.org/",
        hero_image=photo,
    )
    project = ProjectPageFactory(
        parent=site_tree.projects,
        title="Sieciowanie",
        slug="sieciowanie",
        official_title="Sieciowanie organizacji seniorskich",
        lead_organisation=organisation,
        status=ProjectStatus.RUNNING,
        # Imported content may store an empty text as null; partners still get "".
        contacts=_contacts(person, office, note=None),
    )
    ProjectFunding.objects.create(page=project, program=program, currency="PLN", agreement_number="1/2021")
    ProjectPartner.objects.create(page=project, organisation=unit, role="partner")
    ProjectPartner.objects.create(page=project, name="Koło Gospodyń Wiejskich", role="współorganizator")
    project.body = [{"type": "paragraph", "value": "<p>Projekt łączy organizacje.</p>"}]
    project.save()
    report = EventReportPageFactory(
        parent=project,
        title="Sesja dialogowa w Gnieźnie",
        slug="sesja-dialogowa",
        summary="Spotkanie organizacji z powiatu.",
        event_kind=EventKind.DIALOGUE_SESSION,
        event_date=datetime.date(2016, 2, 26),
        event_end_date=datetime.date(2016, 2, 27),
        city="Gniezno",
        region="powiat gnieźnieński",
        venue="Sala sesyjna, Starostwo Powiatowe w Gnieźnie",
        hero_image=photo,
        hero_image_alt="Sala z uczestnikami",
        hero_image_caption="Sesja w sali sesyjnej starostwa",
        hero_image_credit="fot. Jan Kowalski",
        body=_story(photo, person, office, project),
        contacts=_contacts(person, office),
    )
    ReportOrganiser.objects.create(page=report, organisation=organisation, role="organizator")
    ReportParticipant.objects.create(page=report, organisation=unit)
    ReportParticipant.objects.create(page=report, name="PUP w Gnieźnie")
    ReportModerator.objects.create(page=report, person=moderator)
    ReportModerator.objects.create(page=report, name="Ewa Nowak")
    ReportGoal.objects.create(page=report, text="Budowanie relacji")
    ReportOutcome.objects.create(page=report, text="Wspólna wizja")

    english = Locale.objects.get_or_create(language_code="en")[0]
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.programs.copy_for_translation(english, copy_parents=True)
        program_en = program.copy_for_translation(english)
        program_en.title = "Active+"
        program_en.slug = "active"
        program_en.save_revision().publish()
        for page in program_en.get_ancestors().filter(live=False):
            page.specific.save_revision().publish()
    return ContractTree(program, program_en, project, report, organisation, person, office, photo)
