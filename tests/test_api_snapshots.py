import json
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction

from projects.models import (
    FundingProgramPage,
    Office,
    Organisation,
    PageAPISnapshot,
    Person,
    ProjectFunding,
    ReportParticipant,
)
from projects.renditions import RESPONSIVE_SPECS, generate_responsive_renditions

from .api_fixtures import build_reports
from .factories import EventReportPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

LISTING = {"type": "projects.EventReportPage", "fields": "*"}


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Every answer here comes from the view, so what it shows is what the snapshots (or their absence) give."""
    settings.KRONIKA_API_CACHE_SECONDS = 0


def rebuild_all() -> str:
    out = StringIO()
    call_command("rebuild_api_snapshots", stdout=out)
    return out.getvalue()


def answers(client, report) -> list[bytes]:
    """The report's detail, a listing of reports with every field, and the default listing."""
    responses = [
        client.get(f"/api/v2/pages/{report.pk}/"),
        client.get("/api/v2/pages/", LISTING),
        client.get("/api/v2/pages/", {"type": "projects.EventReportPage"}),
    ]
    return [response.content for response in responses]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "projects.EventReportPage", "fields": "*"},
        {"type": "projects.EventReportPage", "fields": "title,body,project,-html_url"},
        {"type": "projects.EventReportPage"},
        {"type": "projects.ProjectPage", "fields": "*"},
        {"type": "projects.FundingProgramPage", "fields": "*"},
        {"fields": "*", "limit": 50},
        {"type": "projects.EventReportPage", "fields": "*", "locale": "en", "fallback": "true"},
    ],
    ids=["reports", "some-fields", "default-fields", "projects", "programs", "all-pages", "fallback"],
)
def test_a_listing_from_snapshots_is_byte_for_byte_the_listing_built_live(client, site_tree, params):
    Locale.objects.get_or_create(language_code="en")
    build_reports(site_tree, 3)
    live = client.get("/api/v2/pages/", params)

    rebuild_all()
    stored = client.get("/api/v2/pages/", params)

    assert live.status_code == stored.status_code == 200
    assert stored.content == live.content


def test_inline_rows_sharing_a_sort_order_come_in_the_order_they_were_made(client, site_tree):
    """Rows made by a script have no sort_order; PostgreSQL would return them in any order, changing the ETag."""
    report = build_reports(site_tree, 1)[0]
    made = list(report.participants.order_by("pk").values_list("pk", flat=True))
    ReportParticipant.objects.filter(page=report).update(sort_order=0)
    live = client.get(f"/api/v2/pages/{report.pk}/")

    rebuild_all()
    stored = client.get(f"/api/v2/pages/{report.pk}/")

    assert [row["id"] for row in live.json()["participants"]] == made
    assert stored.content == live.content
    assert str(report.participants.all().query).endswith(
        'ORDER BY "projects_reportparticipant"."sort_order" ASC, "projects_reportparticipant"."id" ASC'
    )


def test_every_detail_from_its_snapshot_is_byte_for_byte_the_detail_built_live(client, site_tree):
    build_reports(site_tree, 2)
    pages = Page.objects.live().descendant_of(site_tree.home, inclusive=True)
    live = {page.pk: client.get(f"/api/v2/pages/{page.pk}/").content for page in pages}

    rebuild_all()

    assert PageAPISnapshot.objects.count() == len(live)
    assert {page.pk: client.get(f"/api/v2/pages/{page.pk}/").content for page in pages} == live


def test_a_snapshot_of_a_site_served_over_https_links_its_pages_over_https(client, site_tree):
    site = site_tree.home.get_site()
    site.port = 443
    site.save()
    build_reports(site_tree, 1)
    report = Page.objects.live().type(EventReportPageFactory._meta.model).first()
    over_https = {"secure": True, "HTTP_HOST": site.hostname}
    live = client.get(f"/api/v2/pages/{report.pk}/", **over_https).content

    rebuild_all()

    assert b'"detail_url":"https://' in PageAPISnapshot.objects.get(page=report).representation.encode()
    assert client.get(f"/api/v2/pages/{report.pk}/", **over_https).content == live


def test_requests_a_snapshot_cannot_answer_are_built_live(client, site_tree):
    report = build_reports(site_tree, 1)[0]
    rebuild_all()
    snapshot = PageAPISnapshot.objects.get(page=report)
    snapshot.representation = snapshot.representation.replace(report.title, "STORED")
    snapshot.save()

    for params in ({"rich_text_format": "db_html"}, {"fields": "organisers(role)"}):
        assert b"STORED" not in client.get(f"/api/v2/pages/{report.pk}/", params).content
    assert b"STORED" in client.get(f"/api/v2/pages/{report.pk}/", {"fields": "title"}).content


