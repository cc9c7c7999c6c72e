"""Factories for Kronika's pages and snippets; build trees from these, never from fixed ids."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage
from projects.models import (
    EventKind,
    EventReportIndexPage,
    EventReportPage,
    FundingProgramIndexPage,
    FundingProgramPage,
    Office,
    Organisation,
    Person,
    ProjectIndexPage,
    ProjectPage,
)


class LocaleDefault(factory.LazyFunction):
    def __init__(self) -> None:
        super().__init__(Locale.get_default)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fundacja Testowa {n}")
    city = "Poznań"
    locale = LocaleDefault()

    class Meta:
        model = Organisation


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Osoba {n}")
    role = "Koordynatorka projektu"
    email = factory.Sequence(lambda n: f"osoba{n}@example.org")
    phone = "61 887 11 66"
    office_hours = "8:00-16:00"
    organisation = factory.SubFactory(OrganisationFactory)
    locale = LocaleDefault()

    class Meta:
        model = Person


class OfficeFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    name = "Poznań"
    street_address = "ul. Górecka 115"
    postal_code = "61-475"
    city = "Poznań"
    phone = "61 887-11-66"
    email = "biuro@example.org"
    locale = LocaleDefault()

    class Meta:
        model = Office


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kronika"

    class Meta:
        model = HomePage


class FundingProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programy"

    class Meta:
        model = FundingProgramIndexPage


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projekty"

    class Meta:
        model = ProjectIndexPage


class EventReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Relacje"

    class Meta:
        model = EventReportIndexPage


class FundingProgramPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Program {n}")
    first_year = 2021
    last_year = 2025

    class Meta:
        model = FundingProgramPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    official_title = factory.SelfAttribute("title")
    start_date = datetime.date(2021, 1, 1)
    end_date = datetime.date(2025, 12, 31)
    lead_organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = ProjectPage


class EventReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Relacja {n}")
    event_kind = EventKind.WORKSHOP
    event_date = datetime.date(2023, 10, 25)
    city = "Biłgoraj"
    region = "powiat biłgorajski"

    class Meta:
        model = EventReportPage
