import datetime

import pytest
import wagtail_factories
from django.utils import timezone

from .factories import (
    EventReportPageFactory,
    FundingProgramPageFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

REPORTS = {"type": "projects.EventReportPage"}


@pytest.fixture
def reports(site_tree):
    """Two projects (one funded by Aktywni+), three reports in Biłgoraj, Gniezno and Poznań."""
    program = FundingProgramPageFactory(parent=site_tree.programs, title="Aktywni+", slug="aktywni")
    woes = OrganisationFactory(name="WOES")
    funded = ProjectPageFactory(parent=site_tree.projects, slug="seniorzy", lead_organisation=woes)
    funded.funding.create(program=program, currency="PLN")
    funded.save()
    other = ProjectPageFactory(parent=site_tree.projects, slug="inny")
    bilgoraj = EventReportPageFactory(
        parent=funded, slug="sniadanie", title="Śniadanie senioralne", city="Biłgoraj",
        region="powiat biłgorajski", event_kind="networking", event_date=datetime.date(2023, 10, 25),
    )  # fmt: skip
    gniezno = EventReportPageFactory(
        parent=other, slug="sesja", title="Sesja dialogowa w Gnieźnie", city="Gniezno",
        region="powiat gnieźnieński", event_kind="dialogue_session", event_date=datetime.date(2016, 2, 26),
        event_end_date=datetime.date(2016, 2, 28),
    )  # fmt: skip
    poznan = EventReportPageFactory(
        parent=other,
        slug="warsztaty",
        title="Warsztaty",
        city="Poznań",
        region="powiat poznański",
        event_date=datetime.date(2020, 5, 1),
    )
    participant = OrganisationFactory(name="MOPS Gniezno")
    gniezno.participants.create(organisation=participant)
    gniezno.save()
    return {
        "program": program, "woes": woes, "participant": participant, "funded": funded, "other": other,
        "bilgoraj": bilgoraj, "gniezno": gniezno, "poznan": poznan,
    }  # fmt: skip


def _titles(client, **params) -> list[str]:
    response = client.get("/api/v2/pages/", {**REPORTS, "order": "event_date", **params})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_date_from": "2016-02-27"}, ["Sesja dialogowa w Gnieźnie", "Warsztaty", "Śniadanie senioralne"]),
        ({"event_date_from": "2016-03-01", "event_date_to": "2021-01-01"}, ["Warsztaty"]),
        ({"event_kind": "networking"}, ["Śniadanie senioralne"]),
        ({"city": "gniezno"}, ["Sesja dialogowa w Gnieźnie"]),
        ({"city": "BILGORAJ"}, ["Śniadanie senioralne"]),
        ({"city": "poznan"}, ["Warsztaty"]),
        ({"region": "gnieznienski"}, ["Sesja dialogowa w Gnieźnie"]),
        ({"search": "bilgoraj"}, ["Śniadanie senioralne"]),
        ({"search": "gniezno"}, ["Sesja dialogowa w Gnieźnie"]),
        ({"search": "GNIEŹNIE sesja"}, ["Sesja dialogowa w Gnieźnie"]),
        ({"search": "sniadanie"}, ["Śniadanie senioralne"]),
        (
            {"search": "sesja sniadanie", "search_operator": "or"},
            ["Sesja dialogowa w Gnieźnie", "Śniadanie senioralne"],
        ),
        ({"order": "-event_date"}, ["Śniadanie senioralne", "Warsztaty", "Sesja dialogowa w Gnieźnie"]),
    ],
)
def test_report_filters_answer_partners_questions(client, reports, params, expected):
    assert _titles(client, **params) == expected


def test_filters_by_project_program_and_organisation(client, reports):
    assert _titles(client, project=reports["other"].pk) == ["Sesja dialogowa w Gnieźnie", "Warsztaty"]
    assert _titles(client, program=reports["program"].pk) == ["Śniadanie senioralne"]
    assert _titles(client, organisation=reports["woes"].pk) == ["Śniadanie senioralne"]
    assert _titles(client, organisation=reports["participant"].pk) == ["Sesja dialogowa w Gnieźnie"]


def test_modified_since_uses_last_publication(client, reports):
    moment = timezone.now()
    reports["poznan"].save_revision().publish()

    assert _titles(client, modified_since=moment.isoformat()) == ["Warsztaty"]


def test_snippets_filter_city_and_search_without_diacritics(client, db):
    OrganisationFactory(name="Stowarzyszenie Razem", city="Kłecko")
    OrganisationFactory(name="Fundacja Bliżej Pasji", city="Biłgoraj")
    PersonFactory(name="Anna Giżycka")

    assert [o["name"] for o in client.get("/api/v2/organisations/", {"city": "klecko"}).json()["items"]] == [
        "Stowarzyszenie Razem"
    ]
    assert [o["name"] for o in client.get("/api/v2/organisations/", {"search": "blizej"}).json()["items"]] == [
        "Fundacja Bliżej Pasji"
    ]
    assert [p["name"] for p in client.get("/api/v2/people/", {"search": "gizycka"}).json()["items"]] == ["Anna Giżycka"]


