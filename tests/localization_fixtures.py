"""Content with every translatable and synchronised field filled, for the translation tests."""

import datetime
from decimal import Decimal

import wagtail_factories
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, TranslationSource

from projects.localization.machine import translate_object
from projects.models import (
    ProjectCoordinator,
    ProjectFunding,
    ProjectPartner,
    ProjectSourceNote,
    ReportGoal,
    ReportModerator,
    ReportOrganiser,
    ReportOutcome,
    ReportParticipant,
    ReportSourceNote,
)

from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)

HERO_IMAGE_WORDS = {
    "hero_image_alt": "Uczestnicy przy stole",
    "hero_image_caption": "Sesja w sali",
    "hero_image_credit": "fot. Jan Kowalski",
}


def story(image, person, office) -> list[tuple[str, object]]:
    """One block of every kind in the story StreamField, every child filled."""
    photo = {"image": image, "alt_text": "Sala pełna ludzi", "caption": "Sala sesyjna", "credit": "fot. Jan Kowalski"}
    return [
        ("paragraph", RichText('<p>Tekst <a href="https://example.org/">link</a></p>')),
        ("heading", {"text": "Cele", "level": "h2"}),
        ("quote", {"text": "Dialog to podstawa.", "person": person, "attribution": "", "role": "moderatorka"}),
        ("quote", {"text": "Było warto.", "person": None, "attribution": "Jan Nowak", "role": "uczestnik"}),
        ("image", photo),
        ("gallery", {"title": "Galeria", "images": [photo, photo]}),
        ("list", {"style": "bullets", "items": ["Pierwszy cel", "Drugi cel"]}),
        ("staff_contact", {"person": person, "note": "Zapisy"}),
        ("office", {"office": office}),
    ]


def contacts(person, office) -> list[tuple[str, object]]:
    return [
        ("staff_contact", {"person": person, "note": "Pytania o projekt"}),
        ("office", {"office": office}),
        ("contact_line", {"label": "Zapisy i informacje", "phone": "501 144 678", "email": "biuro@example.org"}),
    ]


def filled_snippets() -> dict:
    parent = OrganisationFactory(name="Stowarzyszenie Na Rzecz Spółdzielni Socjalnych", acronym="SNRSS")
    organisation = OrganisationFactory(
        name="Wielkopolski Ośrodek Ekonomii Społecznej", acronym="WOES", website="https://woes.pl/", parent=parent
    )
    person = PersonFactory(
        name="Anna Giżycka",
        role="Animatorka",
        department="Dział animacji i partnerstw lokalnych",
        organisation=organisation,
        internal_notes="Tylko dla zespołu",
    )
    office = OfficeFactory(organisation=organisation, name="Biuro w Koninie", office_hours="8:00-16:00")
    return {"parent": parent, "organisation": organisation, "person": person, "office": office}


def filled_program(parent, snippets):
    return FundingProgramPageFactory(
        parent=parent,
        title="Aktywni+",
        slug="aktywni",
        summary="Program wieloletni.",
        full_name="Program wieloletni na rzecz osób starszych",
        funder=snippets["organisation"],
        website="https://example.gov.pl/",
        hero_image=wagtail_factories.ImageFactory(),
        **HERO_IMAGE_WORDS,
        description=story(wagtail_factories.ImageFactory(), snippets["person"], snippets["office"]),
    )


def filled_project(parent, snippets, program):
    project = ProjectPageFactory(
        parent=parent,
        title="Sieciowanie",
        slug="sieciowanie",
        summary="Projekt o sieciowaniu.",
        official_title="Sieć senioralna",
        lead_organisation=snippets["organisation"],
        status="running",
        hero_image=wagtail_factories.ImageFactory(),
        **HERO_IMAGE_WORDS,
        body=story(wagtail_factories.ImageFactory(), snippets["person"], snippets["office"]),
        contacts=contacts(snippets["person"], snippets["office"]),
    )
    project.funding.add(
        ProjectFunding(program=program, amount=Decimal("1000.00"), currency="PLN", agreement_number="1/2023")
    )
    project.partners.add(ProjectPartner(name="Caritas Archidiecezji Gnieźnieńskiej", role="partner"))
    project.coordinators.add(ProjectCoordinator(person=snippets["person"]))
    project.coordinators.add(ProjectCoordinator(name="Monika Dominik"))
    project.source_notes.add(ProjectSourceNote(kind="missing", note="Brak tytułu"))
    project.save_revision().publish()
    return project


def filled_report(project, snippets):
    report = EventReportPageFactory(
        parent=project,
        title="Sesja dialogowa w Gnieźnie",
        slug="sesja-dialogowa",
        summary="Relacja z sesji.",
        event_kind="dialogue_session",
        event_date=datetime.date(2016, 2, 26),
        event_end_date=datetime.date(2016, 2, 27),
        city="Gniezno",
        region="powiat gnieźnieński",
        venue="Sala sesyjna",
        hero_image=wagtail_factories.ImageFactory(),
        **HERO_IMAGE_WORDS,
        body=story(wagtail_factories.ImageFactory(), snippets["person"], snippets["office"]),
        contacts=contacts(snippets["person"], snippets["office"]),
    )
    report.organisers.add(ReportOrganiser(organisation=snippets["organisation"], role="organizator"))
    report.moderators.add(ReportModerator(person=snippets["person"]))
    report.moderators.add(ReportModerator(name="Jarosław Wypyszyński"))
    report.participants.add(ReportParticipant(name="MOPS Gniezno"))
    report.participants.add(ReportParticipant(organisation=snippets["parent"]))
    report.goals.add(ReportGoal(text="Budowanie relacji"))
    report.outcomes.add(ReportOutcome(text="Wspólna wizja"))
    report.source_notes.add(ReportSourceNote(kind="check", note="Sprawdzić datę"))
    report.save_revision().publish()
    return report


def translate_everything(instance, locale) -> None:
    """Submit for translation and give every string a human translation."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"},
        )
    translate_object(instance, locale)
