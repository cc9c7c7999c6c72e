"""Where each page type can be created in the tree, through Wagtail's own page test helpers."""

from django.test import override_settings
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text, streamfield

from home.models import HomePage
from projects.models import (
    EventReportIndexPage,
    EventReportPage,
    FundingProgramIndexPage,
    FundingProgramPage,
    ProjectIndexPage,
    ProjectPage,
)

from .admin_forms import page_post
from .factories import (
    EventReportIndexPageFactory,
    FundingProgramIndexPageFactory,
    HomePageFactory,
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)

ALL_PAGE_TYPES = {
    Page,
    HomePage,
    FundingProgramIndexPage,
    ProjectIndexPage,
    EventReportIndexPage,
    FundingProgramPage,
    ProjectPage,
    EventReportPage,
}
ALLOWED_PARENTS = {
    HomePage: {Page},
    FundingProgramIndexPage: {HomePage},
    ProjectIndexPage: {HomePage},
    EventReportIndexPage: {HomePage},
    FundingProgramPage: {FundingProgramIndexPage},
    ProjectPage: {ProjectIndexPage},
    EventReportPage: {ProjectPage, EventReportIndexPage},
}


class PageTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=cls.root, slug="kronika")
        cls.programs = FundingProgramIndexPageFactory(parent=cls.home, slug="programy")
        cls.projects = ProjectIndexPageFactory(parent=cls.home, slug="projekty")
        cls.reports = EventReportIndexPageFactory(parent=cls.home, slug="relacje")
        cls.project = ProjectPageFactory(parent=cls.projects, slug="projekt")

    def setUp(self) -> None:
        self.login()

    def test_each_page_type_has_exactly_its_parents(self) -> None:
        for child, parents in ALLOWED_PARENTS.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)

    def test_each_page_type_cannot_be_created_anywhere_else(self) -> None:
        for child, parents in ALLOWED_PARENTS.items():
            for parent in ALL_PAGE_TYPES - parents:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    self.assertCanNotCreateAt(parent, child)
            for parent in parents:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    self.assertCanCreateAt(parent, child)

    def test_subpages_of_each_page_type(self) -> None:
        self.assertAllowedSubpageTypes(HomePage, {FundingProgramIndexPage, ProjectIndexPage, EventReportIndexPage})
        self.assertAllowedSubpageTypes(FundingProgramIndexPage, {FundingProgramPage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})
        self.assertAllowedSubpageTypes(EventReportIndexPage, {EventReportPage})
        self.assertAllowedSubpageTypes(ProjectPage, {EventReportPage})
        self.assertAllowedSubpageTypes(FundingProgramPage, set())
        self.assertAllowedSubpageTypes(EventReportPage, set())

    def test_one_index_of_each_kind_per_home_page(self) -> None:
        for index in (FundingProgramIndexPage, ProjectIndexPage, EventReportIndexPage):
            with self.subTest(index=index.__name__):
                self.assertFalse(index.can_create_at(self.home))
                response = self.client.get(f"/admin/pages/add/projects/{index._meta.model_name}/{self.home.pk}/")
                self.assertEqual(response.status_code, 302)

    def test_a_second_home_page_can_hold_its_own_indexes(self) -> None:
        english_home = HomePageFactory(parent=self.root, slug="kronika-en")

        self.assertCanCreate(english_home, ProjectIndexPage, page_post("projectindexpage", {"title": "Projects"}))

    def test_home_page_is_created_under_the_root(self) -> None:
        self.assertCanCreate(self.root, HomePage, page_post("homepage", {"title": "Kronika EN", "slug": "kronika-en"}))

    def test_funding_program_is_created_under_its_index(self) -> None:
        data = page_post(
            "fundingprogrampage",
            {
                "title": "Aktywni+",
                "first_year": "2021",
                "last_year": "2025",
                "description": streamfield([("paragraph", rich_text("<p>Program wieloletni.</p>"))]),
            },
        )
        self.assertCanCreate(self.programs, FundingProgramPage, data)

    def test_project_is_created_under_the_project_index(self) -> None:
        lead = OrganisationFactory(name="Fundacja Bliżej Pasji")
        data = page_post(
            "projectpage",
            {
                "title": "Śniadania seniorów",
                "lead_organisation": str(lead.pk),
                "start_date": "2021-01-01",
                "end_date": "2025-12-31",
                "body": streamfield([("paragraph", rich_text("<p>Spotkania sieciujące.</p>"))]),
                "contacts": streamfield([("contact_line", {"label": "", "phone": "501 144 678", "email": ""})]),
            },
            funding=[{"program": "", "amount": "12000.00", "currency": "PLN", "agreement_number": "A/1"}],
        )
        self.assertCanCreate(self.projects, ProjectPage, data)

    def test_event_report_is_created_under_its_project(self) -> None:
        data = page_post(
            "eventreportpage",
            {
                "title": "Sesja dialogowa w Gnieźnie",
                "event_kind": "dialogue_session",
                "event_date": "2023-02-26",
                "city": "Gniezno",
                "body": streamfield([("paragraph", rich_text("<p>Relacja.</p>"))]),
                "contacts": streamfield([]),
            },
            goals=[{"text": "Wymiana doświadczeń"}],
            participants=[{"organisation": "", "name": "MOPS Gniezno"}],
        )
        self.assertCanCreate(self.project, EventReportPage, data)

    @override_settings(KRONIKA_INDEX_PARENT_PAGE_TYPES=["wagtailcore.Page"])
    def test_the_site_chooses_where_indexes_go(self) -> None:
        self.assertAllowedParentPageTypes(ProjectIndexPage, {Page})