def test_a_page_is_answered_wholly_from_its_snapshot_or_wholly_live(client, site_tree):
    """A snapshot missing a field asked for does not lend the page its other fields: the page is built live."""
    complete, incomplete = build_reports(site_tree, 2)
    rebuild_all()
    for report in (complete, incomplete):
        snapshot = PageAPISnapshot.objects.get(page=report)
        representation = json.loads(snapshot.representation.replace(report.title, "STORED"))
        if report is incomplete:
            del representation["participants"]
        snapshot.representation = json.dumps(representation)
        snapshot.save()

    def titles(fields: str) -> dict[int, str]:
        listing = client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": fields})
        return {item["id"]: item["title"] for item in listing.json()["items"]}

    assert titles("title,participants") == {complete.pk: "STORED", incomplete.pk: incomplete.title}
    assert titles("title") == {complete.pk: "STORED", incomplete.pk: "STORED"}


def test_a_snapshot_built_from_an_older_revision_is_not_served(client, site_tree):
    report = build_reports(site_tree, 1)[0]
    rebuild_all()
    snapshot = PageAPISnapshot.objects.get(page=report)
    snapshot.representation = snapshot.representation.replace(report.title, "STORED")
    snapshot.live_revision_pk = 10**9
    snapshot.save()

    assert b"STORED" not in client.get(f"/api/v2/pages/{report.pk}/").content


@dataclass
class Change:
    """Something an editor does, and how the report's answers must show it."""

    apply: Callable[[Page], None]
    shows: Callable[[dict], bool]
    before: Callable[[Page], None] = lambda report: None


def _person(name: str) -> Person:
    return Person.objects.get(name=name)


def _hide(name: str) -> None:
    person = _person(name)
    person.is_public = False
    person.save()


def _show(name: str) -> None:
    person = _person(name)
    person.is_public = True
    person.save()


