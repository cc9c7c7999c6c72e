import datetime
import os
import site
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.demo.data import DEMO_DATA_PATH
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
    ReportParticipant,
    SourceNoteKind,
)

pytestmark = pytest.mark.django_db

GNIEZNO = "sesja-dialogowa-gniezno-2016"
BILGORAJ = "sniadanie-organizacji-senioralnych-bilgoraj"


def load_demo(*args: str, verbosity: int = 0) -> str:
    out = StringIO()
    call_command("load_demo", *args, verbosity=verbosity, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo loaded once for this module (its output); each test's own changes roll back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(verbosity=1)
        transaction.set_rollback(True)
    cache.clear()


def report(slug: str) -> EventReportPage:
    return EventReportPage.objects.get(slug=slug)


def blocks_of(stream, block_type: str) -> list:
    return [block.value for block in stream if block.block_type == block_type]


def test_gniezno_report_holds_the_seed_facts_in_structured_fields(demo):
    page = report(GNIEZNO)

    assert page.event_kind == EventKind.DIALOGUE_SESSION
    assert page.event_date == datetime.date(2016, 2, 26)
    assert (page.city, page.venue) == ("Gniezno", "Sala sesyjna, Starostwo Powiatowe w Gnieźnie")
    assert page.participants.count() == 10
    assert page.goals.count() == 3
    assert page.outcomes.count() == 2
    assert [moderator.person.name for moderator in page.moderators.all()] == ["Anna Giżycka", "Jarosław Wypyszyński"]
    [organiser] = page.organisers.all()
    assert (organiser.organisation.acronym, organiser.organisation.parent.acronym) == ("WOES", "SNRSS")
    assert page.get_parent().specific.lead_organisation.acronym == "SNRSS"


def test_gniezno_participants_are_organisations_with_the_acronyms_the_text_uses(demo):
    participants = list(report(GNIEZNO).participants.select_related("organisation"))

    assert all(participant.organisation_id and not participant.name for participant in participants)
    assert [p.organisation.acronym for p in participants if p.organisation.acronym] == [
        "MOPS",
        "PUP",
        "WTZ",
        "WTZ",
        "PCPR",
    ]
    assert participants[2].display_name == "Stowarzyszenie Rodzin Osób Niepełnosprawnych „Razem”"


@pytest.mark.parametrize(
    ("name", "phone", "phone_e164", "hours", "email"),
    [
        ("Jarosław Wypyszyński", "518 359 273", "+48518359273", ("08:00", "16:00"), "jarekwypyszynski@gmail.com"),
        ("Anna Giżycka", "512-212-242", "+48512212242", ("08:30", "16:30"), "anna.gizycka@spoldzielnie.org"),
    ],
)
def test_gniezno_staff_contacts_have_normalised_phones_and_structured_hours(
    demo, name, phone, phone_e164, hours, email
):
    people = {block["person"].name: block["person"] for block in blocks_of(report(GNIEZNO).contacts, "staff_contact")}

    person = people[name]
    assert len(people) == 2
    assert (person.phone, person.phone_e164, person.email) == (phone, phone_e164, email)
    assert person.office_hours_ranges == [{"days": [], "opens": hours[0], "closes": hours[1]}]
    assert person.department == "Dział animacji i partnerstw lokalnych"


@pytest.mark.parametrize(
    ("name", "street", "postal_code", "phone", "phone_e164"),
    [
        ("Konin", "ul. Wrzosowa 7", "62-510", "63 245 58 29", "+48632455829"),
        ("Poznań", "ul. Górecka 115", "61-475", "61 887-11-66", "+48618871166"),
    ],
)
def test_gniezno_offices_have_addresses_and_normalised_phones(demo, name, street, postal_code, phone, phone_e164):
    offices = {block["office"].name: block["office"] for block in blocks_of(report(GNIEZNO).contacts, "office")}

    office = offices[name]
    assert len(offices) == 2
    assert (office.street_address, office.postal_code, office.city) == (street, postal_code, name)
    assert (office.phone, office.phone_e164, office.email) == (phone, phone_e164, "biuro@spoldzielnie.org")


def test_gniezno_body_has_the_photo_quote_and_offered_support(demo):
    body = report(GNIEZNO).body

    [photo] = blocks_of(body, "image")
    [quote] = blocks_of(body, "quote")
    [support] = blocks_of(body, "list")
    assert (photo["caption"], photo["credit"]) == ("Zdjęcie sali sesyjnej podczas sesji dialogowej", "")
    assert "placeholder" in photo["image"].title and photo["image"].description
    assert (quote["person"].name, quote.speaker_role) == (
        "Anna Giżycka",
        "specjalistka, Dział animacji i partnerstw lokalnych",
    )
    assert len(support["items"]) == 5


def test_bilgoraj_report_records_the_assumed_year_for_editors(demo, admin_client):
    page = report(BILGORAJ)

    [note] = page.source_notes.all()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert page.event_kind == EventKind.NETWORKING
    assert (page.event_date.month, page.event_date.day) == (10, 25)
    assert 2021 <= page.event_date.year <= 2025
    assert (note.kind, note.field_name) == (SourceNoteKind.ASSUMPTION, "event date")
    assert str(page.event_date.year) in note.note and "b.r." in note.note
    assert note.note in response.content.decode()
    assert (page.city, page.region) == ("Biłgoraj", "powiat biłgorajski")
    assert page.goals.count() == 4


def test_bilgoraj_report_quotes_the_coordinator_and_gives_the_unnamed_phone(demo):
    page = report(BILGORAJ)

    [quote] = blocks_of(page.body, "quote")
    [line] = blocks_of(page.contacts, "contact_line")
    assert (quote["person"].name, quote.speaker_role) == ("Monika Dominik", "koordynatorka projektu")
    assert line["phone"] == "501 144 678"
    assert [organiser.organisation.name for organiser in page.organisers.all()] == ["Fundacja Bliżej Pasji"]


def test_bilgoraj_project_keeps_its_title_missing_and_flags_it(demo, admin_client):
    project = report(BILGORAJ).get_parent().specific

    [note] = project.source_notes.all()
    [funding] = project.funding.all()
    response = admin_client.get(f"/admin/pages/{project.pk}/edit/")
    assert project.official_title == ""
    with translation.override("en"):
        assert "official title" in project.get_admin_display_title()
        assert project.editor_warnings()[0].startswith("The official title of this project is missing")
    assert (note.kind, note.field_name) == (SourceNoteKind.MISSING, "official title")
    assert "The official title of this project is missing" in response.content.decode()
    assert (funding.amount, funding.agreement_number) == (None, "")
    assert [coordinator.person.name for coordinator in project.coordinators.all()] == ["Monika Dominik"]


def test_aktywni_plus_program_runs_2021_to_2025_with_no_funder_invented(demo):
    program = FundingProgramPage.objects.get(slug="aktywni-plus", locale__language_code="pl")

    assert program.period_display == "2021–2025"
    assert program.funder is None
    assert "„Aktywni+”" in program.full_name
    project = ProjectPage.objects.get(funding__program=program, locale=program.locale)
    assert project.lead_organisation.name == "Fundacja Bliżej Pasji"


def test_home_page_replaces_the_welcome_page_as_the_default_site_root(demo):
    site = Site.objects.get(is_default_site=True)

    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "pl"
    # The only other roots are the home page's translations (the demo's English version).
    assert not Page.objects.filter(depth=2).exclude(translation_key=home.translation_key).exists()
    assert [type(child.specific) for child in home.get_children()] == [
        FundingProgramIndexPage,
        ProjectIndexPage,
        EventReportIndexPage,
    ]


def test_every_demo_page_is_published(demo):
    pages = Page.objects.filter(depth__gt=1)

    assert pages.filter(locale__language_code="pl").count() == 9
    assert pages.filter(locale__language_code="en").count() == 9
    assert all(page.live and not page.has_unpublished_changes and page.live_revision_id for page in pages)


def state() -> dict:
    pages = Page.objects.filter(depth__gt=1).order_by("pk")
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (Page, Revision, Organisation, Person, Office, ReportParticipant, get_image_model())
        },
        "pages": list(pages.values_list("pk", "latest_revision_id", "last_published_at", "first_published_at")),
        "images": list(get_image_model().objects.values_list("pk", "file_hash", "file")),
        "people": list(Person.objects.values_list("pk", "phone_e164")),
    }


