"""Delta sync: /api/v2/changes/ reports created, updated, unpublished and deleted ids."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from projects.models import ContentChange
from projects.read_models import Change, Kind, entry, record

from .factories import EventReportPageFactory, OfficeFactory, OrganisationFactory, PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

CHANGES_URL = "/api/v2/changes/"


def changes(client, **params) -> dict:
    response = client.get(CHANGES_URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def actions(payload: dict) -> list[tuple[str, str, int]]:
    return [(item["action"], item["endpoint"], item["id"]) for item in payload["items"]]


@pytest.fixture
def project(site_tree):
    return ProjectPageFactory(parent=site_tree.projects, slug="projekt")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_reports_an_unpublished_report_and_a_deleted_one(client, project):
    kept = publish(EventReportPageFactory(parent=project, slug="zostaje"))
    unpublished = publish(EventReportPageFactory(parent=project, slug="wycofana"))
    deleted = publish(EventReportPageFactory(parent=project, slug="usunieta"))
    cursor = changes(client)["meta"]["next_cursor"]

    publish(kept)
    unpublished.unpublish()
    deleted.delete()
    payload = changes(client, since=cursor)

    # Wagtail unpublishes a page as it deletes it, so partners may hear both.
    assert [change for change in actions(payload) if change != ("unpublished", "pages", deleted.pk)] == [
        ("updated", "pages", kept.pk),
        ("unpublished", "pages", unpublished.pk),
        ("deleted", "pages", deleted.pk),
    ]
    assert {item["type"] for item in payload["items"]} == {"projects.EventReportPage"}
    assert {item["locale"] for item in payload["items"]} == {"pl"}
    assert payload["items"][0]["detail_url"].endswith(f"/api/v2/pages/{kept.pk}/")
    assert payload["items"][1]["detail_url"] is None
    assert payload["meta"]["next_cursor"] == payload["items"][-1]["cursor"]


def test_first_publication_is_created_and_republication_after_unpublishing_too(client, project):
    report = EventReportPageFactory(parent=project, slug="relacja", live=False)
    publish(report)
    publish(report)
    report.unpublish()
    publish(report)

    assert [action for action, _, object_id in actions(changes(client)) if object_id == report.pk] == [
        "created",
        "updated",
        "unpublished",
        "created",
    ]


def test_drafts_record_nothing_and_deleting_a_draft_reveals_nothing(client, project):
    report = EventReportPageFactory(parent=project, slug="szkic", live=False)
    report.title = "Wersja robocza"
    report.save_revision()
    report.delete()

    assert [change for change in actions(changes(client)) if change[1] == "pages"] == []


def test_a_page_under_a_view_restriction_is_removed_for_partners_not_updated(client, project):
    report = publish(EventReportPageFactory(parent=project, slug="prywatna"))
    cursor = changes(client)["meta"]["next_cursor"]

    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    publish(report)
    payload = changes(client, since=cursor)

    assert ("unpublished", "pages", report.pk) in actions(payload)
    assert ("updated", "pages", report.pk) not in actions(payload)
    assert {item["action"] for item in payload["items"] if item["endpoint"] == "pages"} == {"unpublished"}


def test_lifting_a_view_restriction_announces_the_pages_again(client, project):
    restriction = PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    report = publish(EventReportPageFactory(parent=project, slug="odtajniona"))
    assert ("created", "pages", report.pk) not in actions(changes(client))

    restriction.delete()

    assert ("created", "pages", report.pk) in actions(changes(client))


def test_a_move_updates_the_moved_pages(client, site_tree, project):
    report = publish(EventReportPageFactory(parent=project, slug="przenoszona"))
    other = ProjectPageFactory(parent=site_tree.projects, slug="inny")
    cursor = changes(client)["meta"]["next_cursor"]

    report.move(other, pos="last-child")

    assert ("updated", "pages", report.pk) in actions(changes(client, since=cursor))


def test_snippets_are_reported_and_a_person_made_private_counts_as_deleted(client):
    organisation = OrganisationFactory()
    office = OfficeFactory(organisation=organisation)
    person = PersonFactory(organisation=organisation)
    hidden = PersonFactory(organisation=organisation, is_public=False)
    cursor = changes(client)["meta"]["next_cursor"]

    person.is_public = False
    person.internal_notes = "Nie pokazywać"
    person.save()
    office_id = office.pk
    office.delete()
    hidden.internal_notes = "Nadal prywatna"
    hidden.save()
    payload = changes(client, since=cursor)

    assert actions(payload) == [("deleted", "people", person.pk), ("deleted", "offices", office_id)]
    assert "Nie pokazywać" not in str(payload)


def test_pages_through_the_log_with_a_cursor(client, project):
    reports = [publish(EventReportPageFactory(parent=project, slug=f"r{n}")) for n in range(4)]

    first = changes(client, limit=2)
    second = changes(client, limit=2, since=first["meta"]["next_cursor"])
    rest = changes(client, limit=2, since=second["meta"]["next_cursor"])

    assert first["meta"]["has_more"] and second["meta"]["has_more"] and not rest["meta"]["has_more"]
    seen = [item["id"] for payload in (first, second, rest) for item in payload["items"] if item["endpoint"] == "pages"]
    assert seen == [report.pk for report in reports]


def _in_thread(name: str, work) -> threading.Thread:
    def run():
        try:
            with transaction.atomic():
                work()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


# Real commits, from two threads; serialized_rollback puts back the locales and site that migrate made.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer in at a time by itself")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_late_is_not_skipped_by_a_partner_reading_meanwhile(client, settings, monkeypatch):
    """Had a later writer committed first, a partner's cursor would have moved past the earlier, open one's entry."""
    settings.KRONIKA_API_CACHE_SECONDS = 0
    recorded, release = threading.Event(), threading.Event()
    bump_as_usual = entry.bump_generation

    def hold_the_first_writer():
        # The first writer stops right after inserting its entry, before the generation bump.
        if threading.current_thread().name == "first":
            recorded.set()
            release.wait(10)
        bump_as_usual()

    first, second = OrganisationFactory(name="Pierwsza"), OrganisationFactory(name="Druga")
    monkeypatch.setattr(entry, "bump_generation", hold_the_first_writer)
    first_writer = _in_thread("first", lambda: record(Change(Kind.SAVED, first)))
    assert recorded.wait(10)
    second_writer = _in_thread("second", lambda: record(Change(Kind.SAVED, second)))
    try:
        second_writer.join(1)
        assert second_writer.is_alive(), "the second writer committed its entry while the first was still open"
        cursor = changes(client)["meta"]["next_cursor"]
    finally:
        release.set()
        first_writer.join(10)
        second_writer.join(10)

    assert actions(changes(client, since=cursor)) == [
        ("updated", "organisations", first.pk),
        ("updated", "organisations", second.pk),
    ]


def _age(entries, days: int) -> None:
    ContentChange.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        recorded_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_compacting_keeps_each_objects_latest_entry_and_all_recent_history(client, project):
    old = publish(EventReportPageFactory(parent=project, slug="stara"))
    publish(old)
    old.unpublish()
    recent = publish(EventReportPageFactory(parent=project, slug="nowa"))
    _age(ContentChange.objects.filter(object_id=old.pk), days=40)
    _age(ContentChange.objects.filter(object_id=recent.pk), days=10)
    publish(recent)
    cursor_ten_days_ago = ContentChange.objects.get(object_id=recent.pk, action="created").pk - 1

    out = StringIO()
    call_command("compact_change_log", "--days", "30", stdout=out)

    assert "Removed 2 " in out.getvalue()
    reports = [change for change in actions(changes(client)) if change[2] in (old.pk, recent.pk)]
    assert reports == [
        ("unpublished", "pages", old.pk),
        ("created", "pages", recent.pk),
        ("updated", "pages", recent.pk),
    ]
    assert actions(changes(client, since=cursor_ten_days_ago)) == [
        ("created", "pages", recent.pk),
        ("updated", "pages", recent.pk),
    ]
    # What partners were last told is still known: republishing is a creation for them again.
    publish(old)
    assert actions(changes(client))[-1] == ("created", "pages", old.pk)


@pytest.mark.parametrize("days", ["0", "-3", "soon"])
def test_compacting_refuses_a_bad_age_and_deletes_nothing(project, days):
    report = publish(EventReportPageFactory(parent=project, slug="relacja"))
    publish(report)
    _age(ContentChange.objects.all(), days=400)
    entries = ContentChange.objects.count()

    with pytest.raises(CommandError):
        call_command("compact_change_log", "--days", days, stdout=StringIO())

    assert ContentChange.objects.count() == entries


@pytest.mark.parametrize(
    "params",
    [
        {"since": "abc"},
        {"since": "-1"},
        {"since": "1.5"},
        {"since": "9" * 40},
        {"limit": "0"},
        {"limit": "100000"},
        {"limit": "x"},
        {"cursor": "1"},
        {"fields": "*"},
    ],
)
def test_bad_parameters_get_a_400_with_a_json_message(client, params):
    response = client.get(CHANGES_URL, params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_listing_costs_a_fixed_number_of_queries(client, project, django_assert_max_num_queries):
    for n in range(30):
        publish(EventReportPageFactory(parent=project, slug=f"q{n}"))

    with django_assert_max_num_queries(3):
        payload = changes(client, limit=30)

    assert len(payload["items"]) == 30
