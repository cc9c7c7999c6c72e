import json

import pytest
import wagtail_factories
from wagtail.images import get_image_model

from projects.renditions import RESPONSIVE_SPECS

from .api_fixtures import build_reports
from .factories import OfficeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _blocks(data: dict, field: str = "body") -> dict:
    return {block["type"]: block["value"] for block in data[field]}


def test_report_detail_inlines_what_partners_need_in_compact_json(client, site_tree):
    report = build_reports(site_tree, 1)[0]

    response = client.get(f"/api/v2/pages/{report.pk}/")

    assert response.status_code == 200
    assert b"\n" not in response.content and b", " not in response.content[:200]
    data = response.json()
    body = _blocks(data)
    assert body["paragraph"] == (
        '<p>Spotkanie w ramach <a href="http://localhost/pl/projekty/sieciowanie/">projekt</a>.</p>'
    )
    assert body["image"]["alt"] == "Sala" and body["image"]["credit"] == "fot. A"
    assert body["quote"]["speaker"]["name"] == "Anna Giżycka"
    assert body["quote"]["speaker"]["person"]["organisation"]["acronym"] == "WOES"
    assert body["office"]["office"]["phone"] == {"display": "63 245 58 29", "e164": "+48632455829"}
    contacts = _blocks(data, "contacts")
    assert contacts["staff_contact"]["person"]["office_hours"]["ranges"] == [
        {"days": [], "opens": "08:00", "closes": "16:00"}
    ]
    assert contacts["contact_line"]["phone"]["e164"] == "+48501144678"
    assert data["project"] == {
        "id": report.get_parent().pk,
        "title": "Sieciowanie",
        "html_url": report.get_parent().full_url,
    }
    assert [program["title"] for program in data["programs"]] == ["Aktywni+"]
    assert [row["organisation"]["acronym"] for row in data["organisers"]] == ["WOES"]
    assert [row["display_name"] for row in data["participants"]] == ["MOPS 0", "PUP w Gnieźnie"]
    assert data["moderators"][0]["person"]["name"] == "Jarosław Wypyszyński"


def test_internal_fields_never_leave(client, site_tree):
    report = build_reports(site_tree, 1)[0]
    report.source_notes.create(kind="missing", note="SEKRETNA NOTATKA")
    report.save()

    responses = [
        client.get(f"/api/v2/pages/{report.pk}/"),
        client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": "*"}),
        client.get("/api/v2/people/", {"fields": "*"}),
    ]

    for response in responses:
        text = response.content.decode()
        assert response.status_code == 200
        for secret in ("prywatne", "internal_notes", "is_public", "show_email", "SEKRETNA", "source_notes"):
            assert secret not in text


def test_renditions_are_made_on_publish_and_listed_with_srcset(client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = build_reports(site_tree, 1, images=1)[0]
        report.save_revision().publish()

    image = _blocks(client.get(f"/api/v2/pages/{report.pk}/").json())["image"]

    assert [(r["format"], r["url"].rsplit(".", 1)[-1]) for r in image["renditions"]][-1] == ("webp", "webp")
    assert len(image["renditions"]) == len(RESPONSIVE_SPECS)
    assert image["srcset"]["webp"].startswith("http://localhost/media/images/")
    assert all(rendition["url"].startswith("http://") for rendition in image["renditions"])


def test_an_api_request_never_makes_a_rendition(client, site_tree, monkeypatch):
    report = build_reports(site_tree, 2)[0]
    rendition_model = get_image_model().get_rendition_model()
    before = rendition_model.objects.count()

    def refuse(*args, **kwargs):
        raise AssertionError("a rendition was made inside an API request")

    monkeypatch.setattr(get_image_model(), "create_renditions", refuse)
    monkeypatch.setattr(get_image_model(), "get_rendition", refuse)
    responses = [
        client.get(f"/api/v2/pages/{report.pk}/"),
        client.get("/api/v2/pages/", {"type": "projects.EventReportPage", "fields": "*"}),
        client.get("/api/v2/images/", {"fields": "*"}),
    ]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert rendition_model.objects.count() == before


def test_saving_an_image_makes_its_renditions(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = wagtail_factories.ImageFactory(width=2000, height=1000)

    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert specs == {spec for _, _, spec in RESPONSIVE_SPECS}


def test_people_endpoint_shows_only_public_people_and_chosen_contacts(client, db):
    organisation = OrganisationFactory(name="WOES")
    PersonFactory(name="Widoczna", organisation=organisation, show_email=False, phone="501 144 678")
    PersonFactory(name="Ukryta", is_public=False, organisation=organisation)

    items = client.get("/api/v2/people/").json()["items"]

    assert [item["name"] for item in items] == ["Widoczna"]
    assert items[0]["email"] is None
    assert items[0]["phone"] == {"display": "501 144 678", "e164": "+48501144678"}
    assert set(items[0]) - {"meta"} == {
        "id",
        "name",
        "role",
        "department",
        "organisation",
        "email",
        "phone",
        "office_hours",
    }


def test_organisations_and_offices_endpoints(client, db):
    office = OfficeFactory(name="Poznań", office_hours="pon.-pt. 8:00-16:00")

    organisations = client.get("/api/v2/organisations/").json()["items"]
    offices = client.get("/api/v2/offices/").json()["items"]

    assert [item["name"] for item in organisations] == [office.organisation.name]
    assert offices[0]["address"]["lines"] == ["ul. Górecka 115", "61-475 Poznań"]
    assert offices[0]["office_hours"]["ranges"][0]["days"] == ["mon", "tue", "wed", "thu", "fri"]
    assert offices[0]["meta"]["locale"] == "pl"


def test_responses_are_json_even_for_errors(client, db):
    response = client.get("/api/v2/pages/", {"limit": "0"})

    assert response.status_code == 400
    assert json.loads(response.content) == {"message": "limit must be from 1 to 100"}
