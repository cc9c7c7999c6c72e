from dataclasses import dataclass

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from projects.models import EventReportIndexPage, FundingProgramIndexPage, ProjectIndexPage

from .factories import (
    EventReportIndexPageFactory,
    FundingProgramIndexPageFactory,
    HomePageFactory,
    ProjectIndexPageFactory,
)


@dataclass
class SiteTree:
    home: HomePage
    programs: FundingProgramIndexPage
    projects: ProjectIndexPage
    reports: EventReportIndexPage


@pytest.fixture
def site_tree(db) -> SiteTree:
    """A Polish home page as the default site's root, with the three index pages below it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Kronika", slug="kronika")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return SiteTree(
        home=home,
        programs=FundingProgramIndexPageFactory(parent=home, slug="programy"),
        projects=ProjectIndexPageFactory(parent=home, slug="projekty"),
        reports=EventReportIndexPageFactory(parent=home, slug="relacje"),
    )


@pytest.fixture
def admin_client(client, django_user_model):
    """A client logged in as a superuser of the Wagtail admin."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(user)
    return client


@pytest.fixture
def english(db) -> Locale:
    """The English locale, created from the configured languages at migrate time."""
    return Locale.objects.get(language_code="en")


@pytest.fixture
def fake_translator(settings):
    """Machine translation through tests.fake_translator.FakeTranslator, never the network."""
    from .fake_translator import FakeTranslator

    FakeTranslator.calls = []
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "tests.fake_translator.FakeTranslator", "OPTIONS": {}}
    return FakeTranslator