BAD_REQUESTS = [
    ("/api/v2/pages/", {"limit": "0"}),
    ("/api/v2/pages/", {"limit": "-1"}),
    ("/api/v2/pages/", {"limit": "abc"}),
    ("/api/v2/pages/", {"limit": "101"}),
    ("/api/v2/pages/", {"limit": "99999999999999999999999"}),
    ("/api/v2/pages/", {"offset": "-5"}),
    ("/api/v2/pages/", {"offset": "99999999999999999999999"}),
    ("/api/v2/pages/", {"unknown": "1"}),
    ("/api/v2/pages/", {"fields": "nope"}),
    ("/api/v2/pages/", {"fields": "title("}),
    ("/api/v2/pages/", {"order": "nope"}),
    ("/api/v2/pages/", {"type": "nope.Nope"}),
    ("/api/v2/pages/", {"locale": "xx"}),
    ("/api/v2/pages/", {"fallback": "true"}),
    ("/api/v2/pages/", {"locale": "pl", "fallback": "maybe"}),
    ("/api/v2/pages/", {"search": "słowo " * 50}),
    ("/api/v2/pages/", {"search": " ".join(["a"] * 21)}),
    ("/api/v2/pages/", {"search": "   "}),
    ("/api/v2/pages/", {"search": "x", "search_operator": "xor"}),
    ("/api/v2/pages/", {"rich_text_format": "pdf"}),
    ("/api/v2/pages/", {"event_date_from": "2023-10-25"}),
    ("/api/v2/pages/", {"modified_since": "yesterday"}),
    ("/api/v2/pages/", {"first_published_at": "not-a-date"}),
    ("/api/v2/pages/", {"child_of": "abc"}),
    ("/api/v2/pages/", {**REPORTS, "event_date_from": "25.10.2023"}),
    ("/api/v2/pages/", {**REPORTS, "event_date_to": "2023-02-30"}),
    ("/api/v2/pages/", {**REPORTS, "event_date_from": "2024-01-02", "event_date_to": "2024-01-01"}),
    ("/api/v2/pages/", {**REPORTS, "event_date": "nie-data"}),
    ("/api/v2/pages/", {**REPORTS, "event_kind": "party"}),
    ("/api/v2/pages/", {**REPORTS, "project": "abc"}),
    ("/api/v2/pages/", {**REPORTS, "project": "0"}),
    ("/api/v2/pages/", {**REPORTS, "project": "999999"}),
    ("/api/v2/pages/", {**REPORTS, "program": "-1"}),
    ("/api/v2/pages/", {**REPORTS, "organisation": "999999"}),
    ("/api/v2/pages/", {**REPORTS, "city": ""}),
    ("/api/v2/pages/", {**REPORTS, "region": "x" * 201}),
    ("/api/v2/organisations/", {"limit": "0"}),
    ("/api/v2/organisations/", {"region": "x"}),
    ("/api/v2/organisations/", {"id": "abc"}),
    ("/api/v2/people/", {"email": "osoba0@example.org"}),
    ("/api/v2/people/", {"order": "email"}),
    ("/api/v2/people/", {"internal_notes": "x"}),
    ("/api/v2/people/", {"locale": "xx"}),
    ("/api/v2/offices/", {"search": "x" * 201}),
    ("/api/v2/images/", {"limit": "1000"}),
    ("/api/v2/documents/", {"offset": "abc"}),
]


@pytest.mark.parametrize(("url", "params"), BAD_REQUESTS)
def test_bad_requests_get_a_400_with_a_json_message(client, reports, url, params):
    response = client.get(url, params)

    assert response.status_code == 400, (params, response.content)
    assert set(response.json()) == {"message"}


BAD_DETAIL_PARAMETERS = [
    {"unknown": "1"},
    {"fields": "nope"},
    {"locale": "xx"},
    {"rich_text_format": "pdf"},
    {"email": "osoba0@example.org"},
]


@pytest.mark.parametrize("params", BAD_DETAIL_PARAMETERS, ids=lambda params: next(iter(params)))
@pytest.mark.parametrize("endpoint", ["pages", "organisations", "people", "offices", "images", "documents"])
def test_details_refuse_bad_parameters_as_listings_do(client, reports, endpoint, params):
    PersonFactory(name="Anna Giżycka")
    OfficeFactory()
    wagtail_factories.ImageFactory()
    wagtail_factories.DocumentFactory()
    detail_url = f"/api/v2/{endpoint}/{client.get(f'/api/v2/{endpoint}/').json()['items'][0]['id']}/"

    response = client.get(detail_url, params)

    assert response.status_code == 400, (endpoint, params, response.content)
    assert set(response.json()) == {"message"}
    assert client.get(detail_url).status_code == 200


def test_a_search_of_a_thousand_words_is_refused_not_crashed(client, reports):
    response = client.get("/api/v2/pages/", {"search": "słowo " * 1000})

    assert response.status_code == 400
