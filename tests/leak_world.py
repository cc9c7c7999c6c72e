"""The content the leak suite (tests/test_leaks.py) guards: everything that must not leak, each with its own marker.

A marker is a string that appears only in one private thing (its title, name, file name, text), so finding
it in an answer names what leaked. A public report uses most of the private things, so every surface that
shows the report is tempted to inline them.
"""

import datetime
from dataclasses import dataclass, field
from io import StringIO

import wagtail_factories
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from projects.models import ProjectCoordinator, ProjectSourceNote, ReportModerator, ReportSourceNote
from projects.renditions import generate_responsive_renditions

from .factories import (
    EventReportIndexPageFactory,
    EventReportPageFactory,
    FundingProgramIndexPageFactory,
    HomePageFactory,
    PersonFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)

# name -> the strings that betray it (a phone is found as written and in E.164 form).
MARKERS: dict[str, tuple[str, ...]] = {
    "draft revision": ("lkdraftrev",),
    "never published page": ("lknever",),
    "unpublished page": ("lkunpub",),
    "scheduled page": ("lksched",),
    "password page": ("lkpwdpage",),
    "password page's child": ("lkpwdchild",),
    "login page": ("lkloginpage",),
    "login page's child": ("lkloginchild",),
    "group page": ("lkgrouppage",),
    "group page's child": ("lkgroupchild",),
    "private image": ("lkprivimg",),
    "private document": ("lkprivdoc",),
    "private document's text": ("lkdoctext",),
    "hidden person": ("lkhiddenperson",),
    "hidden e-mail": ("lkhiddenmail",),
    "hidden phone": ("612 345 987", "612345987"),
    "internal notes": ("lkinternal",),
    "source note": ("lksourcenote",),
}
# The text every private page title shares, to search for without sending a marker itself.
SECRET_WORD = "sekret"
REPORT = "projects.EventReportPage"
PROJECT = "projects.ProjectPage"
PASSWORD = "haslo-do-strony"


def marked(name: str, text: str = SECRET_WORD) -> str:
    return f"{text} {MARKERS[name][0]}"


@dataclass
class World:
    """What test_leaks walks: the site's pages, the private things and who may see which."""

    site_pages: list[Page]
    public_report: Page
    secret_pages: dict[str, Page]
    images: list
    documents: list
    people: list
    password_restriction: PageViewRestriction
    member: User
    # (endpoint, id) of objects partners must never learn of, with the marker that names them.
    secret_ids: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def pages(self) -> list[Page]:
        return [*self.site_pages, self.public_report, *self.secret_pages.values()]


def _published(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _restricted(page: Page, restriction_type: str, **kwargs) -> PageViewRestriction:
    return PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **kwargs)


def _secret_subtree(
    parent: Page, slug: str, page_marker: str, child_marker: str, restrict
) -> tuple[Page, Page, object]:
    """A project and its report, drafts restricted before they are published, as an editor would do it."""
    project = ProjectPageFactory(parent=parent, slug=slug, title=marked(page_marker), live=False)
    report = EventReportPageFactory(parent=project, slug=f"{slug}-relacja", title=marked(child_marker), live=False)
    restriction = restrict(project)
    return _published(project), _published(report), restriction