def test_running_it_twice_changes_nothing(demo, django_assert_max_num_queries):
    before = state()

    # The Polish content costs up to 200 queries; checking its 27 English translations about 55 more.
    with django_assert_max_num_queries(260):
        output = load_demo(verbosity=1)

    assert state() == before
    assert "Demo content: 0 created, 0 updated, 28 unchanged" in output
    assert "Demo content: 28 created, 0 updated, 0 unchanged" in demo


def test_a_changed_data_file_updates_only_what_changed(demo, tmp_path):
    data = tmp_path / "demo.toml"
    text = DEMO_DATA_PATH.read_text(encoding="utf-8")
    data.write_text(text.replace('venue = "Sala sesyjna,', 'venue = "Sala Sesyjna,'), encoding="utf-8")
    bilgoraj_before = report(BILGORAJ).last_published_at

    output = load_demo("--data", str(data), verbosity=1)

    gniezno = report(GNIEZNO)
    assert gniezno.venue.startswith("Sala Sesyjna")
    assert gniezno.revisions.count() == 2
    assert report(BILGORAJ).last_published_at == bilgoraj_before
    assert "Event reports: 2 (1 unchanged, 1 updated)" in output


def test_progress_is_shown_per_step_and_silent_at_verbosity_zero(demo):
    assert "Organisations: 13 (13 created)" in demo
    assert "Event reports: 2 (2 created)" in demo
    assert load_demo(verbosity=0) == ""