def _update(model, lookup: dict, **values) -> None:
    instance = model.objects.get(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


def _program() -> FundingProgramPage:
    return ProjectFunding.objects.get().program


def _publish_project_titled(report, title: str) -> None:
    project = report.get_parent().specific
    project.title = title
    project.save_revision().publish()


def _move_to_new_project(report) -> None:
    other = ProjectPageFactory(parent=report.get_parent().get_parent(), title="Inny projekt", slug="inny")
    report.move(other, pos="last-child")


def _restrict(page: Page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def _texts(data: dict) -> str:
    return str(data)


CHANGES = {
    "person made non-public": Change(
        apply=lambda report: _hide("Anna Giżycka"), shows=lambda data: "Anna Giżycka" not in _texts(data)
    ),
    "moderator made public again": Change(
        before=lambda report: _hide("Jarosław Wypyszyński"),
        apply=lambda report: _show("Jarosław Wypyszyński"),
        shows=lambda data: [row["public_name"] for row in data["moderators"]] == ["Jarosław Wypyszyński"],
    ),
    "person's phone changed": Change(
        apply=lambda report: _update(Person, {"name": "Anna Giżycka"}, phone="61 111 22 33"),
        shows=lambda data: "+48611112233" in _texts(data),
    ),
    "person's e-mail hidden": Change(
        apply=lambda report: _update(Person, {"name": "Anna Giżycka"}, show_email=False),
        shows=lambda data: _person("Anna Giżycka").email not in _texts(data),
    ),
    "organisation renamed": Change(
        apply=lambda report: _update(Organisation, {"acronym": "WOES"}, acronym="WOES-2"),
        shows=lambda data: data["organisers"][0]["organisation"]["acronym"] == "WOES-2",
    ),
    "office's phone changed": Change(
        apply=lambda report: _update(Office, {"name": "Konin"}, phone="63 000 11 22"),
        shows=lambda data: "+48630001122" in _texts(data),
    ),
    "image retitled": Change(
        apply=lambda report: _update(get_image_model(), {"title": "Zdjęcie 0"}, title="Sala sesyjna, widok"),
        shows=lambda data: data["hero_image"]["title"] == "Sala sesyjna, widok",
    ),
    "image deleted": Change(
        apply=lambda report: get_image_model().objects.get(title="Zdjęcie 0").delete(),
        shows=lambda data: data["hero_image"] is None,
    ),
    "project published with a new title": Change(
        apply=lambda report: _publish_project_titled(report, "Sieciowanie 2.0"),
        shows=lambda data: data["project"]["title"] == "Sieciowanie 2.0",
    ),
    "project unpublished": Change(
        apply=lambda report: report.get_parent().specific.unpublish(),
        shows=lambda data: data["project"] is None and "/projekty/sieciowanie/" not in data["body"][0]["value"],
    ),
    "report moved to another project": Change(
        apply=_move_to_new_project,
        shows=lambda data: data["project"]["title"] == "Inny projekt" and "/inny/" in data["meta"]["html_url"],
    ),
    "projects index published with a new slug": Change(
        apply=lambda report: _publish_index_with_slug(report, "projekty-2"),
        shows=lambda data: "/projekty-2/sieciowanie/" in data["meta"]["html_url"],
    ),
    "program unpublished": Change(
        apply=lambda report: _program().unpublish(), shows=lambda data: data["programs"] == []
    ),
    "program restricted": Change(apply=lambda report: _restrict(_program()), shows=lambda data: data["programs"] == []),
    "program published with a new title": Change(
        apply=lambda report: _publish_program_titled("Aktywni+ 2"),
        shows=lambda data: data["programs"][0]["title"] == "Aktywni+ 2",
    ),
}


def _publish_index_with_slug(report, slug: str) -> None:
    index = report.get_parent().get_parent().specific
    index.slug = slug
    index.save_revision().publish()


def _publish_program_titled(title: str) -> None:
    program = _program()
    program.title = title
    program.save_revision().publish()


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_shows_in_the_very_next_answer_and_in_the_rebuilt_snapshot(
    client, site_tree, django_capture_on_commit_callbacks, change
):
    report = build_reports(site_tree, 1)[0]
    change.before(report)
    rebuild_all()
    old = answers(client, report)
    assert not change.shows(client.get(f"/api/v2/pages/{report.pk}/").json())

    with django_capture_on_commit_callbacks() as rebuilds:
        change.apply(report)
    assert change.shows(client.get(f"/api/v2/pages/{report.pk}/").json())
    right_away = answers(client, report)
    assert right_away != old

    # Rebuilding may also run what the change started (renditions of a changed image): compare with live answers.
    for rebuild in rebuilds:
        rebuild()
    assert PageAPISnapshot.objects.filter(page=report).exists()
    rebuilt = answers(client, report)
    PageAPISnapshot.objects.all().delete()
    assert rebuilt == answers(client, report)
    assert change.shows(client.get(f"/api/v2/pages/{report.pk}/").json())


@pytest.mark.parametrize(
    "remove",
    [
        lambda report: report.unpublish(),
        lambda report: report.delete(),
        _restrict,
        lambda report: _restrict(report.get_parent()),
    ],
    ids=["unpublished", "deleted", "restricted", "parent restricted"],
)
def test_unpublishing_deleting_or_restricting_removes_the_page_and_its_snapshot(
    client, site_tree, django_capture_on_commit_callbacks, remove
):
    report, other = build_reports(site_tree, 2)
    rebuild_all()

    with django_capture_on_commit_callbacks(execute=True):
        remove(report)

    assert not PageAPISnapshot.objects.filter(page_id=report.pk).exists()
    assert client.get(f"/api/v2/pages/{report.pk}/").status_code == 404
    listed = [item["id"] for item in client.get("/api/v2/pages/", LISTING).json()["items"]]
    assert report.pk not in listed


def test_publishing_builds_the_snapshot_from_the_live_page_and_drafts_never_do(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = build_reports(site_tree, 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    assert PageAPISnapshot.objects.get(page=report).is_current_for(Page.objects.get(pk=report.pk))

    with django_capture_on_commit_callbacks(execute=True):
        report.title = "Szkic, jeszcze nie do publikacji"
        report.save_revision()
        draft_only = EventReportPageFactory(parent=report.get_parent(), slug="szkic", live=False)
        draft_only.save_revision()

    assert b"Szkic" not in PageAPISnapshot.objects.get(page=report).representation.encode()
    assert not PageAPISnapshot.objects.filter(page=draft_only).exists()
    assert b"Szkic" not in client.get("/api/v2/pages/", LISTING).content


def test_rebuild_api_snapshots_is_idempotent_reports_progress_and_drops_pages_no_longer_live(site_tree):
    reports = build_reports(site_tree, 3)
    first = rebuild_all()
    stored = dict(PageAPISnapshot.objects.values_list("page_id", "representation"))
    Page.objects.filter(pk=reports[0].pk).update(live=False)

    second = rebuild_all()

    served = Page.objects.live().descendant_of(site_tree.home, inclusive=True).count()
    assert "live pages done" in first and f"Built {served + 1} API snapshots" in first
    assert f"Built {served} API snapshots" in second and "dropped 1 snapshots" in second
    del stored[reports[0].pk]
    assert dict(PageAPISnapshot.objects.values_list("page_id", "representation")) == stored


def test_renditions_made_after_a_snapshot_was_built_reach_it(client, site_tree, django_capture_on_commit_callbacks):
    report = build_reports(site_tree, 1, images=1)[0]
    rebuild_all()
    assert client.get(f"/api/v2/pages/{report.pk}/").json()["hero_image"]["renditions"] == []

    with django_capture_on_commit_callbacks(execute=True):
        generate_responsive_renditions.enqueue(report.hero_image_id)

    assert PageAPISnapshot.objects.filter(page=report).exists()
    hero_image = client.get(f"/api/v2/pages/{report.pk}/").json()["hero_image"]
    assert len(hero_image["renditions"]) == len(RESPONSIVE_SPECS)


def test_the_demo_loader_leaves_every_page_the_api_serves_with_its_snapshot(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0, stdout=StringIO())

    served = {item["id"] for item in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]}
    # Nine Polish pages and their nine English translations.
    assert len(served) == 18
    assert set(PageAPISnapshot.objects.values_list("page_id", flat=True)) == served