def build_world() -> World:
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Kronika", slug="kronika")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    programs = FundingProgramIndexPageFactory(parent=home, slug="programy")
    projects = ProjectIndexPageFactory(parent=home, slug="projekty")
    reports = EventReportIndexPageFactory(parent=home, slug="relacje")

    team = Group.objects.create(name="Zespół")
    board = Group.objects.create(name="Zarząd")
    member = User.objects.create_user("czlonek", "czlonek@example.org", "haslo")
    member.groups.add(team)

    private_collection = Collection.get_first_root_node().add_child(name="Tylko zarząd")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.GROUPS
    ).groups.add(board)
    private_image = wagtail_factories.ImageFactory(
        title=marked("private image"),
        collection=private_collection,
        file__filename=f"{MARKERS['private image'][0]}.jpg",
    )
    public_image = wagtail_factories.ImageFactory(title="Jawne zdjęcie", file__filename="jawne.jpg")
    for image in (private_image, public_image):
        generate_responsive_renditions.enqueue(image.pk)
    private_document = wagtail_factories.DocumentFactory(
        title=marked("private document"),
        collection=private_collection,
        file__filename=f"{MARKERS['private document'][0]}.txt",
        file__data=("Umowa: " + MARKERS["private document's text"][0]).encode(),
    )
    public_document = wagtail_factories.DocumentFactory(title="Regulamin", file__filename="regulamin.txt")

    hidden_person = PersonFactory(
        name=f"Ukryta {MARKERS['hidden person'][0]}",
        role=f"rola {MARKERS['hidden person'][0]}",
        email=f"{MARKERS['hidden person'][0]}@example.org",
        is_public=False,
        internal_notes=marked("internal notes"),
    )
    public_person = PersonFactory(
        name="Jawna Osoba",
        email=f"{MARKERS['hidden e-mail'][0]}@example.org",
        show_email=False,
        phone="+48 612 345 987",
        show_phone=False,
        internal_notes=marked("internal notes"),
    )

    public_project = ProjectPageFactory(parent=projects, slug="jawny", title="Jawny projekt", hero_image=private_image)
    ProjectCoordinator.objects.create(page=public_project, person=hidden_person)
    ProjectSourceNote.objects.create(page=public_project, kind="check", note=marked("source note"))
    public_project = _published(public_project)
    paragraph = (
        f'<p>Zobacz <a linktype="document" id="{private_document.pk}">umowę</a> i '
        f'<a linktype="document" id="{public_document.pk}">regulamin</a>.</p>'
    )
    public_report = EventReportPageFactory(
        parent=public_project,
        slug="jawna-relacja",
        title="Jawna relacja",
        city="Gniezno",
        hero_image=private_image,
        body=[
            {"type": "paragraph", "value": paragraph},
            {"type": "image", "value": {"image": private_image.pk, "alt_text": "", "caption": "", "credit": ""}},
            {
                "type": "gallery",
                "value": {
                    "title": "Galeria",
                    "images": [
                        {"image": image.pk, "alt_text": "", "caption": "", "credit": ""}
                        for image in (private_image, public_image)
                    ],
                },
            },
            {"type": "quote", "value": {"text": "Cytat.", "person": hidden_person.pk, "attribution": "", "role": ""}},
            {"type": "staff_contact", "value": {"person": hidden_person.pk, "note": ""}},
            {"type": "staff_contact", "value": {"person": public_person.pk, "note": "Zapisy"}},
        ],
        contacts=[{"type": "staff_contact", "value": {"person": public_person.pk, "note": ""}}],
    )
    ReportModerator.objects.create(page=public_report, person=hidden_person)
    ReportSourceNote.objects.create(page=public_report, kind="missing", note=marked("source note"))
    public_report = _published(public_report)
    public_report.title = marked("draft revision")
    public_report.summary = marked("draft revision")
    public_report.save_revision()

    never = EventReportPageFactory(
        parent=public_project, slug="nigdy", title=marked("never published page"), live=False
    )
    never.save_revision()
    unpublished = _published(
        EventReportPageFactory(parent=public_project, slug="wycofana", title=marked("unpublished page"))
    )
    unpublished.unpublish()
    scheduled = EventReportPageFactory(
        parent=reports,
        slug="zaplanowana",
        title=marked("scheduled page"),
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=30),
    )
    scheduled.save_revision().publish()

    password_project, password_report, password_restriction = _secret_subtree(
        projects,
        "chroniony",
        "password page",
        "password page's child",
        lambda page: _restricted(page, PageViewRestriction.PASSWORD, password=PASSWORD),
    )
    login_project, login_report, _ = _secret_subtree(
        projects,
        "dla-zalogowanych",
        "login page",
        "login page's child",
        lambda page: _restricted(page, PageViewRestriction.LOGIN),
    )

    def restrict_to_team(page: Page) -> PageViewRestriction:
        restriction = _restricted(page, PageViewRestriction.GROUPS)
        restriction.groups.add(team)
        return restriction

    group_project, group_report, _ = _secret_subtree(
        projects, "dla-zespolu", "group page", "group page's child", restrict_to_team
    )

    secret_pages = {
        "never published page": never,
        "unpublished page": unpublished,
        "scheduled page": scheduled,
        "password page": password_project,
        "password page's child": password_report,
        "login page": login_project,
        "login page's child": login_report,
        "group page": group_project,
        "group page's child": group_report,
    }
    # Partners were told about the unpublished page while it was public: its removal is what they must learn.
    secret_ids = {("pages", page.pk): name for name, page in secret_pages.items() if name != "unpublished page"}
    secret_ids[("images", private_image.pk)] = "private image"
    secret_ids[("documents", private_document.pk)] = "private document"
    secret_ids[("people", hidden_person.pk)] = "hidden person"

    call_command("rebuild_api_snapshots", stdout=StringIO())
    return World(
        site_pages=[home, programs, projects, reports, public_project],
        public_report=public_report,
        secret_pages=secret_pages,
        images=list(get_image_model().objects.all()),
        documents=[private_document, public_document],
        people=[hidden_person, public_person],
        password_restriction=password_restriction,
        member=member,
        secret_ids=secret_ids,
    )