def test_both_reports_are_listed_by_the_api(demo, client):
    query = {"type": "projects.EventReportPage", "fields": "event_date,city"}
    response = client.get("/api/v2/pages/", {**query, "locale": "pl"})
    english = client.get("/api/v2/pages/", {**query, "locale": "en"}).json()["items"]

    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert response.status_code == 200
    assert set(items) == {GNIEZNO, BILGORAJ}
    assert items[GNIEZNO]["event_date"] == "2016-02-26"
    assert {item["event_date"] for item in english} == {"2016-02-26", "2023-10-25"}


@pytest.mark.parametrize("slug", [GNIEZNO, BILGORAJ])
def test_the_admin_explorer_lists_each_report_under_its_project(demo, admin_client, slug):
    page = report(slug)

    response = admin_client.get(f"/admin/pages/{page.get_parent().pk}/")

    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.parametrize("path", ["/pl/", "/pl/relacje/", "/pl/projekty/woes/"])
def test_the_demo_site_is_served(demo, client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("slug", [GNIEZNO, BILGORAJ])
def test_report_pages_are_served(demo, client, slug):
    response = client.get(report(slug).url)

    assert response.status_code == 200
    assert report(slug).title in response.content.decode()


_recording: dict[str, list[str] | bool | None] = {"installed": False, "paths": None}


def _record_open(event: str, args: tuple) -> None:
    paths = _recording["paths"]
    if paths is not None and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        paths.append(os.fsdecode(args[0]))


@pytest.fixture
def opened_files():
    """Paths opened while the test runs (audit hooks cannot be removed, so the hook idles between tests)."""
    if not _recording["installed"]:
        sys.addaudithook(_record_open)
        _recording["installed"] = True
    _recording["paths"] = []
    yield _recording["paths"]
    _recording["paths"] = None


def test_the_loader_reads_nothing_outside_the_repository(demo, opened_files):
    allowed = [
        Path(root).resolve()
        for root in (settings.BASE_DIR, settings.MEDIA_ROOT, sys.prefix, sys.base_prefix, *site.getsitepackages())
    ]

    load_demo()

    outside = [path for path in opened_files if not any(Path(path).resolve().is_relative_to(a) for a in allowed)]
    assert DEMO_DATA_PATH.is_relative_to(Path(settings.BASE_DIR).resolve())
    assert str(DEMO_DATA_PATH) in opened_files
    assert outside == []


def test_the_default_site_answers_at_the_configured_base_url(demo):
    """API and page URLs of the demo point where the site runs, not at Wagtail's placeholder localhost:80."""
    site = Site.objects.get(is_default_site=True)

    assert site.root_url == settings.WAGTAILADMIN_BASE_URL


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("porozumienia", BILGORAJ),  # a word of the body, inflected
        ("bilgoraj", BILGORAJ),  # the city without diacritics
        ("Gniezno", GNIEZNO),
        ("gizycka", GNIEZNO),  # a moderator's name, without diacritics
        ("Caritas", GNIEZNO),  # a participating organisation
        ("Starostwo", GNIEZNO),
    ],
)
def test_the_admin_page_search_finds_the_demo_reports_by_what_they_say(demo, admin_client, query, slug):
    response = admin_client.get("/admin/pages/search/", {"q": query})

    assert response.status_code == 200
    assert report(slug).title in response.content.decode()


def test_the_admin_snippet_and_image_searches_use_the_same_search(demo, admin_client):
    people = admin_client.get("/admin/snippets/projects/person/", {"q": "gizyckiej"})
    images = admin_client.get("/admin/images/", {"q": "sesyjnej"})

    assert "Anna Giżycka" in people.content.decode()
    assert "Sala sesyjna Starostwa Powiatowego" in images.content.decode()
